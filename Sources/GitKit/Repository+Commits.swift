import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A commit's header, copied out of libgit2.
public struct CommitInfo: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The whole message, subject and body, as stored.
    public let message: String

    /// The first line of the message.
    public var subject: String {
        String(message.prefix { $0 != "\n" })
    }
}

/// The order a history walk visits commits in.
public struct WalkOrder: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// libgit2's cheapest order (no sorting).
    public static let none = WalkOrder([])
    /// Parents after all their children.
    public static let topological = WalkOrder(rawValue: GIT_SORT_TOPOLOGICAL.rawValue)
    /// Newest commit time first.
    public static let time = WalkOrder(rawValue: GIT_SORT_TIME.rawValue)
    /// Oldest first (combined with one of the others).
    public static let reverse = WalkOrder(rawValue: GIT_SORT_REVERSE.rawValue)
}

/// A change to apply to a tree when making a commit.
public enum TreeChange: Sendable {
    /// Write `bytes` at `path` as a regular file (creating folders as needed).
    case write(path: String, bytes: [UInt8])
    /// Remove the file at `path`.
    case remove(path: String)
}

extension Repository {
    /// Reads a commit's header.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.raw
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), "read commit \(id.abbreviated())")
        defer { git_commit_free(commit) }
        let parentCount = git_commit_parentcount(commit)
        var parents: [ObjectID] = []
        for index in 0..<parentCount { parents.append(ObjectID(git_commit_parent_id(commit, index))) }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)),
            parents: parents,
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? "")
    }

    /// Visits every commit reachable from `starts`, in `order`, once each; `body` returns false to stop.
    public func walk(from starts: [ObjectID], hiding: [ObjectID] = [], order: WalkOrder = .none, _ body: (ObjectID) throws -> Bool) throws {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer), "start history walk")
        defer { git_revwalk_free(walker) }
        // One call: git_revwalk_sorting replaces the mode, so flags are combined first.
        try check(git_revwalk_sorting(walker, order.rawValue), "set walk order")
        for start in starts {
            var oid = start.raw
            try check(git_revwalk_push(walker, &oid), "walk from \(start.abbreviated())")
        }
        for hidden in hiding {
            var oid = hidden.raw
            try check(git_revwalk_hide(walker, &oid), "hide \(hidden.abbreviated())")
        }
        var oid = git_oid()
        while true {
            let rc = git_revwalk_next(&oid, walker)
            if rc == GIT_ITEROVER.rawValue { return }
            try check(rc, "walk history")
            if try !body(ObjectID(oid)) { return }
        }
    }

    /// Makes a new tree from `base` (nil: an empty tree) with `changes` applied.
    public func tree(from base: ObjectID?, applying changes: [TreeChange]) throws -> ObjectID {
        var updates: [git_tree_update] = []
        var paths: [UnsafeMutablePointer<CChar>] = []
        defer { paths.forEach { free($0) } }
        for change in changes {
            var update = git_tree_update()
            switch change {
            case .write(let path, let bytes):
                update.action = GIT_TREE_UPDATE_UPSERT
                update.id = try writeBlob(bytes).raw
                update.filemode = GIT_FILEMODE_BLOB
                paths.append(strdup(path))
            case .remove(let path):
                update.action = GIT_TREE_UPDATE_REMOVE
                paths.append(strdup(path))
            }
            update.path = UnsafePointer(paths.last!)
            updates.append(update)
        }
        let baseTree: OpaquePointer?
        if let base {
            var oid = base.raw
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, pointer, &oid), "read tree \(base.abbreviated())")
            baseTree = tree
        } else {
            var builder: OpaquePointer?
            try check(git_treebuilder_new(&builder, pointer, nil), "start empty tree")
            defer { git_treebuilder_free(builder) }
            var empty = git_oid()
            try check(git_treebuilder_write(&empty, builder), "write empty tree")
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, pointer, &empty), "read empty tree")
            baseTree = tree
        }
        defer { git_tree_free(baseTree) }
        var result = git_oid()
        try check(git_tree_create_updated(&result, pointer, baseTree, updates.count, updates), "write tree")
        return ObjectID(result)
    }
}
