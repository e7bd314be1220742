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

/// True when every byte is ASCII (below 0x80), looked at eight bytes at a time.
func bytesAreASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var index = 0
    while index + 8 <= buffer.count {
        if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        index += 8
    }
    while index < buffer.count {
        if buffer[index] >= 0x80 { return false }
        index += 1
    }
    return true
}

extension String {
    /// True when the text is plain ASCII, read from its UTF-8 eight bytes at a time. B6 asks it of every file of
    /// every COE (whether the file needs folding): through `utf8.contains(where:)` that was 3.7 % of the instructions
    /// of `coe lint --no-cache` of 100 generated COEs (54.5 of 1,476.4 million; callgrind, 2026-12-02).
    public var isASCIIBytes: Bool {
        var text = self
        return text.withUTF8 { bytesAreASCII($0) }
    }

    /// The text's UTF-16 code units, as `Array(utf16)` gives them; plain ASCII widened from its UTF-8 bytes. Through
    /// the UTF-16 view, a unit at a time, the lint's texts (every YAML value and Markdown part) cost 3.3 % of the
    /// instructions of `coe lint --no-cache` of 100 generated COEs (42.7 of 1,279.7 million; callgrind, 2026-12-02).
    public var utf16Units: [UInt16] {
        var text = self
        let ascii = text.withUTF8 { bytes -> [UInt16]? in
            guard bytesAreASCII(bytes) else { return nil }
            return [UInt16](unsafeUninitializedCapacity: bytes.count) { units, count in
                for index in 0..<bytes.count { units[index] = UInt16(bytes[index]) }
                count = bytes.count
            }
        }
        return ascii ?? Array(utf16)
    }

    /// True when `needle` occurs in this text, compared byte for byte (no locale, no Foundation bridging).
    public func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in needle.withUTF8 { bytes(hay, contain: $0) } }
    }
}

extension Array where Element == UInt8 {
    /// The index of the first `byte`, found by `memchr`. Every file a COE is read from is searched for a NUL and a
    /// CR: through `firstIndex(of:)` and `contains(_:)`, a byte at a time, that was most of `SourceText.decode`'s
    /// 23.9 million instructions for 100 generated COEs (callgrind, 2026-12-02).
    public func firstIndex(ofByte byte: UInt8) -> Int? {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// True when `needle`'s UTF-8 bytes occur in these bytes.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return withUnsafeBufferPointer { hay in needle.withUTF8 { bytes(hay, contain: $0) } }
    }
}
