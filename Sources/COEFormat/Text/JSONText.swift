/// A JSON value, typed: every JSON output of coe is built as one, so writing it costs no dynamic casts
/// (the hot paths, `coe log` and `coe audit`, write tens of megabytes) and a member's type is checked
/// by the compiler.
public indirect enum JSON: Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case string(String), bool(Bool), int(Int64), double(Double), null, array([JSON]), object([(String, JSON)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// The JSON form of a value that has one: `JSON(metadata.id)`, `JSON(position?.line)` (nil is null).
    public init(_ value: some JSONConvertible) { self = value.json }

    /// A string, or null.
    public static func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }

    /// An object of the members that are present: a nil value leaves its key out, for the outputs where a
    /// missing key, not `null`, says that a value does not apply.
    public static func object(omittingNil members: [(String, JSON?)]) -> JSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }
}

/// A value with a JSON form.
public protocol JSONConvertible {
    /// The value as JSON.
    var json: JSON { get }
}

extension JSON: JSONConvertible {
    public var json: JSON { self }
}

extension String: JSONConvertible {
    public var json: JSON { .string(self) }
}

extension Bool: JSONConvertible {
    public var json: JSON { .bool(self) }
}

extension Int: JSONConvertible {
    public var json: JSON { .int(Int64(self)) }
}

extension Int64: JSONConvertible {
    public var json: JSON { .int(self) }
}

extension Double: JSONConvertible {
    public var json: JSON { .double(self) }
}

extension Optional: JSONConvertible where Wrapped: JSONConvertible {
    public var json: JSON { map(\.json) ?? .null }
}

extension Array: JSONConvertible where Element: JSONConvertible {
    public var json: JSON { .array(map(\.json)) }
}

/// Stable, pretty JSON text from a typed `JSON` value: keys sorted, two-space indent, slashes not
/// escaped, a final newline.
///
/// Written by hand because Foundation's `JSONSerialization` with sorted keys spent four seconds on
/// the 30 MB report `coe audit --format json` writes for a thousand COEs; this writes it in a
/// fraction of that. It takes only typed values, so it never fails.
public enum JSONText {
    /// The whole text of `value`, with a final newline.
    public static func text(_ value: JSON) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as it appears nested `indent` spaces deep, without a final newline: for output written
    /// piece by piece (a large report need not be held whole in memory).
    public static func fragment(_ value: JSON, indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: indent, into: &out)
        return out
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { out.append(UInt8(ascii: " ")) }
    }

    private static func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let string):
            writeString(string, into: &out)
        case .bool(let bool):
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case .int(let int):
            out.append(contentsOf: String(int).utf8)
        case .double(let double):
            writeNumber(double, into: &out)
        case .null:
            out.append(contentsOf: "null".utf8)
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, &out)
                writeString(member.0, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(member.1, indent: indent + 2, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        case .array(let array):
            if array.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, &out)
                write(element, indent: indent + 2, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Integral values as integers (`24`, not `24.0`); others in the shortest form that reads back the same.
    private static func writeNumber(_ double: Double, into out: inout [UInt8]) {
        guard double.isFinite else { out.append(contentsOf: "null".utf8); return }
        if double == double.rounded(), abs(double) < 1e15 {
            out.append(contentsOf: String(Int64(double)).utf8)
        } else {
            out.append(contentsOf: "\(double)".utf8)
        }
    }

    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
