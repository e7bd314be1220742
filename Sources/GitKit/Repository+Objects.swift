import CLibGit2

/// The kind of a tree entry.
public enum EntryKind: Sendable, Equatable {
    case blob, tree, symlink, submodule, other
}

/// One entry of a git tree: a name, a kind and the object it points to.
public struct TreeEntry: Sendable, Equatable {
    public let name: String
    public let id: ObjectID
    public let kind: EntryKind
    /// The file mode as git stores it (0o100644, 0o100755, 0o120000, 0o040000, 0o160000).
    public let mode: UInt32

    init(_ entry: OpaquePointer) {
        name = String(cString: git_tree_entry_name(entry))
        id = ObjectID(git_tree_entry_id(entry))
        mode = git_tree_entry_filemode(entry).rawValue
        switch git_tree_entry_filemode(entry) {
        case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE: kind = .blob
        case GIT_FILEMODE_TREE: kind = .tree
        case GIT_FILEMODE_LINK: kind = .symlink
        case GIT_FILEMODE_COMMIT: kind = .submodule
        default: kind = .other
        }
    }
}

extension Repository {
    /// Runs `body` with a tree that is freed when it returns.
    func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.raw
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &oid), "read tree \(id.abbreviated())")
        defer { git_tree_free(tree) }
        return try body(tree!)
    }

    /// The entry at `path` ("coes/x/coe.yaml") inside a tree; nil when absent.
    public func entry(atPath path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        if path.isEmpty { return TreeEntry(name: "", id: tree, kind: .tree, mode: 0o040000) }
        return try withTree(tree) { tree in
            var entry: OpaquePointer?
            let rc = git_tree_entry_bypath(&entry, tree, path)
            if rc == GIT_ENOTFOUND.rawValue { return nil }
            try check(rc, "look up \(path)")
            defer { git_tree_entry_free(entry) }   // bypath entries are owned by the caller
            return TreeEntry(entry!)
        }
    }

    /// The entries of a tree, in git's order.
    public func entries(ofTree id: ObjectID) throws -> [TreeEntry] {
        try withTree(id) { tree in
            let count = git_tree_entrycount(tree)
            var result: [TreeEntry] = []
            result.reserveCapacity(count)
            for index in 0..<count {
                // Borrowed from the tree: copied into a value before the tree is freed.
                result.append(TreeEntry(git_tree_entry_byindex(tree, index)))
            }
            return result
        }
    }

    /// The bytes of a blob.
    public func blob(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.raw
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "read blob \(id.abbreviated())")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The size in bytes of an object, from its header: a large blob is not inflated to learn it
    /// (what lets a reader refuse a 200 MB file before reading it).
    public func objectSize(_ id: ObjectID) throws -> Int {
        var oid = id.raw
        var size = 0
        var type = GIT_OBJECT_ANY
        try check(git_odb_read_header(&size, &type, try objectDatabase(), &oid), "read the header of object \(id.abbreviated())")
        return size
    }

    /// Writes a blob to the object database.
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            _ = try check(git_blob_create_from_buffer(&oid, pointer, buffer.baseAddress, buffer.count), "write blob")
        }
        return ObjectID(oid)
    }
}

extension TreeEntry {
    public init(name: String, id: ObjectID, kind: EntryKind, mode: UInt32) {
        self.name = name
        self.id = id
        self.kind = kind
        self.mode = mode
    }
}
