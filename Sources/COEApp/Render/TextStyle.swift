import Foundation

/// When to colour output: `--color auto|always|never`.
public enum ColorChoice: String, CaseIterable, Sendable {
    /// Colours on a terminal, unless `NO_COLOR` is set (to anything but the empty string) or `TERM` is `dumb`.
    case auto
    /// Colours wherever the output goes: asked for by name, so it wins over `NO_COLOR`, as no-color.org asks.
    case always
    /// No colours.
    case never
}

/// The one colour helper: ANSI styling, on or off for a whole output.
public struct TextStyle: Sendable {
    /// An ANSI attribute; several combine into one escape sequence (`ESC[1;31m`).
    public enum Attribute: String, Sendable {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    /// True when text is styled; false, every function returns its text as it is.
    public let enabled: Bool
    /// What starts each escape sequence: `ESC [`, or for a command's output `TerminalText.introducer`,
    /// which the output turns into `ESC [` once it has shown every other control character escaped.
    let introducer: String

    /// Styling on or off, whatever the output, in plain ANSI (`ESC [`).
    public init(enabled: Bool) {
        self.enabled = enabled
        introducer = "\u{1B}["
    }

    /// No styling: for files, pipes and tests.
    public static let plain = TextStyle(enabled: false)

    /// The styling `choice` gives an output that is (or is not) a terminal, in `environment`: for text
    /// written through `TerminalText.shown`, which alone turns its sequences into ANSI.
    public init(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) {
        introducer = TerminalText.introducer
        switch choice {
        case .always: enabled = true
        case .never: enabled = false
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            enabled = isTerminal && !noColor && environment["TERM"] != "dumb"
        }
    }

    /// `text` in the given attributes, reset after it.
    public func paint(_ text: String, _ attributes: Attribute...) -> String { paint(text, attributes) }

    /// `text` in the given attributes, reset after it.
    public func paint(_ text: String, _ attributes: [Attribute]) -> String {
        guard enabled, !attributes.isEmpty else { return text }
        return "\(introducer)\(attributes.map(\.rawValue).joined(separator: ";"))m\(text)\(introducer)0m"
    }

    /// `text` in bold: headings, locations, ids.
    public func bold(_ text: String) -> String { paint(text, .bold) }
    /// `text` dimmed: what is there for reference (paths, commit ids, facts).
    public func dim(_ text: String) -> String { paint(text, .dim) }
    /// `text` in red: errors and what blocks.
    public func red(_ text: String) -> String { paint(text, .red) }
    /// `text` in green: what passed or counts.
    public func green(_ text: String) -> String { paint(text, .green) }
    /// `text` in yellow: warnings and what needs doing again.
    public func yellow(_ text: String) -> String { paint(text, .yellow) }
    /// `text` in cyan: notes and part headings.
    public func cyan(_ text: String) -> String { paint(text, .cyan) }
}

/// Text on its way to a terminal (or a pipe, a file, a hook's client): the one place where what
/// documents, commits and names hold is made safe to print. Every text output of every command goes
/// through `shown` (`CommandOutput.write`); JSON and SARIF are written exact, their own escaping
/// keeping control characters out of the syntax.
///
/// A control character (C0 but tab and newline, DEL, C1) and a bidirectional control (the overrides,
/// embeddings and isolates that reorder what follows, "Trojan Source") are shown escaped, as Swift
/// writes them: `\u{1B}`, `\r`, `\u{202E}`. So a title, a comment, a commit subject, a name or a path
/// cannot move the cursor, rewrite a line, set the window title, reach the clipboard (OSC 52) or
/// reorder the text around it.
///
/// coe's own colours stay colours: `TextStyle` writes them with `introducer`, a stand-in holding a
/// random number drawn once per process, which no document can know in advance; `shown` escapes the
/// text between those stand-ins and only then turns each into `ESC [`.
public enum TerminalText {
    /// `ESC`, `coe`, 32 random hex digits, `[`: stands for `ESC [` in coe's own colours until shown.
    static let introducer: String = {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        return "\u{1B}coe-\(nonce)["
    }()

    /// `text` as it may be written to a terminal: every control character escaped, coe's colours in ANSI.
    public static func shown(_ text: String) -> String {
        // Byte for byte (`containsBytes`): Foundation's `contains` spent 200 million instructions on the
        // 700 kB table of a thousand COEs' action items.
        guard text.containsBytes(introducer) else { return escaped(text) }
        return text.components(separatedBy: introducer).map(escaped).joined(separator: "\u{1B}[")
    }

    /// `text` with each control character and bidirectional control escaped (`\u{1B}`), tab and newline kept.
    public static func escaped(_ text: String) -> String {
        // Every hidden scalar is a byte under 0x20 (not tab or newline), DEL, or starts with a byte over 0x7F: text
        // without those bytes is returned as it is after one look at its bytes (decoding the scalars of a thousand
        // COEs' listing was 3 % of `coe list`'s instructions).
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 >= 0x7F || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) }
        }
        if plain == true { return text }
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isHidden(scalar) { result += scalar.escaped(asASCII: true) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// True for what a terminal acts on instead of showing: C0 controls but tab and newline, DEL, C1
    /// controls, and bidirectional controls.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidi_Control: ALM, LRM, RLM, the embeddings and overrides, the isolates.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
