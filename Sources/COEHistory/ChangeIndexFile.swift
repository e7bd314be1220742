import Foundation
import GitKit

/// The history index's file: little-endian binary in columns, checked by a trailing checksum.
///
///     "coe-history-index" 0x03      magic and version
///     u32 length, bytes             the COE root it was built for
///     u32 count, 20 bytes each      tips
///     u32 count, each u32 length and bytes   folder names
///     u32 N                         records, then columns of N (or N + 1) entries:
///       20 bytes        commit ids
///       i64             committer times
///       20 bytes        COE root tree ids (zeros: none)
///       i32 × N+1       where each record's parents start in the parent list (and where the last ends)
///       u32 E, i32 × E  parent positions
///       i32 × N+1       where each record's changes start in the change columns
///       u32 C, i32 × C  changed folders' names (positions in the names), then C old and C new tree
///                       ids of 20 bytes (zeros: none)
///       i32 × N         the positions oldest first (corrected time, then id)
///     u64                           checksum of everything before it
///
/// The file is mapped and read in place: integer columns are copied in one go, object ids are read
/// when asked for. Everything is checked (`ChangeTable.checked`) before use.
enum ChangeIndexFile {
    struct Problem: Error {
        let reason: String
    }

    static let magic = Array("coe-history-index".utf8) + [3]

    static func encode(_ table: ChangeTable, tips: [ObjectID], root: String) -> [UInt8] {
        var out = magic
        out.reserveCapacity(table.count * 110 + 4096)
        func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { out.append(contentsOf: $0) } }
        func i32s(_ values: [Int32]) { values.withUnsafeBytes { out.append(contentsOf: $0) } }
        func id(_ value: ObjectID?) {
            if let value { value.append(to: &out) } else { out.append(contentsOf: repeatElement(0, count: 20)) }
        }
        func string(_ value: String) {
            u32(value.utf8.count)
            out.append(contentsOf: value.utf8)
        }
        string(root)
        u32(tips.count)
        tips.forEach { id($0) }
        u32(table.names.count)
        table.names.forEach(string)
        u32(table.count)
        for position in 0..<table.count { id(table.id(position)) }
        table.times.withUnsafeBytes { out.append(contentsOf: $0) }
        for position in 0..<table.count { id(table.root(position)) }
        i32s(table.parentStarts)
        u32(table.parentList.count)
        i32s(table.parentList)
        i32s(table.changeStarts)
        u32(table.changeNames.count)
        i32s(table.changeNames)
        for index in 0..<table.changeNames.count { id(table.changeOld[index]) }
        for index in 0..<table.changeNames.count { id(table.changeNew[index]) }
        i32s(table.order)
        withUnsafeBytes(of: checksum(out[...]).littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    static func read(from path: String, root: String) throws -> (table: ChangeTable, tips: [ObjectID]) {
        guard let file = MappedFile(path: path) else {
            throw Problem(reason: FileManager.default.fileExists(atPath: path) ? "not an index of this version (empty or unreadable)" : "missing")
        }
        return try decode(file, root: root)
    }

    /// The table in a mapped file; its object ids stay in the file, read when asked for.
    static func decode(_ file: MappedFile, root: String) throws -> (table: ChangeTable, tips: [ObjectID]) {
        let bytes = file.bytes
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { throw Problem(reason: "not an index of this version") }
        let body = bytes.count - 8
        let stored = bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian
        guard checksum(bytes[..<body]) == stored else { throw Problem(reason: "checksum") }
        var offset = magic.count
        func need(_ count: Int, _ size: Int) throws {
            guard count >= 0, count <= (body - offset) / size else { throw Problem(reason: "truncated") }
        }
        func u32() throws -> Int {
            try need(1, 4)
            defer { offset += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        /// `count` little-endian integers, copied in one go.
        func integers<T: FixedWidthInteger>(_ count: Int, _: T.Type) throws -> [T] {
            try need(count, MemoryLayout<T>.size)
            defer { offset += count * MemoryLayout<T>.size }
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count * MemoryLayout<T>.size)]))
                initialized = count
            }
        }
        func ids(_ count: Int) throws -> IDColumn {
            try need(count, 20)
            defer { offset += count * 20 }
            return IDColumn(file: file, offset: offset, count: count)
        }
        func string() throws -> String {
            let length = try u32()
            try need(length, 1)
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
        guard try string() == root else { throw Problem(reason: "built for another COE root") }
        let tipColumn = try ids(try u32())
        let tips = (0..<tipColumn.count).compactMap { tipColumn[$0] }
        guard tips.count == tipColumn.count else { throw Problem(reason: "a zero tip") }
        let nameCount = try u32()
        try need(nameCount, 4)
        let names = try (0..<nameCount).map { _ in try string() }
        let count = try u32()
        let commitIDs = try ids(count)
        let times = try integers(count, Int64.self)
        let roots = try ids(count)
        let parentStarts = try integers(count + 1, Int32.self)
        let parentList = try integers(try u32(), Int32.self)
        let changeStarts = try integers(count + 1, Int32.self)
        let changeCount = try u32()
        let changeNames = try integers(changeCount, Int32.self)
        let changeOld = try ids(changeCount)
        let changeNew = try ids(changeCount)
        let order = try integers(count, Int32.self)
        guard offset == body else { throw Problem(reason: "trailing bytes") }
        guard let table = ChangeTable.checked(ids: commitIDs, times: times, roots: roots, parentStarts: parentStarts, parentList: parentList,
                                              changeStarts: changeStarts, changeNames: changeNames, changeOld: changeOld, changeNew: changeNew,
                                              names: names, order: order) else {
            throw Problem(reason: "inconsistent records")
        }
        return (table, tips)
    }

    /// A 64-bit checksum (corruption detection, not security), 32 bytes at a time in four lanes.
    static func checksum(_ bytes: Slice<UnsafeRawBufferPointer>) -> UInt64 {
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

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0[...]) }
    }
}
