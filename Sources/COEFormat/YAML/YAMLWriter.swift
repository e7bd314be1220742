/// Writes block-style YAML a person can edit: keys in a fixed order, values quoted only when needed.
public struct YAMLWriter {
    public private(set) var text = ""

    public init() {}

    /// A value to write.
    public indirect enum Value {
        case string(String)
        /// Written as is (numbers, booleans, dates, timestamps): never quoted.
        case raw(String)
        case list([Value])
        /// A list written on one line: `[a, b]`.
        case inlineList([Value])
        case mapping([(String, Value?)])
    }

    /// Writes `key: value` pairs at the top level; nil values are left out.
    public mutating func write(_ pairs: [(String, Value?)], indent: Int = 0) {
        for (key, value) in pairs {
            guard let value else { continue }
            writePair(key, value, indent: indent)
        }
    }

    /// Writes a top-level list of mappings, one blank line between items (edits to two items then merge cleanly).
    public mutating func writeList(of items: [[(String, Value?)]]) {
        for (index, item) in items.enumerated() {
            if index > 0 { text += "\n" }
            writeListItem(item, indent: 0)
        }
    }

    /// Writes a comment line.
    public mutating func comment(_ line: String) { text += line.isEmpty ? "#\n" : "# \(line)\n" }

    private mutating func writePair(_ key: String, _ value: Value, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        // Keys that are data (rule IDs in the configuration) are quoted like any text that needs it.
        let key = YAMLWriter.isPlainSafe(key, inFlow: false) ? key : YAMLWriter.doubleQuoted(key)
        switch value {
        case .string(let string):
            if string.contains("\n") {
                text += "\(pad)\(key): \(YAMLWriter.blockScalar(string, indent: indent + 2))"
            } else {
                text += "\(pad)\(key): \(YAMLWriter.scalar(string))\n"
            }
        case .raw(let raw):
            text += "\(pad)\(key): \(raw)\n"
        case .inlineList(let items):
            text += "\(pad)\(key): [\(items.map(YAMLWriter.inline).joined(separator: ", "))]\n"
        case .list(let items):
            if items.isEmpty { text += "\(pad)\(key): []\n"; return }
            text += "\(pad)\(key):\n"
            for item in items {
                if case .mapping(let pairs) = item {
                    writeListItem(pairs, indent: indent + 2)
                } else {
                    text += "\(pad)  - \(YAMLWriter.inline(item))\n"
                }
            }
        case .mapping(let pairs):
            text += "\(pad)\(key):\n"
            write(pairs, indent: indent + 2)
        }
    }

    private mutating func writeListItem(_ pairs: [(String, Value?)], indent: Int) {
        let present = pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
        guard let first = present.first else { text += String(repeating: " ", count: indent) + "- {}\n"; return }
        var item = YAMLWriter()
        item.writePair(first.0, first.1, indent: indent + 2)
        for pair in present.dropFirst() { item.writePair(pair.0, pair.1, indent: indent + 2) }
        // Replace the first line's indentation with "- ".
        var written = item.text
        let prefix = String(repeating: " ", count: indent)
        written.replaceSubrange(written.startIndex..<written.index(written.startIndex, offsetBy: indent + 2), with: prefix + "- ")
        text += written
    }

    static func inline(_ value: Value) -> String {
        switch value {
        case .string(let string): return scalar(string, inFlow: true)
        case .raw(let raw): return raw
        case .list(let items), .inlineList(let items): return "[\(items.map(inline).joined(separator: ", "))]"
        case .mapping(let pairs):
            let written = pairs.compactMap { key, value in value.map { "\(scalar(key, inFlow: true)): \(inline($0))" } }
            return "{" + written.joined(separator: ", ") + "}"
        }
    }

    /// A single-line string, plain when YAML reads it back unchanged as text, double-quoted otherwise.
    public static func scalar(_ string: String, inFlow: Bool = false) -> String {
        isPlainSafe(string, inFlow: inFlow) ? string : doubleQuoted(string)
    }

    static func isPlainSafe(_ string: String, inFlow: Bool) -> Bool {
        guard let first = string.unicodeScalars.first, let last = string.unicodeScalars.last else { return false }
        if first.properties.isWhitespace || last.properties.isWhitespace { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if string.contains(": ") || string.contains(" #") || string.hasSuffix(":") { return false }
        // libyaml (YAML 1.1) refuses any ':' inside a plain scalar in a flow collection ("found unexpected ':'").
        if inFlow && string.unicodeScalars.contains(where: { ",[]{}:".unicodeScalars.contains($0) }) { return false }
        if string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0xFEFF || $0.value == 0x2028 || $0.value == 0x2029 }) { return false }
        // Words other YAML readers would turn into booleans, nulls or numbers stay quoted for them.
        let lowered = string.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lowered) { return false }
        if Double(string) != nil || string.allSatisfy({ $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" || $0 == ":" }) { return false }
        return true
    }

    static func doubleQuoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += "\\u" + pad(hex: Int(scalar.value), 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A literal block (`|`, `|-` or `|+`) holding `string` exactly, indented by `indent`.
    static func blockScalar(_ string: String, indent: Int) -> String {
        let safe = !string.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0.value == 0xFEFF || (0x80...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 })
        let lines = string.split(separator: "\n", omittingEmptySubsequences: false)
        let firstContent = lines.first(where: { !$0.isEmpty })
        // Leading spaces on the first line, trailing spaces or several final line breaks need the quoted form.
        guard safe, let firstContent, !firstContent.hasPrefix(" "), !lines.contains(where: { $0.hasSuffix(" ") }),
              !string.hasSuffix("\n\n") else {
            return doubleQuoted(string) + "\n"
        }
        let pad = String(repeating: " ", count: indent)
        var body = string
        var chomp = "|-"
        if body.hasSuffix("\n") {
            body.removeLast()
            chomp = "|"
        }
        let bodyLines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return chomp + "\n" + bodyLines.map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n") + "\n"
    }
}

func pad(hex value: Int, _ width: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
