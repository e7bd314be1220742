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

    /// Styling on or off, whatever the output.
    public init(enabled: Bool) { self.enabled = enabled }

    /// No styling: for files, pipes and tests.
    public static let plain = TextStyle(enabled: false)

    /// The styling `choice` gives an output that is (or is not) a terminal, in `environment`.
    public init(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) {
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
        return "\u{1B}[\(attributes.map(\.rawValue).joined(separator: ";"))m\(text)\u{1B}[0m"
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
