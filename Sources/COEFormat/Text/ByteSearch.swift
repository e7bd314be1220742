#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// True when `needle` occurs in `haystack`, compared byte for byte (`memchr` finds each candidate start).
func bytes(_ haystack: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = needle.first else { return true }
    guard haystack.count >= needle.count, let base = haystack.baseAddress, let pin = needle.baseAddress else { return false }
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
        guard let found = memchr(base + index, Int32(first), last - index + 1) else { return false }
        index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        if memcmp(base + index, pin, needle.count) == 0 { return true }
        index += 1
    }
    return false
}

extension String {
    /// True when `needle` occurs in this text, compared byte for byte (no locale, no Foundation bridging).
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in needle.withUTF8 { bytes(hay, contain: $0) } }
    }
}

extension Array where Element == UInt8 {
    /// True when `needle`'s UTF-8 bytes occur in these bytes.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return withUnsafeBufferPointer { hay in needle.withUTF8 { bytes(hay, contain: $0) } }
    }
}
