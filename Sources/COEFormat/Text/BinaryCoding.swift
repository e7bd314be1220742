import Foundation

/// The one little-endian binary encoding of `coe`'s cache files (the history index, the log cache, the read
/// cache): fixed-width integers, length-prefixed UTF-8 strings, and a trailing checksum that tells a whole file
/// from a damaged one. Nothing here is a format for exchange: a file that does not check out is rebuilt.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8]

    /// A writer whose bytes start with `magic` (a name and a version).
    public init(magic: [UInt8], capacity: Int = 4_096) {
        bytes = magic
        bytes.reserveCapacity(capacity)
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }
    public mutating func u32(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func raw(_ values: some Sequence<UInt8>) { bytes.append(contentsOf: values) }
    /// The integers' bytes in one go (a column).
    public mutating func column<T: FixedWidthInteger>(_ values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// A string as its length (u32) and UTF-8 bytes; nil as the length `UInt32.max`.
    public mutating func string(_ value: String?) {
        guard var text = value else { return u32(Int(UInt32.max)) }
        text.withUTF8 { utf8 in
            u32(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A whole number of 0 or more in as few bytes as it needs (LEB128: 7 bits a byte): the small numbers of
    /// records (lines, columns, counts, lengths).
    public mutating func varint(_ value: Int) {
        var rest = UInt64(max(0, value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A string as a `varint` of its UTF-8 length plus one, then its bytes; nil as 0.
    public mutating func shortString(_ value: String?) {
        guard var text = value else { return varint(0) }
        text.withUTF8 { utf8 in
            varint(utf8.count + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// The bytes with the checksum of everything written appended: what goes to disk.
    public mutating func finished() -> [UInt8] {
        let sum = BinaryChecksum.of(bytes[...])
        withUnsafeBytes(of: sum.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

/// Reads what `BinaryWriter` wrote, every read bounded by the body (the bytes before the checksum): a
/// truncated or crafted file gives `BinaryReader.Truncated`, never a read past its end.
public struct BinaryReader {
    public struct Truncated: Error {
        public init() {}
    }

    /// Why a file was not read: `version` (another file, or another version of this one), `checksum`
    /// (damaged), or a decoder's own reason (another program, a key twice, trailing bytes).
    public struct Refused: Error {
        public let reason: String

        public init(reason: String) { self.reason = reason }
    }

    /// A cache file read whole and decoded: nil with no reason when there is no file, nil with the reason
    /// (`Refused`'s, or "truncated") when it cannot be used and is to be rebuilt. The one way the caches
    /// read their file, so that a damaged one is refused, never trusted, in every one of them.
    public static func decodeFile<Value>(_ path: String, _ decode: (UnsafeRawBufferPointer) throws -> Value)
        -> (value: Value?, bytes: [UInt8], refusal: String?) {
        guard let bytes = wholeFile(path) else { return (nil, [], nil) }
        do {
            return (try bytes.withUnsafeBytes(decode), bytes, nil)
        } catch let error as Refused {
            return (nil, bytes, error.reason)
        } catch {
            return (nil, bytes, "truncated")
        }
    }

    /// A cache file's bytes, read whole (`readOpenFile`); nil when it cannot be read.
    static func wholeFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try? readOpenFile(descriptor, size: Int(info.st_size), limit: Int.max - 1)
    }

    public let bytes: UnsafeRawBufferPointer
    /// Where the checksum starts.
    public let body: Int
    public private(set) var offset: Int

    /// A reader past `magic`, when `bytes` start with it and end with the checksum of the rest.
    public init(_ bytes: UnsafeRawBufferPointer, magic: [UInt8]) throws(Refused) {
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { throw Refused(reason: "version") }
        let body = bytes.count - 8
        guard BinaryChecksum.of(bytes[..<body]) == bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian else {
            throw Refused(reason: "checksum")
        }
        self.bytes = bytes
        self.body = body
        offset = magic.count
    }

    /// A reader of bytes already checked (a record of a file whose checksum held), from their start to their end.
    public init(checked bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        body = bytes.count
        offset = 0
    }

    /// True when every byte of the body has been read.
    public var atEnd: Bool { offset == body }

    /// Throws unless `count` values of `size` bytes remain.
    public func need(_ count: Int, _ size: Int) throws {
        guard count >= 0, count <= (body - offset) / size else { throw Truncated() }
    }

    public mutating func u8() throws -> UInt8 {
        try need(1, 1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u32() throws -> Int {
        try need(1, 4)
        defer { offset += 4 }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    public mutating func i64() throws -> Int64 {
        try need(1, 8)
        defer { offset += 8 }
        return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    public mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw Truncated()
        }
    }

    /// `count` little-endian integers, copied in one go.
    public mutating func column<T: FixedWidthInteger>(_ count: Int, _: T.Type) throws -> [T] {
        let size = MemoryLayout<T>.size
        try need(count, size)
        defer { offset += count * size }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count * size)]))
            initialized = count
        }
    }

    /// The next `count` bytes, in place; skipped.
    public mutating func raw(_ count: Int) throws -> Slice<UnsafeRawBufferPointer> {
        try need(count, 1)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A string; nil where `string(nil)` was written.
    public mutating func optionalString() throws -> String? {
        let length = try u32()
        if length == Int(UInt32.max) { return nil }
        return String(decoding: try raw(length), as: UTF8.self)
    }

    /// What `BinaryWriter.varint` wrote.
    public mutating func varint() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 63 else { throw Truncated() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw Truncated() }
        return Int(value)
    }

    /// What `BinaryWriter.shortString` wrote; nil for nil.
    public mutating func optionalShortString() throws -> String? {
        let length = try varint()
        guard length > 0 else { return nil }
        return String(decoding: try raw(length - 1), as: UTF8.self)
    }

    /// A `shortString` that must be present.
    public mutating func shortString() throws -> String {
        guard let value = try optionalShortString() else { throw Truncated() }
        return value
    }

    /// A string that must be present.
    public mutating func string() throws -> String {
        guard let value = try optionalString() else { throw Truncated() }
        return value
    }
}

/// A 64-bit checksum (corruption detection, not security), 32 bytes at a time in four lanes: 2 MB in about a
/// millisecond, so every cache file is checked whole before it is trusted.
public enum BinaryChecksum {
    public static func of(_ bytes: Slice<UnsafeRawBufferPointer>) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0x7f4a_7c15_9e37_79b9)
        guard let start = bytes.base.baseAddress else { return lanes.0 }
        let base = start + bytes.startIndex
        let count = bytes.count
        func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
            let mixed = (hash ^ value) &* 0x100_0000_01b3
            return mixed ^ (mixed >> 29)
        }
        var offset = 0
        while offset + 32 <= count {
            lanes.0 = mix(lanes.0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while offset < count {
            hash = mix(hash, UInt64(base.load(fromByteOffset: offset, as: UInt8.self)))
            offset += 1
        }
        return mix(hash, UInt64(count))
    }

    public static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { of($0[...]) }
    }
}
