import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tree's entries read from its raw bytes (`<mode> <name>\0<20-byte id>` …), without libgit2's tree parser.
///
/// Walking history touches the same large trees (a COE root with a thousand folders) on every
/// commit. The bytes are kept as read and entries are offsets into them: no string or object is
/// made per entry unless asked for, and two versions of a tree are compared in step.
public struct RawTree: Sendable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let id: ObjectID
        public let isTree: Bool
    }

    /// One entry: where its name and id are in `bytes`.
    struct Slot: Sendable {
        let nameStart: Int
        let nameLength: Int
        let isTree: Bool
        var idStart: Int { nameStart + nameLength + 1 }
    }

    let bytes: [UInt8]
    let slots: [Slot]

    /// A tree with no entries.
    public static let empty = RawTree(bytes: [], slots: [])

    public var count: Int { slots.count }

    public func name(at index: Int) -> String {
        let slot = slots[index]
        return String(decoding: bytes[slot.nameStart..<(slot.nameStart + slot.nameLength)], as: UTF8.self)
    }

    public func id(at index: Int) -> ObjectID {
        var raw = git_oid()
        let start = slots[index].idStart
        withUnsafeMutableBytes(of: &raw.id) { target in
            bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + 20)])) }
        }
        return ObjectID(raw)
    }

    public func isTree(at index: Int) -> Bool { slots[index].isTree }

    /// All entries, as values.
    public var entries: [Entry] { slots.indices.map { Entry(name: name(at: $0), id: id(at: $0), isTree: slots[$0].isTree) } }

    /// The entry named `name`.
    public func entry(named name: String) -> Entry? {
        let target = Array(name.utf8)
        for index in slots.indices where slots[index].nameLength == target.count
            && bytes[slots[index].nameStart..<(slots[index].nameStart + target.count)].elementsEqual(target) {
            return Entry(name: name, id: id(at: index), isTree: slots[index].isTree)
        }
        return nil
    }

    /// Entries by name.
    public var byName: [String: ObjectID] { Dictionary(slots.indices.map { (name(at: $0), id(at: $0)) }, uniquingKeysWith: { first, _ in first }) }

    /// The names whose ids differ between `old` and this tree (added, removed or changed), with both ids.
    ///
    /// When both trees list the same names in the same order (the common case: only contents changed),
    /// they are compared slot by slot with `memcmp`; otherwise by name.
    public func changes(from old: RawTree) -> [(name: String, old: ObjectID?, new: ObjectID?)] {
        if old.count == count, sameNames(as: old) {
            var result: [(String, ObjectID?, ObjectID?)] = []
            bytes.withUnsafeBytes { mine in
                old.bytes.withUnsafeBytes { theirs in
                    for index in slots.indices
                    where memcmp(mine.baseAddress! + slots[index].idStart, theirs.baseAddress! + old.slots[index].idStart, 20) != 0 {
                        result.append((name(at: index), old.id(at: index), id(at: index)))
                    }
                }
            }
            return result
        }
        let before = old.byName, after = byName
        var result: [(String, ObjectID?, ObjectID?)] = []
        for (name, id) in after where before[name] != id { result.append((name, before[name], id)) }
        for (name, id) in before where after[name] == nil { result.append((name, id, nil)) }
        return result
    }

    private func sameNames(as other: RawTree) -> Bool {
        bytes.withUnsafeBytes { mine in
            other.bytes.withUnsafeBytes { theirs in
                for index in slots.indices {
                    let a = slots[index], b = other.slots[index]
                    if a.nameLength != b.nameLength || memcmp(mine.baseAddress! + a.nameStart, theirs.baseAddress! + b.nameStart, a.nameLength) != 0 {
                        return false
                    }
                }
                return true
            }
        }
    }
}

extension Repository {
    /// The object database, opened once per repository.
    func objectDatabase() throws -> OpaquePointer {
        if let odb = odb { return odb }
        var handle: OpaquePointer?
        try check(git_repository_odb(&handle, pointer), "open the object database")
        odb = handle
        return handle!
    }

    /// Reads a tree's raw bytes and finds its entries.
    public func rawTree(_ id: ObjectID) throws -> RawTree {
        var object: OpaquePointer?
        var oid = id.raw
        try check(git_odb_read(&object, try objectDatabase(), &oid), "read tree \(id.abbreviated())")
        defer { git_odb_object_free(object) }
        let size = Int(git_odb_object_size(object))
        guard size > 0, let data = git_odb_object_data(object) else { return RawTree(bytes: [], slots: []) }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: size).bindMemory(to: UInt8.self))
        var slots: [RawTree.Slot] = []
        var index = 0
        while index < size {
            // Mode: octal digits up to a space; a tree's mode is 40000.
            let modeStart = index
            while index < size, bytes[index] != 0x20 { index += 1 }
            let isTree = index - modeStart == 5 && bytes[modeStart] == 0x34
            index += 1
            let nameStart = index
            while index < size, bytes[index] != 0 { index += 1 }
            guard index + 21 <= size else { break }
            slots.append(RawTree.Slot(nameStart: nameStart, nameLength: index - nameStart, isTree: isTree))
            index += 21
        }
        return RawTree(bytes: bytes, slots: slots)
    }

    /// The tree and parents of a commit, without copying its message or signatures.
    public func commitTreeAndParents(_ id: ObjectID) throws -> (tree: ObjectID, parents: [ObjectID]) {
        var oid = id.raw
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), "read commit \(id.abbreviated())")
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) { parents.append(ObjectID(git_commit_parent_id(commit, index))) }
        return (ObjectID(git_commit_tree_id(commit)), parents)
    }
}

extension Repository {
    /// One entry of a tree found in its raw bytes with `memchr` and `memcmp`, allocating nothing per entry.
    public func rawEntry(named name: String, inTree tree: ObjectID) throws -> (id: ObjectID, isTree: Bool)? {
        var object: OpaquePointer?
        var oid = tree.raw
        try check(git_odb_read(&object, try objectDatabase(), &oid), "read tree \(tree.abbreviated())")
        defer { git_odb_object_free(object) }
        let size = Int(git_odb_object_size(object))
        guard size > 0, let data = git_odb_object_data(object) else { return nil }
        let base = data.assumingMemoryBound(to: UInt8.self)
        var target = name
        return target.withUTF8 { wanted -> (id: ObjectID, isTree: Bool)? in
            var index = 0
            while index < size {
                guard let space = memchr(base + index, 0x20, size - index) else { return nil }
                let nameStart = base.distance(to: space.assumingMemoryBound(to: UInt8.self)) + 1
                let isTree = nameStart - 1 - index == 5 && base[index] == 0x34
                guard let nul = memchr(base + nameStart, 0, size - nameStart) else { return nil }
                let nameEnd = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
                guard nameEnd + 21 <= size else { return nil }
                if nameEnd - nameStart == wanted.count, memcmp(base + nameStart, wanted.baseAddress!, wanted.count) == 0 {
                    var raw = git_oid()
                    withUnsafeMutableBytes(of: &raw.id) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + nameEnd + 1, count: 20)) }
                    return (ObjectID(raw), isTree)
                }
                index = nameEnd + 21
            }
            return nil
        }
    }
}
