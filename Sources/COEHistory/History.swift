import COEFormat
import GitKit

/// One commit in a COE's history, and where the COE's folder was at that commit.
public struct HistoryEntry: Sendable {
    public let commit: CommitInfo
    /// The COE's folder at this commit (nil when the commit deleted it).
    public let path: String?
    /// The folder in each parent (nil where the parent has no such COE), in parent order.
    public let parentPaths: [String?]
}

/// A history that cannot be read completely: checks must not pass on it.
public struct IncompleteHistory: Error, Sendable, CustomStringConvertible {
    public var description: String { "history is incomplete (a shallow clone); fetch full history: git fetch --unshallow" }
}

/// The commits that changed one COE, found with libgit2.
///
/// A non-merge commit belongs to the history when its tree at the COE's folder
/// differs from its parent's; a merge commit when it differs from every parent's
/// (the merge itself introduced content, as a conflict resolution does). For
/// non-merge commits this is the set `git log --full-history --no-merges -- <folder>`
/// lists. A COE whose folder moved keeps its history: where a parent has no folder at
/// the path, the COE is looked for by its id, so the move is a change like any other.
public enum History {
    /// Newest first, from `start`.
    public static func entries(ofCOE id: String, at startPath: String, from start: ObjectID, in repository: Repository) throws -> [HistoryEntry] {
        if repository.isShallow { throw IncompleteHistory() }
        // The COE's folder at each commit reached so far (a child tells its parents), and its tree there.
        var pathAt: [ObjectID: String] = [start: startPath]
        var folderID: [ObjectID: ObjectID?] = [:]
        /// The folder's tree id, found one path component at a time in raw tree bytes.
        func folder(_ commit: ObjectID, _ tree: ObjectID, _ path: String) throws -> ObjectID? {
            if let known = folderID[commit] { return known }
            var current: (id: ObjectID, isTree: Bool)? = (tree, true)
            for component in path.split(separator: "/") {
                guard let here = current, here.isTree else { current = nil; break }
                current = try repository.rawEntry(named: String(component), inTree: here.id)
            }
            let id = current?.isTree == true ? current?.id : nil
            folderID[commit] = id
            return id
        }
        var result: [HistoryEntry] = []
        try repository.walk(from: [start], order: [.topological, .time]) { commitID in
            let commit = try repository.commit(commitID)
            let path = pathAt[commitID] ?? startPath
            let here = try folder(commitID, commit.tree, path)
            var parentPaths: [String?] = []
            var parentFolders: [ObjectID?] = []
            for parentID in commit.parents {
                let parent = try repository.commit(parentID)
                if pathAt[parentID] == nil {
                    // Where the child had it; failing that, where a folder with the same id is (the COE moved).
                    pathAt[parentID] = path
                    if try folder(parentID, parent.tree, path) == nil,
                       let moved = try findCOE(id: id, near: path, inTree: parent.tree, repository: repository) {
                        pathAt[parentID] = moved
                        folderID[parentID] = nil
                    }
                }
                let parentFolder = try folder(parentID, parent.tree, pathAt[parentID]!)
                parentPaths.append(parentFolder == nil ? nil : pathAt[parentID])
                parentFolders.append(parentFolder)
            }
            let changed: Bool
            if commit.parents.isEmpty {
                changed = here != nil
            } else {
                changed = zip(parentFolders, parentPaths).allSatisfy { folder, parentPath in folder != here || (here != nil && parentPath != path) }
            }
            if changed { result.append(HistoryEntry(commit: commit, path: here == nil ? nil : path, parentPaths: parentPaths)) }
            return true
        }
        return result
    }

    /// The folder of the COE with `id` in a tree: a sibling of `path` (a renamed folder), or `<top>/<folder>` under
    /// another top-level folder (a moved COE root); nil when the tree has no such COE.
    static func findCOE(id: String, near path: String, inTree tree: ObjectID, repository: Repository) throws -> String? {
        let components = path.split(separator: "/").map(String.init)
        let parent = components.dropLast().joined(separator: "/")
        if let siblings = try repository.entry(atPath: parent, inTree: tree), siblings.kind == .tree {
            for entry in try repository.entries(ofTree: siblings.id) where entry.kind == .tree {
                let candidate = parent.isEmpty ? entry.name : "\(parent)/\(entry.name)"
                if try coeID(at: candidate, inTree: tree, repository: repository) == id { return candidate }
            }
        }
        guard let name = components.last else { return nil }
        for top in try repository.entries(ofTree: tree) where top.kind == .tree {
            let candidate = "\(top.name)/\(name)"
            if candidate != path, try coeID(at: candidate, inTree: tree, repository: repository) == id { return candidate }
        }
        return nil
    }

    /// The `id:` written in a folder's coe.yaml (a light read: the first `id:` line), or nil.
    static func coeID(at folder: String, inTree tree: ObjectID, repository: Repository) throws -> String? {
        guard let entry = try repository.entry(atPath: "\(folder)/\(COELayout.metadataFile)", inTree: tree), entry.kind == .blob else { return nil }
        let text = String(decoding: try repository.blob(entry.id), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("id:") {
            var value = line.dropFirst(3).drop(while: { $0 == " " })
            if let quote = value.first, quote == "\"" || quote == "'" { value = value.dropFirst().prefix { $0 != quote } }
            return String(value.prefix { $0 != " " && $0 != "#" })
        }
        return nil
    }
}
