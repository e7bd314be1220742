import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares the versions of one large tree (a COE root of a thousand folders) from commit to commit.
///
/// A history walk compares each commit's version with its parent's, and the parent's was the previous
/// commit's: the differ keeps the last few versions with the offsets of their entries. When two
/// versions have the same length and the same names — the usual case, where a few folders changed —
/// they are compared eight bytes at a time and only the entries that differ are looked at, and the new
/// version shares the old one's offsets without being parsed. Anything else goes through the general
/// comparison (`Repository.treeDeltas`) on the bytes already read, which gives the same answer.
public final class TreeDiffer {
    struct Version {
        let id: ObjectID
        let bytes: [UInt8]
        /// Where each entry starts, and (last) where the bytes end.
        let starts: [Int]
    }

    let repository: Repository
    private var recent: [Version] = []

    public init(repository: Repository) { self.repository = repository }

    /// The same as `repository.treeDeltas(from:to:foldersOnly:)`.
    public func deltas(from old: ObjectID?, to new: ObjectID?, foldersOnly: Bool = false) throws -> [TreeDelta] {
        if old == new { return [] }
        guard let old, let new else { return try repository.treeDeltas(from: old, to: new, foldersOnly: foldersOnly) }
        let before = try version(old)
        guard before.bytes.count == (try size(of: new)) else { return general(before, try version(new).bytes, foldersOnly: foldersOnly) }
        let afterBytes = try read(new)
        guard let (deltas, sameNames) = compare(before, afterBytes, foldersOnly: foldersOnly), sameNames else {
            remember(Version(id: new, bytes: afterBytes, starts: parseStarts(afterBytes)))
            return general(before, afterBytes, foldersOnly: foldersOnly)
        }
        // Same names at the same offsets: the new version shares the old one's entry offsets.
        remember(Version(id: new, bytes: afterBytes, starts: before.starts))
        return deltas
    }

    /// The general comparison, on the bytes already read.
    func general(_ before: Version, _ after: [UInt8], foldersOnly: Bool) -> [TreeDelta] {
        before.bytes.withUnsafeBytes { a in after.withUnsafeBytes { b in Repository.treeDeltas(from: a, to: b, foldersOnly: foldersOnly) } }
    }

    /// The entries that differ between two versions whose names are all at the same offsets; nil (or
    /// `sameNames` false) when a differing entry's name differs too.
    func compare(_ before: Version, _ after: [UInt8], foldersOnly: Bool) -> ([TreeDelta], Bool)? {
        var deltas: [TreeDelta] = []
        let count = after.count
        return before.bytes.withUnsafeBytes { a -> ([TreeDelta], Bool)? in
            after.withUnsafeBytes { b -> ([TreeDelta], Bool)? in
                var offset = 0
                var entry = 0
                while offset < count {
                    // Eight bytes at a time to the first difference.
                    while offset + 8 <= count, a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                        offset += 8
                    }
                    while offset < count, a[offset] == b[offset] { offset += 1 }
                    if offset >= count { break }
                    // The entry holding the difference (offsets only grow: search on from the last one).
                    while entry + 1 < before.starts.count - 1, before.starts[entry + 1] <= offset { entry += 1 }
                    let start = before.starts[entry], end = before.starts[entry + 1]
                    guard end - start > 21 else { return nil }
                    let idStart = end - 20
                    // A difference before the id is in the mode or the name: not a plain change of contents.
                    guard offset >= idStart else { return ([], false) }
                    let modeEnd = (start..<idStart).first { a[$0] == 0x20 } ?? start
                    let isTree = modeEnd - start == 5 && a[start] == 0x34
                    let name = String(decoding: UnsafeRawBufferPointer(rebasing: a[(modeEnd + 1)..<(idStart - 1)]), as: UTF8.self)
                    if !foldersOnly || isTree {
                        deltas.append(TreeDelta(name: name, old: ObjectID(bytes: UnsafeRawBufferPointer(rebasing: a[idStart..<end])),
                                                new: ObjectID(bytes: UnsafeRawBufferPointer(rebasing: b[idStart..<end]))))
                    }
                    offset = end
                }
                return (deltas, true)
            }
        }
    }

    func version(_ id: ObjectID) throws -> Version {
        if let known = recent.first(where: { $0.id == id }) { return known }
        let bytes = try read(id)
        let version = Version(id: id, bytes: bytes, starts: parseStarts(bytes))
        remember(version)
        return version
    }

    private func remember(_ version: Version) {
        recent.removeAll { $0.id == version.id }
        recent.append(version)
        if recent.count > 4 { recent.removeFirst() }
    }

    func size(of id: ObjectID) throws -> Int {
        if let known = recent.first(where: { $0.id == id }) { return known.bytes.count }
        var size = 0
        var type = GIT_OBJECT_INVALID
        var oid = id.raw
        try check(git_odb_read_header(&size, &type, try repository.objectDatabase(), &oid), "read tree \(id.abbreviated())")
        return size
    }

    func read(_ id: ObjectID) throws -> [UInt8] {
        if let known = recent.first(where: { $0.id == id }) { return known.bytes }
        var object: OpaquePointer?
        var oid = id.raw
        try check(git_odb_read(&object, try repository.objectDatabase(), &oid), "read tree \(id.abbreviated())")
        defer { git_odb_object_free(object) }
        let size = Int(git_odb_object_size(object))
        guard size > 0, let data = git_odb_object_data(object) else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Entry offsets: `<mode> <name>\0<20-byte id>` after each other.
    func parseStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                starts.append(offset)
                guard let nul = memchr(base + offset, 0, buffer.count - offset) else { break }
                offset = base.distance(to: UnsafeRawPointer(nul)) + 21
            }
        }
        starts.append(bytes.count)
        return starts
    }
}
