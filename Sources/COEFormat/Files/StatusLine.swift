/// The top-level `status:` line of a coe.yaml, read and replaced without parsing the YAML: history,
/// audits and hooks read many versions of it, and a status move must leave the rest of the file
/// (comments included) exactly as written.
public enum StatusLine {
    static let key = Array("status:".utf8)

    /// The byte range of the line (without its newline), or nil when there is none.
    static func range(in bytes: [UInt8]) -> Range<Int>? { range(of: key, in: bytes) }

    /// The byte range of the first line starting with `key` (a top-level YAML key such as `due:`),
    /// without its newline; nil when there is none, or when the line holds another line break YAML
    /// reads (a lone CR, NEL, LS or PS): then it is two lines to YAML, and removing or replacing it
    /// here would also remove or keep what YAML reads as the next line (a key hidden behind a comment).
    static func range(of key: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if bytes[start..<end].starts(with: key) { return hidesABreak(bytes[start..<end]) ? nil : start..<end }
            start = end + 1
        }
        return nil
    }

    /// True when a line (without its LF) holds a line break YAML reads: CR anywhere but last, NEL
    /// (U+0085), LS (U+2028) or PS (U+2029).
    static func hidesABreak(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex {
            switch line[index] {
            case 0x0D where index + 1 < line.endIndex: return true
            case 0xC2 where index + 1 < line.endIndex && line[index + 1] == 0x85: return true
            case 0xE2 where index + 2 < line.endIndex && line[index + 1] == 0x80 && (line[index + 2] == 0xA8 || line[index + 2] == 0xA9):
                return true
            default: index += 1
            }
        }
        return false
    }

    /// The file with the first top-level `key:` line's value set to `value`, keeping a trailing comment
    /// and the line's CR; nil when there is no such line (or it hides a break, see `range(of:in:)`).
    public static func replacingValue(of key: String, with value: String, in bytes: [UInt8]) -> [UInt8]? {
        let prefix = Array("\(key):".utf8)
        guard let line = range(of: prefix, in: bytes) else { return nil }
        var text = String(decoding: bytes[line], as: UTF8.self)
        let carriageReturn = text.hasSuffix("\r")
        if carriageReturn { text.removeLast() }
        let comment = text.range(of: " #").map { String(text[$0.lowerBound...]) } ?? ""
        return Array(bytes[..<line.lowerBound]) + Array("\(key): \(value)\(comment)\(carriageReturn ? "\r" : "")".utf8)
            + Array(bytes[line.upperBound...])
    }

    /// The first line starting with `key` (a top-level YAML key such as `due:`), without its newline.
    public static func line(_ key: String, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        range(of: Array(key.utf8), in: bytes).map { bytes[$0] }
    }

    /// The status the line names (quotes and a trailing comment allowed); nil when there is no such
    /// line or it names no status.
    public static func status(in bytes: [UInt8]) -> COEStatus? {
        value(in: bytes).flatMap(COEStatus.init(rawValue:))
    }

    /// The plain value of the top-level `status:` line (quotes and a trailing comment removed), for a
    /// file of another kind with a status of its own (an action item's); nil when there is no such line.
    public static func value(in bytes: [UInt8]) -> String? {
        guard let line = range(in: bytes) else { return nil }
        var value = Substring(String(decoding: bytes[(line.lowerBound + key.count)..<line.upperBound], as: UTF8.self))
        if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
        value = value.drop { $0 == " " || $0 == "\t" }
        while let last = value.last, last == " " || last == "\t" || last == "\r" { value = value.dropLast() }
        if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// The file without the line (and its newline): what stays the same when only the status moves.
    public static func removed(from bytes: [UInt8]) -> [UInt8] {
        guard let line = range(in: bytes) else { return bytes }
        let end = line.upperBound < bytes.count ? line.upperBound + 1 : line.upperBound
        return Array(bytes[..<line.lowerBound] + bytes[end...])
    }

    /// The file with the line set to `status`, keeping a trailing comment; nil when there is no line.
    public static func replacing(_ status: COEStatus, in bytes: [UInt8]) -> [UInt8]? {
        replacingValue(of: "status", with: status.rawValue, in: bytes)
    }
}
