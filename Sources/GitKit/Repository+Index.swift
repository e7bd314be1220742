import CLibGit2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file staged in the index.
public struct IndexEntry: Sendable, Equatable {
    public let path: String
    public let id: ObjectID
    /// 0o100644, 0o100755, 0o120000 (a link) or 0o160000 (a submodule).
    public let mode: UInt32
}

extension Repository {
    /// Every entry of the index (stage 0), sorted by path as git keeps them.
    ///
    /// Conflicted paths (stages 1–3) are left out: a conflicted file is not staged content.
    public func indexEntries() throws -> [IndexEntry] {
        try indexEntries(under: nil)
    }

    /// The index entries (stage 0) whose paths start with one of `prefixes` (all when nil), found by
    /// binary search in the sorted index rather than by reading every entry.
    /// With prefixes, the index file is read without libgit2 when it can be (`IndexTreeCache.entries`).
    public func indexEntries(under prefixes: [String]?) throws -> [IndexEntry] {
        if let prefixes, let entries = IndexTreeCache.entries(indexFile: indexFilePath, under: prefixes) { return entries }
        let index: OpaquePointer? = try openIndex()
        defer { git_index_free(index) }
        let count = git_index_entrycount(index)
        var entries: [IndexEntry] = []
        func take(from start: Int, while matches: (UnsafePointer<CChar>) -> Bool) {
            var position = start
            while position < count, let entry = git_index_get_byindex(index, position), matches(entry.pointee.path) {
                // Stage is kept in bits 12–13 of the flags; only stage 0 is staged content.
                if (entry.pointee.flags >> 12) & 0x3 == 0 {
                    entries.append(IndexEntry(path: String(cString: entry.pointee.path), id: ObjectID(entry.pointee.id), mode: entry.pointee.mode))
                }
                position += 1
            }
        }
        guard let prefixes else {
            entries.reserveCapacity(count)
            take(from: 0) { _ in true }
            return entries
        }
        for prefix in Set(prefixes).sorted() {
            var start = 0
            guard git_index_find_prefix(&start, index, prefix) == 0 else { continue }
            let length = prefix.utf8.count
            take(from: start) { path in strncmp(path, prefix, length) == 0 }
        }
        return entries
    }

    /// Paths under `prefix` whose staged content differs from HEAD's (added, changed or deleted).
    ///
    /// In a repository with no commit yet, every staged path under `prefix` counts.
    public func stagedChanges(under prefix: String) throws -> [String] {
        let index: OpaquePointer? = try openIndex()
        defer { git_index_free(index) }
        var headTree: OpaquePointer?
        if let head = try head() {
            var oid = try commit(head).tree.raw
            try check(git_tree_lookup(&headTree, pointer, &oid), "read HEAD's tree")
        }
        defer { git_tree_free(headTree) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "diff options")
        var diff: OpaquePointer?
        let pathspec = prefix.isEmpty ? "*" : prefix.hasSuffix("/") ? prefix : prefix + "/"
        try pathspec.withCString { spec in
            var strings: [UnsafeMutablePointer<CChar>?] = [UnsafeMutablePointer(mutating: spec)]
            try strings.withUnsafeMutableBufferPointer { buffer in
                options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
                try check(git_diff_tree_to_index(&diff, pointer, headTree, index, &options), "compare the index with HEAD")
            }
        }
        defer { git_diff_free(diff) }
        var paths: [String] = []
        for position in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, position) else { continue }
            if let path = delta.pointee.new_file.path { paths.append(String(cString: path)) }
            if let old = delta.pointee.old_file.path, delta.pointee.status == GIT_DELTA_DELETED || delta.pointee.status == GIT_DELTA_RENAMED {
                paths.append(String(cString: old))
            }
        }
        return Array(Set(paths)).sorted()
    }

    /// Names of every author and committer in the history reachable from `start`, excluding what `known` covers.
    public func peopleNames(from start: ObjectID, hiding known: ObjectID?) throws -> Set<String> {
        var names = Set<String>()
        var hidden: [ObjectID] = []
        if let known, (try? commit(known)) != nil { hidden.append(known) }
        try walk(from: [start], hiding: hidden) { id in
            var oid = id.raw
            var commit: OpaquePointer?
            try check(git_commit_lookup(&commit, pointer, &oid), "read commit \(id.abbreviated())")
            defer { git_commit_free(commit) }
            names.insert(String(cString: git_commit_author(commit).pointee.name))
            names.insert(String(cString: git_commit_committer(commit).pointee.name))
            return true
        }
        return names
    }
}
