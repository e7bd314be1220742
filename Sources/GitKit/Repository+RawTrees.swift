import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// The object database, opened once per repository.
    func objectDatabase() throws -> OpaquePointer {
        if let odb = odb { return odb }
        var handle: OpaquePointer?
        try check(git_repository_odb(&handle, pointer), "open the object database")
        odb = handle
        return handle!
    }

    /// The tree, parents and committer time of a commit, read from its raw bytes: one read, and
    /// nothing parsed beyond the header (a history walk reads each commit once).
    public func commitSkeleton(_ id: ObjectID) throws -> (tree: ObjectID, parents: [ObjectID], time: Int64) {
        try withRawCommit(id) { Repository.parseCommitHeader($0) }
    }

    /// `parse` applied to a commit's raw bytes, in libgit2's buffer; an error when the object is not a
    /// commit or `parse` finds nothing (a malformed header).
    private func withRawCommit<T>(_ id: ObjectID, _ parse: (UnsafeRawBufferPointer) -> T?) throws -> T {
        var object: OpaquePointer?
        var oid = id.raw
        try check(git_odb_read(&object, try objectDatabase(), &oid), "read commit \(id.abbreviated())")
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else {
            throw GitError(operation: "read commit \(id.abbreviated())", message: "not a commit")
        }
        guard let parsed = parse(UnsafeRawBufferPointer(start: data, count: Int(git_odb_object_size(object)))) else {
            throw GitError(operation: "read commit \(id.abbreviated())", message: "malformed commit header")
        }
        return parsed
    }

    /// A commit's author, committer time and subject, read from its raw bytes (one read, no libgit2
    /// commit object): what a report on many commits names each one by.
    public func commitSummary(_ id: ObjectID) throws -> (author: Signature, committerTime: Int64, subject: String) {
        try withRawCommit(id) { bytes in
            var author: Signature?
            var committerTime: Int64?
            var offset = 0
            while offset < bytes.count {
                let end = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
                let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
                offset = end + 1
                if line.isEmpty { break }  // the blank line before the message
                if line.starts(with: "author ".utf8) {
                    author = Repository.parseSignature(UnsafeRawBufferPointer(rebasing: line[7...]))
                } else if line.starts(with: "committer ".utf8) {
                    committerTime = Repository.signatureFields(UnsafeRawBufferPointer(rebasing: line[10...]))?.time
                }
            }
            guard let author, let committerTime else { return nil }
            let message = offset < bytes.count ? bytes[offset...] : bytes[bytes.count...]
            return (author, committerTime, String(decoding: message.prefix { $0 != 0x0A }, as: UTF8.self))
        }
    }

    /// `Name <email> 1700000000 +0100` as a signature; nil when it is not in that form.
    static func parseSignature(_ line: UnsafeRawBufferPointer) -> Signature? {
        guard let fields = signatureFields(line) else { return nil }
        return Signature(name: String(decoding: line[..<fields.nameEnd], as: UTF8.self),
                         email: String(decoding: line[fields.email], as: UTF8.self), time: fields.time, offsetMinutes: fields.offsetMinutes)
    }

    /// Where a signature's parts are, and its time, without making strings (a walk needs only the
    /// time). As libgit2 reads it, the email is between the last `<` and the last `>`.
    static func signatureFields(_ line: UnsafeRawBufferPointer) -> (nameEnd: Int, email: Range<Int>, time: Int64, offsetMinutes: Int32)? {
        guard let open = line.lastIndex(of: UInt8(ascii: "<")), let close = line.lastIndex(of: UInt8(ascii: ">")), open < close else { return nil }
        var nameEnd = open
        while nameEnd > 0, line[nameEnd - 1] == 0x20 { nameEnd -= 1 }
        var index = close + 1
        func skipSpaces() { while index < line.count, line[index] == 0x20 { index += 1 } }
        func number() -> (value: Int64, digits: Int) {
            var value: Int64 = 0, digits = 0
            while index < line.count, (0x30...0x39).contains(line[index]), digits < 18 {
                value = value * 10 + Int64(line[index] - 0x30)
                index += 1
                digits += 1
            }
            return (value, digits)
        }
        skipSpaces()
        let time = number()
        guard time.digits > 0 else { return nil }
        skipSpaces()
        var offset: Int32 = 0
        if index < line.count, line[index] == UInt8(ascii: "+") || line[index] == UInt8(ascii: "-") {
            let negative = line[index] == UInt8(ascii: "-")
            index += 1
            let zone = number()
            if zone.digits == 4 { offset = Int32(zone.value / 100 * 60 + zone.value % 100) * (negative ? -1 : 1) }
        }
        return (nameEnd, (open + 1)..<close, time.value, offset)
    }

    /// The `tree`, `parent` and `committer` lines of a raw commit (nil when they are not there as git writes them).
    static func parseCommitHeader(_ bytes: UnsafeRawBufferPointer) -> (tree: ObjectID, parents: [ObjectID], time: Int64)? {
        var tree: ObjectID?
        var parents: [ObjectID] = []
        var offset = 0
        while offset < bytes.count {
            let end = bytes[offset...].firstIndex(of: 0x0A) ?? bytes.count
            if end == offset { break }  // the blank line before the message
            let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
            if line.starts(with: "tree ".utf8), line.count == 45 {
                tree = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: line[5...]))
                if tree == nil { return nil }
            } else if line.starts(with: "parent ".utf8), line.count == 47 {
                guard let parent = ObjectID(hexBytes: UnsafeRawBufferPointer(rebasing: line[7...])) else { return nil }
                parents.append(parent)
            } else if line.starts(with: "committer ".utf8) {
                guard let tree, let committer = signatureFields(UnsafeRawBufferPointer(rebasing: line[10...])) else { return nil }
                return (tree, parents, committer.time)
            }
            offset = end + 1
        }
        return nil
    }
}

