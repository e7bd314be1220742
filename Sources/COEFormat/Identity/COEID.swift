/// COE ids: unique without coordination, and safe to use as a folder name.
///
/// A new id is the creation date plus 10 random characters of Crockford's base32
/// (50 bits): `2026-11-03-k3f9x2qm7a`. Two people creating COEs on two branches at
/// the same moment get different ids with overwhelming probability (a collision
/// among a million ids made on the same day has odds of about 1 in 2,000), unlike
/// sequence numbers, which collide in every pull-request workflow. Commands accept
/// any unique prefix of the random part (`k3f9`) as well as the whole id.
public enum COEID {
    /// Crockford's base32 alphabet in lower case: no i, l, o or u, so ids read aloud cleanly.
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
    /// The number of random characters.
    public static let randomLength = 10
    /// The longest id accepted.
    public static let maximumLength = 100

    /// A fresh id for a COE created on `date`.
    public static func generate<R: RandomNumberGenerator>(on date: CalendarDate, using generator: inout R) -> String {
        var bits = generator.next() & ((1 << 50) - 1)
        var random = ""
        for _ in 0..<randomLength {
            random.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return "\(date)-\(random)"
    }

    /// A fresh id from the system's random source.
    public static func generate(on date: CalendarDate) -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(on: date, using: &generator)
    }

    /// The random part of a generated id, or nil for an id written by hand.
    public static func randomPart(of id: String) -> String? {
        let parts = id.split(separator: "-")
        guard parts.count == 4, CalendarDate(parts[0...2].joined(separator: "-")) != nil,
              parts[3].count == randomLength else { return nil }
        return String(parts[3])
    }

    /// Why `id` cannot be used as a COE or action id, or nil when it can. The character at fault is
    /// shown escaped (`'\u{0}'`), so a message never carries a control character to a terminal.
    ///
    /// Ids name folders and files, so they must be one safe path component:
    /// letters, digits, `-`, `_` and `.`, not starting with a dot or dash, no `..`.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.unicodeScalars.count > maximumLength { return "is longer than \(maximumLength) characters" }
        if id.utf8.contains(0x2F) || id.utf8.contains(0x5C) { return "must not contain '/' or '\\'" }
        if id.containsBytes("..") { return "must not contain '..'" }
        if id.hasPrefix(".") { return "must not start with a dot" }
        if id.hasPrefix("-") { return "must not start with '-'" }
        if let bad = id.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return "must not contain control characters, such as '\(bad.escaped(asASCII: true))'"
        }
        if let bad = id.unicodeScalars.first(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".")) }) {
            return "may hold only ASCII letters, digits, '-', '_' and '.', not '\(bad.escaped(asASCII: true))'"
        }
        return nil
    }

    /// An id (or any name) as it may be shown in a message: control characters, and any character outside
    /// printable ASCII, escaped (`\u{0}`, `\n`); a long one cut to its first 100 characters.
    public static func escaped(_ id: String) -> String {
        var result = ""
        for (index, scalar) in id.unicodeScalars.enumerated() {
            if index == maximumLength { return result + "…" }
            result += scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return result
    }
}
