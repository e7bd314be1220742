import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares the versions of one large tree (a COE root of a thousand folders) from commit to commit.
///
/// A history walk compares each commit's version with its parent's, and one of the two was compared
/// the step before: the differ keeps the last few versions with the offsets of their entries. When two
/// versions have the same length and the same names — the usual case, where a few folders changed —
/// they are compared with `memcmp` a block at a time and only the entries that differ are looked at,
/// and the other version shares the offsets without being parsed. Anything else goes through
/// the general comparison (`Repository.treeDeltas`) on the bytes already read, which gives the same
/// answer. Versions are libgit2's own buffers (`RawTree`), never copied.
public final class TreeDiffer {
    public let repository: Repository
    private var recent: [RawTree] = []

    public init(repository: Repository) { self.repository = repository }

    /// The same as `repository.treeDeltas(from:to:foldersOnly:)`.
    public func deltas(from old: ObjectID?, to new: ObjectID?, foldersOnly: Bool = false) throws -> [TreeDelta] {
        if old == new { return [] }
        guard let old, let new else { return try repository.treeDeltas(from: old, to: new, foldersOnly: foldersOnly) }
        let before = try version(old), after = try version(new)
        if before.bytes.count == after.bytes.count {
            // Either version's offsets serve: up to the first difference both are the same bytes.
            let known = !before.starts.isEmpty ? before : !after.starts.isEmpty ? after : before
            if known.starts.isEmpty { known.starts = TreeDiffer.parseStarts(known.bytes) }
            if let (deltas, sameNames) = compare(known.starts, before.bytes, after.bytes, foldersOnly: foldersOnly), sameNames {
                // Same names at the same offsets: the versions share their entry offsets.
                if before.starts.isEmpty { before.starts = known.starts }
                if after.starts.isEmpty { after.starts = known.starts }
                return deltas
            }
        }
        return Repository.treeDeltas(from: before.bytes, to: after.bytes, foldersOnly: foldersOnly)
    }

    /// The entries that differ between two versions whose names are all at the same offsets; nil (or
    /// `sameNames` false) when a differing entry's name differs too.
    func compare(_ starts: [Int], _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, foldersOnly: Bool) -> ([TreeDelta], Bool)? {
        var deltas: [TreeDelta] = []
        let count = b.count
        guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return (deltas, true) }
        var offset = 0
        var entry = 0
        while offset < count {
            // To the first difference: whole blocks with memcmp, then byte by byte within the block.
            while offset + 256 <= count, memcmp(x + offset, y + offset, 256) == 0 { offset += 256 }
            let blockEnd = min(offset + 256, count)
            while offset < blockEnd, a[offset] == b[offset] { offset += 1 }
            if offset >= count { break }
            // The entry holding the difference (offsets only grow: search on from the last one).
            while entry + 1 < starts.count - 1, starts[entry + 1] <= offset { entry += 1 }
            let start = starts[entry], end = starts[entry + 1]
            guard end - start > 21 else { return nil }
            let idStart = end - 20
            // A difference before the id is in the mode or the name: not a plain change of contents.
            guard offset >= idStart else { return ([], false) }
            let modeEnd = (start..<idStart).first { a[$0] == 0x20 } ?? start
            let isTree = modeEnd - start == 5 && a[start] == 0x34
            if !foldersOnly || isTree {
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: a[(modeEnd + 1)..<(idStart - 1)]), as: UTF8.self)
                deltas.append(TreeDelta(name: name, old: ObjectID(bytes: UnsafeRawBufferPointer(rebasing: a[idStart..<end])),
                                        new: ObjectID(bytes: UnsafeRawBufferPointer(rebasing: b[idStart..<end]))))
            }
            offset = end
        }
        return (deltas, true)
    }

    /// A version, from the last few or read (its offsets are worked out when needed).
    func version(_ id: ObjectID) throws -> RawTree {
        if let known = recent.first(where: { $0.id == id }) { return known }
        let version = try repository.rawTree(id)
        remember(version)
        return version
    }

    private func remember(_ version: RawTree) {
        recent.removeAll { $0 === version }
        recent.append(version)
        if recent.count > 4 { recent.removeFirst() }
    }

    /// Entry offsets: `<mode> <name>\0<20-byte id>` after each other.
    static func parseStarts(_ buffer: UnsafeRawBufferPointer) -> [Int] {
        var starts: [Int] = []
        if let base = buffer.baseAddress {
            var offset = 0
            while offset < buffer.count {
                starts.append(offset)
                guard let nul = memchr(base + offset, 0, buffer.count - offset) else { break }
                offset = base.distance(to: UnsafeRawPointer(nul)) + 21
            }
        }
        starts.append(buffer.count)
        return starts
    }
}
