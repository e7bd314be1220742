/// An action file split into its approved content and its tracking state (`ActionItem.trackingKeys`),
/// without rewriting a byte of the approved content: what an approval covers (`ContentHash`) and what
/// `coe action done|move|note` may change after approval.
///
/// The split is textual, so the approved lines stay exactly as written (comments included): a
/// top-level line whose key is a tracking key starts a tracking block, which runs over the lines that
/// continue it (indented, blank, or a `- ` list item at the left margin) up to the next top-level key.
/// It is trusted only when YAML agrees: the approved lines alone must parse to the same values as the
/// whole file without its tracking keys. A file where they differ (a quoted value running over lines,
/// an anchor in a tracking value that approved content uses) has no split, and callers treat the whole
/// file as approved content: then any change to it voids approvals, as it did before the split existed.
public enum ActionTracking {
    /// The approved content: the file without its tracking blocks; nil when the file cannot be split
    /// safely (it does not parse, or the split changes what YAML reads).
    public static func approvedContent(of bytes: [UInt8]) -> [UInt8]? {
        let split = split(bytes)
        guard !split.tracking.isEmpty else { return bytes }
        guard let whole = try? YAMLParser.parse(SourceText(file: "action", text: String(decoding: bytes, as: UTF8.self))),
              case .mapping(let pairs, _) = whole else { return nil }
        let approvedText = String(decoding: split.approved, as: UTF8.self)
        let approved = try? YAMLParser.parse(SourceText(file: "action", text: approvedText))
        let expected = pairs.filter { !ActionItem.trackingKeys.contains($0.key) }
        switch approved {
        case .mapping(let kept, _)?:
            guard kept.count == expected.count,
                  zip(kept, expected).allSatisfy({ $0.key == $1.key && same($0.value, $1.value) }) else { return nil }
        case nil:
            guard expected.isEmpty else { return nil }
        default:
            return nil
        }
        return split.approved
    }

    /// What an approval of the file covers: its approved content, or the whole file when it cannot be
    /// split safely (`ContentHash` and `coe audit` read it through this).
    public static func approvedContentOrWhole(_ bytes: [UInt8]) -> [UInt8] { approvedContent(of: bytes) ?? bytes }

    /// The file with its tracking state replaced by `item`'s (written after the approved content), the
    /// approved lines kept byte for byte; nil when the file cannot be split safely.
    public static func replacingTracking(in bytes: [UInt8], with item: ActionItem) -> [UInt8]? {
        guard var approved = approvedContent(of: bytes) else { return nil }
        if !approved.isEmpty && approved.last != 0x0A { approved.append(0x0A) }
        var writer = YAMLWriter()
        writer.write(ActionFile.trackingPairs(item))
        // A file written with CRLF line ends keeps them.
        let crlf = bytes.firstIndex(of: 0x0A).map { $0 > 0 && bytes[$0 - 1] == 0x0D } ?? false
        return approved + Array((crlf ? writer.text.replacingOccurrences(of: "\n", with: "\r\n") : writer.text).utf8)
    }

    /// The file with the top-level `key:` line set to `value` (`StatusLine.replacingValue`: a trailing
    /// comment kept), or the line added at the end when there is none. Whether YAML reads the result as
    /// meant is the caller's check (`coe action move` reads the item back).
    public static func replacingApprovedValue(_ key: String, with value: String, in bytes: [UInt8]) -> [UInt8]? {
        if let replaced = StatusLine.replacingValue(of: key, with: value, in: bytes) { return replaced }
        if StatusLine.line("\(key):", in: bytes) != nil { return nil }
        var result = bytes
        if !result.isEmpty && result.last != 0x0A { result.append(0x0A) }
        return result + Array("\(key): \(value)\n".utf8)
    }

    /// The lines outside tracking blocks, and the tracking keys found (not yet checked against YAML).
    static func split(_ bytes: [UInt8]) -> (approved: [UInt8], tracking: [String]) {
        var approved: [UInt8] = []
        approved.reserveCapacity(bytes.count)
        var tracking: [String] = []
        var inTracking = false
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline.map { $0 + 1 } ?? bytes.count
            let line = bytes[start..<end]
            defer { start = end }
            guard let first = line.first, first != 0x0A, first != 0x0D else {
                // A blank line continues whatever block it is in.
                if !inTracking { approved += line }
                continue
            }
            let continues = first == 0x20 || first == 0x09 || (first == UInt8(ascii: "-") && (line.count == 1 || [0x20, 0x0A, 0x0D].contains(line[line.startIndex + 1])))
            if continues {
                if !inTracking { approved += line }
                continue
            }
            if first == UInt8(ascii: "#") {
                approved += line
                continue
            }
            // A top-level line: a key, or something else (a document marker), which ends any tracking block.
            let text = String(decoding: line, as: UTF8.self)
            if let colon = text.firstIndex(of: ":"), ActionItem.trackingKeys.contains(String(text[..<colon])) {
                tracking.append(String(text[..<colon]))
                inTracking = true
            } else {
                inTracking = false
                approved += line
            }
        }
        return (approved, tracking)
    }

    /// True when the tracking state holds a comment (a `#` comment on a tracking line or a comment line
    /// inside a tracking block, not text inside a block scalar or quotes): `replacingTracking` writes the
    /// tracking state anew and would drop it, so the action commands refuse such a file rather than lose words.
    public static func commentsInTracking(_ bytes: [UInt8]) -> Bool {
        var inTracking = false
        var scalarIndent: Int?
        // CRLF is one Character to Swift: line ends are made LF first.
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let body = line.dropFirst(indent)
            if body.isEmpty || body.allSatisfy({ $0 == "\r" }) { continue }
            if let block = scalarIndent, indent > block { continue }
            scalarIndent = nil
            if indent == 0, !body.hasPrefix("- "), body != "-", !body.hasPrefix("#") {
                inTracking = body.firstIndex(of: ":").map { ActionItem.trackingKeys.contains(String(body[..<$0])) } ?? false
            }
            guard inTracking else { continue }
            if body.hasPrefix("#") || hasInlineComment(body) { return true }
            // A block scalar starts: the lines indented under this one are its text.
            var end = body
            while let last = end.last, last == " " || last == "\r" { end = end.dropLast() }
            while let last = end.last, last == "-" || last == "+" || last.isNumber { end = end.dropLast() }
            if end.hasSuffix("|") || end.hasSuffix(">") { scalarIndent = indent }
        }
        return false
    }

    /// A ` #` outside quotes on a line.
    static func hasInlineComment(_ line: Substring) -> Bool {
        var double = false, single = false
        var previous: Character = " "
        for character in line {
            switch character {
            case "\"" where !single: if previous != "\\" { double.toggle() }
            case "'" where !double: single.toggle()
            case "#" where !double && !single && (previous == " " || previous == "\t"): return true
            default: break
            }
            previous = character
        }
        return false
    }

    /// Two YAML values are the same, wherever they were written.
    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, xq, _), .scalar(y, yq, _)): return x == y && xq == yq
        case let (.sequence(xs, _), .sequence(ys, _)): return xs.count == ys.count && zip(xs, ys).allSatisfy { same($0, $1) }
        case let (.mapping(xs, _), .mapping(ys, _)):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
        default: return false
        }
    }
}
