/// The top-level `status:` line of a coe.yaml, read and replaced without parsing the YAML: history,
/// audits and hooks read many versions of it, and a status move must leave the rest of the file
/// (comments included) exactly as written.
public enum StatusLine {
    static let key = Array("status:".utf8)

    /// The byte range of the line (without its newline), or nil when there is none.
    static func range(in bytes: [UInt8]) -> Range<Int>? { range(of: key, in: bytes) }

    /// The byte range of the first line starting with `key` (a top-level YAML key such as `due:`),
    /// without its newline.
    static func range(of key: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if bytes[start..<end].starts(with: key) { return start..<end }
            start = end + 1
        }
        return nil
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
        guard let line = range(in: bytes) else { return nil }
        let text = String(decoding: bytes[line], as: UTF8.self)
        let comment = text.range(of: " #").map { String(text[$0.lowerBound...]) } ?? ""
        return Array(bytes[..<line.lowerBound]) + Array("status: \(status.rawValue)\(comment)".utf8) + Array(bytes[line.upperBound...])
    }
}
