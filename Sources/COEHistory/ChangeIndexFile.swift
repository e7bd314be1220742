import COEFormat
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
        // The exact size, so the bytes are never moved while they grow (tens of megabytes for a long history).
        let size = magic.count + 4 + root.utf8.count + 4 + tips.count * 20 + 4 + table.names.reduce(0) { $0 + 4 + $1.utf8.count }
            + 4 + table.count * (20 + 8 + 20 + 4 + 4 + 4) + 8 + 4 + table.parentList.count * 4 + 4 + table.changeNames.count * (4 + 20 + 20) + 8
        var out = BinaryWriter(magic: magic, capacity: size)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(20)
        func id(_ value: ObjectID?) { out.objectID(value, scratch: &scratch) }
        out.string(root)
        out.u32(tips.count)
        tips.forEach { id($0) }
        out.u32(table.names.count)
        table.names.forEach { out.string($0) }
        out.u32(table.count)
        for position in 0..<table.count { id(table.id(position)) }
        out.column(table.times)
        for position in 0..<table.count { id(table.root(position)) }
        out.column(table.parentStarts)
        out.u32(table.parentList.count)
        out.column(table.parentList)
        out.column(table.changeStarts)
        out.u32(table.changeNames.count)
        out.column(table.changeNames)
        for index in 0..<table.changeNames.count { id(table.changeOld[index]) }
        for index in 0..<table.changeNames.count { id(table.changeNew[index]) }
        out.column(table.order)
        return out.finished()
    }

    static func read(from path: String, root: String) throws -> (table: ChangeTable, tips: [ObjectID]) {
        guard let file = MappedFile(path: path) else {
            throw Problem(reason: FileManager.default.fileExists(atPath: path) ? "not an index of this version (empty or unreadable)" : "missing")
        }
        return try decode(file, root: root)
    }

    /// The table in a mapped file; its object ids stay in the file, read when asked for.
    static func decode(_ file: MappedFile, root: String) throws -> (table: ChangeTable, tips: [ObjectID]) {
        var reader: BinaryReader
        do {
            reader = try BinaryReader(file.bytes, magic: magic)
        } catch {
            throw Problem(reason: error.reason == "version" ? "not an index of this version" : error.reason)
        }
        do {
            func ids(_ count: Int) throws -> IDColumn {
                let offset = reader.offset
                _ = try reader.raw(count * 20)
                return IDColumn(file: file, offset: offset, count: count)
            }
            guard try reader.string() == root else { throw Problem(reason: "built for another COE root") }
            let tipColumn = try ids(try reader.u32())
            let tips = (0..<tipColumn.count).compactMap { tipColumn[$0] }
            guard tips.count == tipColumn.count else { throw Problem(reason: "a zero tip") }
            let nameCount = try reader.u32()
            try reader.need(nameCount, 4)
            let names = try (0..<nameCount).map { _ in try reader.string() }
            let count = try reader.u32()
            try reader.need(count, 20)
            let commitIDs = try ids(count)
            let times = try reader.column(count, Int64.self)
            let roots = try ids(count)
            let parentStarts = try reader.column(count + 1, Int32.self)
            let parentList = try reader.column(try reader.u32(), Int32.self)
            let changeStarts = try reader.column(count + 1, Int32.self)
            let changeCount = try reader.u32()
            try reader.need(changeCount, 4)
            let changeNames = try reader.column(changeCount, Int32.self)
            let changeOld = try ids(changeCount)
            let changeNew = try ids(changeCount)
            let order = try reader.column(count, Int32.self)
            guard reader.atEnd else { throw Problem(reason: "trailing bytes") }
            guard let table = ChangeTable.checked(ids: commitIDs, times: times, roots: roots, parentStarts: parentStarts, parentList: parentList,
                                                  changeStarts: changeStarts, changeNames: changeNames, changeOld: changeOld, changeNew: changeNew,
                                                  names: names, order: order) else {
                throw Problem(reason: "inconsistent records")
            }
            return (table, tips)
        } catch is BinaryReader.Truncated {
            throw Problem(reason: "truncated")
        }
    }
}

extension BinaryWriter {
    /// An object id's 20 bytes; 20 zeros for none.
    mutating func objectID(_ value: ObjectID?) {
        var scratch: [UInt8] = []
        objectID(value, scratch: &scratch)
    }

    /// The same, its bytes gathered in `scratch` (a writer of many ids allocates one buffer, not one per id).
    mutating func objectID(_ value: ObjectID?, scratch: inout [UInt8]) {
        guard let value else { return raw(repeatElement(0, count: 20)) }
        scratch.removeAll(keepingCapacity: true)
        value.append(to: &scratch)
        raw(scratch)
    }
}
