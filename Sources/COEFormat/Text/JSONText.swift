import Foundation

/// Stable, pretty JSON text from plain values: keys sorted, two-space indent, slashes not escaped,
/// a final newline.
///
/// Written by hand because Foundation's `JSONSerialization` with sorted keys spent four seconds on
/// the 30 MB report `coe audit --format json` writes for a thousand COEs; this writes it in a
/// fraction of that. Accepted values: `String`, `Bool`, integers, `Double`, `NSNull`, optionals
/// (nil is `null`), arrays and `[String: Any]` dictionaries of them. Anything else is written as
/// its description in a string, so output never fails.
public enum JSONText {
    public static func text(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as it appears nested `indent` spaces deep, without a final newline: for output written
    /// piece by piece (a large report need not be held whole in memory).
    public static func fragment(_ value: Any, indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: indent, into: &out)
        return out
    }

    /// A string as a JSON string literal.
    public static func quoted(_ string: String) -> [UInt8] {
        var out: [UInt8] = []
        writeString(string, into: &out)
        return out
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { out.append(UInt8(ascii: " ")) }
    }

    private static func write(_ value: Any, indent: Int, into out: inout [UInt8]) {
        switch value {
        case let string as String:
            writeString(string, into: &out)
        case let bool as Bool:
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case let int as Int:
            out.append(contentsOf: String(int).utf8)
        case let int as Int64:
            out.append(contentsOf: String(int).utf8)
        case let int as Int32:
            out.append(contentsOf: String(int).utf8)
        case let int as UInt:
            out.append(contentsOf: String(int).utf8)
        case let double as Double:
            writeNumber(double, into: &out)
        case let dictionary as [String: Any]:
            if dictionary.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, &out)
                writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(dictionary[key]!, indent: indent + 2, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            if array.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2, &out)
                write(element, indent: indent + 2, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        // After the collections: asking whether a Swift dictionary is an NSNull bridges it to Foundation first.
        case is NSNull:
            out.append(contentsOf: "null".utf8)
        case let optional as AnyOptional:
            if let wrapped = optional.wrapped { write(wrapped, indent: indent, into: &out) } else { out.append(contentsOf: "null".utf8) }
        default:
            writeString(String(describing: value), into: &out)
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

/// Lets `JSONText` see through an optional stored in `Any`.
private protocol AnyOptional {
    var wrapped: Any? { get }
}

extension Optional: AnyOptional {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}
