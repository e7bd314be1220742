import Foundation
import GitKit

/// The history index's file: little-endian binary, checked by a trailing checksum.
///
///     "coe-history-index" 0x02      magic and version
///     u32 length, bytes             the COE root it was built for
///     u32 count, 20 bytes each      tips
///     u32 count                     records, each:
///       20 bytes id, i64 committer time, 20 bytes root (zeros: none),
///       u32 parent count, i32 each, u32 change count, each: u32 length, name bytes, 20 bytes old, 20 bytes new
///     u64                           checksum of everything before it
enum ChangeIndexFile {
    struct Problem: Error {
        let reason: String
    }

    static let magic = Array("coe-history-index".utf8) + [2]

    static func encode(records: [ChangeIndex.Record], tips: [ObjectID], root: String) -> [UInt8] {
        var out = magic
        out.reserveCapacity(records.count * 80)
        func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { out.append(contentsOf: $0) } }
        func id(_ value: ObjectID?) {
            if let value { value.append(to: &out) } else { out.append(contentsOf: repeatElement(0, count: 20)) }
        }
        u32(root.utf8.count)
        out.append(contentsOf: root.utf8)
        u32(tips.count)
        tips.forEach { id($0) }
        u32(records.count)
        for record in records {
            id(record.id)
            withUnsafeBytes(of: record.time.littleEndian) { out.append(contentsOf: $0) }
            id(record.root)
            u32(record.parents.count)
            for parent in record.parents { withUnsafeBytes(of: parent.littleEndian) { out.append(contentsOf: $0) } }
            u32(record.changes.count)
            for change in record.changes {
                u32(change.name.utf8.count)
                out.append(contentsOf: change.name.utf8)
                id(change.old)
                id(change.new)
            }
        }
        withUnsafeBytes(of: checksum(out[...]).littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    static func read(from path: String, root: String) throws -> (records: [ChangeIndex.Record], tips: [ObjectID]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(reason: "missing") }
        return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in try decode(bytes, root: root) }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, root: String) throws -> (records: [ChangeIndex.Record], tips: [ObjectID]) {
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { throw Problem(reason: "not an index of this version") }
        let body = bytes.count - 8
        let stored = bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian
        guard checksum(bytes[..<body]) == stored else { throw Problem(reason: "checksum") }
        var offset = magic.count
        func need(_ count: Int) throws {
            guard count >= 0, offset + count <= body else { throw Problem(reason: "truncated") }
        }
        func u32() throws -> Int {
            try need(4)
            defer { offset += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        func i32() throws -> Int32 {
            try need(4)
            defer { offset += 4 }
            return Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
        }
        func i64() throws -> Int64 {
            try need(8)
            defer { offset += 8 }
            return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        }
        func id() throws -> ObjectID? {
            try need(20)
            defer { offset += 20 }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 20)])
            return slice.allSatisfy { $0 == 0 } ? nil : ObjectID(bytes: slice)
        }
        func string() throws -> String {
            let length = try u32()
            try need(length)
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
        guard try string() == root else { throw Problem(reason: "built for another COE root") }
        let tipCount = try u32()
        try need(tipCount * 20)
        let tips = try (0..<tipCount).map { _ in try id() ?? { throw Problem(reason: "a zero tip") }() }
        let count = try u32()
        try need(count * 56)
        var records: [ChangeIndex.Record] = []
        records.reserveCapacity(count)
        for index in 0..<count {
            guard let commit = try id() else { throw Problem(reason: "a zero commit id") }
            let time = try i64()
            let treeRoot = try id()
            let parentCount = try u32()
            try need(parentCount * 4)
            let parents = try (0..<parentCount).map { _ in try i32() }
            // Parents come before their children: anything else is corruption.
            guard parents.allSatisfy({ $0 >= 0 && Int($0) < index }) else { throw Problem(reason: "a parent after its child") }
            let changeCount = try u32()
            try need(changeCount * 44)
            var changes: [TreeDelta] = []
            changes.reserveCapacity(changeCount)
            for _ in 0..<changeCount {
                let name = try string()
                changes.append(TreeDelta(name: name, old: try id(), new: try id()))
            }
            records.append(ChangeIndex.Record(id: commit, time: time, parents: parents, root: treeRoot, changes: changes))
        }
        guard offset == body else { throw Problem(reason: "trailing bytes") }
        return (records, tips)
    }

    /// A 64-bit checksum, eight bytes at a time (corruption detection, not security).
    static func checksum(_ bytes: Slice<UnsafeRawBufferPointer>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let base = bytes.base.baseAddress! + bytes.startIndex
        let count = bytes.count
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < count {
            hash = (hash ^ UInt64(base.load(fromByteOffset: offset, as: UInt8.self))) &* 0x100_0000_01b3
            offset += 1
        }
        return hash
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0[...]) }
    }
}