/// A tree's raw bytes, in libgit2's own buffer (not copied), kept while this object lives.
public final class RawTree {
    public let id: ObjectID
    private let object: OpaquePointer?
    let bytes: UnsafeRawBufferPointer
    /// Where each entry starts, and (last) where the bytes end, once worked out (`TreeDiffer`).
    var starts: [Int] = []

    init(id: ObjectID, object: OpaquePointer?) {
        self.id = id
        self.object = object
        let size = Int(git_odb_object_size(object))
        bytes = UnsafeRawBufferPointer(start: size > 0 ? git_odb_object_data(object) : nil, count: max(size, 0))
    }

    deinit { git_odb_object_free(object) }
}

/// One name whose entry differs between two trees (top level only), with both ids.
public struct TreeDelta: Sendable, Equatable {
    public let name: String
    public let old: ObjectID?
    public let new: ObjectID?
    public init(name: String, old: ObjectID?, new: ObjectID?) {
        self.name = name
        self.old = old
        self.new = new
    }
}

extension Repository {
    /// The names whose entries differ between two trees (nil: an empty tree), in tree order. With
    /// `foldersOnly`, only subtrees count: a file is treated as absent.
    ///
    /// Both trees are read as raw bytes and walked in step: an entry whose bytes are the same on
    /// both sides (the usual case: a thousand COE folders, one of which changed) costs one `memchr`
    /// and one `memcmp`; strings and ids are made only for the entries that differ.
    public func treeDeltas(from old: ObjectID?, to new: ObjectID?, foldersOnly: Bool = false) throws -> [TreeDelta] {
        if old == new { return [] }
        return Repository.treeDeltas(from: try old.map(rawTree), to: try new.map(rawTree), foldersOnly: foldersOnly)
    }

    /// A tree's raw bytes.
    public func rawTree(_ id: ObjectID) throws -> RawTree {
        var object: OpaquePointer?
        var oid = id.raw
        try check(git_odb_read(&object, try objectDatabase(), &oid), "read tree \(id.abbreviated())")
        return RawTree(id: id, object: object)
    }

    /// The same comparison on trees already read (nil: an empty tree).
    public static func treeDeltas(from old: RawTree?, to new: RawTree?, foldersOnly: Bool = false) -> [TreeDelta] {
        treeDeltas(from: old?.bytes, to: new?.bytes, foldersOnly: foldersOnly)
    }

