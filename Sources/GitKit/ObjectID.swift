import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A git object id (SHA-1), a value type that owns its 20 bytes.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }
    init(_ pointer: UnsafePointer<git_oid>) { self.raw = pointer.pointee }

    /// An id from its 20 raw bytes (as stored in trees and in coe's history index).
    public init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == 20, "an object id has 20 bytes")
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: bytes) }
        raw = oid
    }

    /// An id from 40 hexadecimal digits as bytes (as in a raw commit), nil when they are not.
    public init?(hexBytes: UnsafeRawBufferPointer) {
        guard hexBytes.count == 40 else { return nil }
        var oid = git_oid()
        let valid = withUnsafeMutableBytes(of: &oid.id) { out -> Bool in
            func digit(_ byte: UInt8) -> UInt8? {
                switch byte {
                case 0x30...0x39: return byte - 0x30
                case 0x61...0x66: return byte - 0x61 + 10
                case 0x41...0x46: return byte - 0x41 + 10
                default: return nil
                }
            }
            for index in 0..<20 {
                guard let high = digit(hexBytes[2 * index]), let low = digit(hexBytes[2 * index + 1]) else { return false }
                out[index] = high << 4 | low
            }
            return true
        }
        guard valid else { return nil }
        raw = oid
    }

    /// Appends the 20 raw bytes.
    public func append(to bytes: inout [UInt8]) {
        withUnsafeBytes(of: raw.id) { bytes.append(contentsOf: $0) }
    }

    /// Parses a full 40-character hexadecimal id.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ $0 < 128 && isxdigit(Int32($0)) != 0 }) else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        raw = oid
    }

    /// The 40-character hexadecimal form.
    public var hex: String {
        var oid = raw
        return String(unsafeUninitializedCapacity: 40) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, &oid) }
            return 40
        }
    }

    public var description: String { hex }

    /// The first `length` hexadecimal characters.
    public func abbreviated(_ length: Int = 12) -> String { String(hex.prefix(length)) }

    /// True for the all-zero id git uses for "no object" (e.g. a deleted ref in a push).
    public var isZero: Bool { withUnsafeBytes(of: raw.id) { $0.allSatisfy { $0 == 0 } } }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_cmp(l, r) == 0 } }
    }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_cmp(l, r) < 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }
}