    /// The same comparison on two trees' raw bytes already in memory (nil: an empty tree).
    static func treeDeltas(from old: UnsafeRawBufferPointer?, to new: UnsafeRawBufferPointer?, foldersOnly: Bool) -> [TreeDelta] {
        var result: [TreeDelta] = []
        walkDeltas(from: old, to: new) { name, old, oldKind, new, newKind in
            let before = foldersOnly && oldKind != .tree ? nil : old, after = foldersOnly && newKind != .tree ? nil : new
            if before != nil || after != nil { result.append(TreeDelta(name: name(), old: before, new: after)) }
        }
        return result
    }

    /// What a raw tree entry is, from its mode.
    enum RawKind { case tree, gitlink, file }

    /// Walks two trees' raw bytes in step and calls `each` for every name whose entries differ: the name
    /// (made only when asked for), and the old and new ids with their kinds (an absent side is nil).
    static func walkDeltas(from old: UnsafeRawBufferPointer?, to new: UnsafeRawBufferPointer?,
                           _ each: (_ name: () -> String, _ old: ObjectID?, _ oldKind: RawKind, _ new: ObjectID?, _ newKind: RawKind) -> Void) {
        let a = old?.baseAddress?.assumingMemoryBound(to: UInt8.self), aSize = old?.count ?? 0
        let b = new?.baseAddress?.assumingMemoryBound(to: UInt8.self), bSize = new?.count ?? 0
        func name(_ base: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> String {
            String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        }
        func id(_ base: UnsafePointer<UInt8>, _ nameStart: Int, _ nameLength: Int) -> ObjectID {
            ObjectID(bytes: UnsafeRawBufferPointer(start: base + nameStart + nameLength + 1, count: 20))
        }
        var i = 0, j = 0
        while true {
            let x = a.flatMap { i < aSize ? rawTreeEntry($0, aSize, i) : nil }
            let y = b.flatMap { j < bSize ? rawTreeEntry($0, bSize, j) : nil }
            switch (x, y) {
            case (nil, nil):
                return
            case let (x?, nil):
                each({ name(a!, x.nameStart, x.nameLength) }, id(a!, x.nameStart, x.nameLength), x.kind, nil, .file)
                i += x.length
            case let (nil, y?):
                each({ name(b!, y.nameStart, y.nameLength) }, nil, .file, id(b!, y.nameStart, y.nameLength), y.kind)
                j += y.length
            case let (x?, y?):
                if x.length == y.length, memcmp(a! + i, b! + j, x.length) == 0 {
                    i += x.length
                    j += y.length
                    continue
                }
                // Git's tree order: names compared as bytes, a tree's name as if it ended in "/".
                let common = min(x.nameLength, y.nameLength)
                var order = Int(memcmp(a! + x.nameStart, b! + y.nameStart, common))
                if order == 0 {
                    let nextX: UInt8 = x.nameLength > common ? a![x.nameStart + common] : (x.kind == .tree ? 0x2F : 0)
                    let nextY: UInt8 = y.nameLength > common ? b![y.nameStart + common] : (y.kind == .tree ? 0x2F : 0)
                    order = Int(nextX) - Int(nextY)
                }
                if order < 0 {
                    each({ name(a!, x.nameStart, x.nameLength) }, id(a!, x.nameStart, x.nameLength), x.kind, nil, .file)
                    i += x.length
                } else if order > 0 {
                    each({ name(b!, y.nameStart, y.nameLength) }, nil, .file, id(b!, y.nameStart, y.nameLength), y.kind)
                    j += y.length
                } else {
                    // Same name, different id or mode.
                    each({ name(b!, y.nameStart, y.nameLength) }, id(a!, x.nameStart, x.nameLength), x.kind,
                         id(b!, y.nameStart, y.nameLength), y.kind)
                    i += x.length
                    j += y.length
                }
            }
        }
    }

    /// The files (blobs and links, by path) `tree` holds that none of `bases` holds at the same path with
    /// the same content: what a commit brings that its parents did not have (for a merge, only what
    /// differs from every parent). Compared on raw tree bytes against the first base, so a commit that
    /// changed one COE among a thousand reads a handful of trees; submodules are skipped.
    public func blobsAdded(in tree: ObjectID, comparedWith bases: [ObjectID?], path: String = "") throws -> [(path: String, blob: ObjectID)] {
        let newTree = try rawTree(tree)
        let oldTree = try (bases.first ?? nil).map(rawTree)
        var changed: [(name: String, id: ObjectID, kind: RawKind, old: ObjectID?, oldKind: RawKind)] = []
        withExtendedLifetime((newTree, oldTree)) {
            Repository.walkDeltas(from: oldTree?.bytes, to: newTree.bytes) { name, old, oldKind, new, newKind in
                if let new { changed.append((name(), new, newKind, old, oldKind)) }
            }
        }
        var added: [(path: String, blob: ObjectID)] = []
        for entry in changed {
            var others: [(id: ObjectID, isTree: Bool)?] = [entry.old.map { ($0, entry.oldKind == .tree) }]
            for base in bases.dropFirst() { others.append(try base.flatMap { try rawEntry(named: entry.name, inTree: $0) }) }
            if others.contains(where: { $0?.id == entry.id }) { continue }
            switch entry.kind {
            case .tree:
                added += try blobsAdded(in: entry.id, comparedWith: others.map { $0.flatMap { $0.isTree ? $0.id : nil } },
                                        path: path + entry.name + "/")
            case .file: added.append((path + entry.name, entry.id))
            case .gitlink: continue
            }
        }
        return added
    }

    /// The id of the tree at `components` below `tree` (nil when there is none, or it is not a tree).
    public func subtree(at components: [String], inTree tree: ObjectID) throws -> ObjectID? {
        var current = tree
        for component in components {
            guard let found = try rawEntry(named: component, inTree: current), found.isTree else { return nil }
            current = found.id
        }
        return current
    }
}

extension Repository {
    /// One entry of a tree found in its raw bytes with `memchr` and `memcmp`, allocating nothing per entry.
    public func rawEntry(named name: String, inTree tree: ObjectID) throws -> (id: ObjectID, isTree: Bool)? {
        let raw = try rawTree(tree)
        guard let base = raw.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let size = raw.bytes.count
        var target = name
        return target.withUTF8 { wanted -> (id: ObjectID, isTree: Bool)? in
            var index = 0
            while index < size, let entry = rawTreeEntry(base, size, index) {
                if entry.nameLength == wanted.count, memcmp(base + entry.nameStart, wanted.baseAddress!, wanted.count) == 0 {
                    return (ObjectID(bytes: UnsafeRawBufferPointer(start: base + entry.nameStart + entry.nameLength + 1, count: 20)), entry.isTree)
                }
                index += entry.length
            }
            return nil
        }
    }
}

/// The entry of raw tree bytes starting at `index` (`<mode> <name>\0<20-byte id>`): where its name
/// starts and how long it is, whether it is a tree, and the entry's whole length; nil past the end or
/// in damaged bytes.
private func rawTreeEntry(_ base: UnsafePointer<UInt8>, _ size: Int, _ index: Int)
    -> (nameStart: Int, nameLength: Int, isTree: Bool, kind: Repository.RawKind, length: Int)? {
    guard let space = memchr(base + index, 0x20, size - index) else { return nil }
    let nameStart = base.distance(to: space.assumingMemoryBound(to: UInt8.self)) + 1
    guard let nul = memchr(base + nameStart, 0, size - nameStart) else { return nil }
    let nameEnd = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
    guard nameEnd + 21 <= size else { return nil }
    let modeLength = nameStart - 1 - index
    let isTree = modeLength == 5 && base[index] == 0x34
    // 160000: a submodule's commit, not an object of this repository.
    let kind: Repository.RawKind = isTree ? .tree : modeLength == 6 && base[index] == 0x31 && base[index + 1] == 0x36 ? .gitlink : .file
    return (nameStart, nameEnd - nameStart, isTree, kind, nameEnd + 21 - index)
}
