import COEFormat
import GitKit

/// One commit in a COE's history, and where the COE's folder was at that commit.
public struct HistoryEntry: Sendable {
    public let commit: CommitInfo
    /// The COE's folder at this commit (nil when the commit deleted it).
    public let path: String?
    /// The folder in each parent (nil where the parent has no such COE), in parent order.
    public let parentPaths: [String?]
    /// The folder's tree id at this commit, and in the first parent, where known (saves looking them up).
    public var folder: ObjectID?
    public var firstParentFolder: ObjectID?
}

/// A history that cannot be read completely: checks must not pass on it.
public struct IncompleteHistory: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "history is incomplete (a shallow clone); fetch full history: git fetch --unshallow" }
}

/// The commits that changed one COE, found with libgit2.
///
/// A non-merge commit belongs to the history when its tree at the COE's folder
/// differs from its parent's; a merge commit when it differs from every parent's
/// (the merge itself introduced content, as a conflict resolution does). For
/// non-merge commits this is the set `git log --full-history --no-merges -- <folder>`
/// lists. A COE whose folder moved keeps its history: at the commit where the folder
/// appears, the parent is searched for a folder with the same id, so the move is a change
/// like any other.
///
/// A COE under the COE root is looked up in the history index (`ChangeIndex`), extended first with
/// any commits it does not hold; a COE elsewhere, or the part of a history that lies outside the COE
/// root (a COE moved in from another folder), is found by walking the commits.
public enum History {
    /// Newest first (children before parents, then the newest commit first), from `start`.
    public static func entries(ofCOE id: String, at startPath: String, from start: ObjectID, root: String,
                               in repository: Repository, index given: ChangeIndex? = nil) throws -> [HistoryEntry] {
        if repository.isShallow { throw IncompleteHistory() }
        let prefix = Configuration.rootPrefix(root)
        let name = String(startPath.dropFirst(prefix.count))
        guard startPath.hasPrefix(prefix), !name.isEmpty, !name.contains("/") else {
            return try walkedEntries(ofCOE: id, at: startPath, from: start, in: repository)
        }
        let index = given ?? ChangeIndex(repository: repository, root: root)
        let startPosition = try index.update(to: start)
        let reached = index.reachable(from: startPosition)
        // Where the COE is in each commit (its folder name under the root, and whether it is there), told
        // by a child to its parents as the walk goes from newest to oldest, as `walkedEntries` does with trees.
        var state = [(name: String, present: Bool)?](repeating: nil, count: index.records.count)
        state[Int(startPosition)] = (name, true)
        let startName = name
        // Whether each commit has a folder of the starting name, worked out from the index oldest first:
        // a commit that changed it says so; otherwise it is as its parent's (for a merge, as its parents'
        // when they agree). Only a merge whose parents disagree is looked up in its tree. This spares
        // reading two large trees for every merge the history goes through.
        var presentAt = [Bool](repeating: false, count: index.records.count)
        for position in index.oldestFirst(reached) {
            let record = index.records[position]
            if let change = record.changes.first(where: { $0.name == startName }) {
                presentAt[position] = change.new != nil
            } else if let first = record.parents.first {
                let value = presentAt[Int(first)]
                presentAt[position] = record.parents.dropFirst().allSatisfy { presentAt[Int($0)] == value } ? value
                    : try record.root.flatMap { try repository.rawEntry(named: startName, inTree: $0) }?.isTree == true
            }
        }
        var entries: [HistoryEntry] = []
        var outside: [HistoryEntry] = []
        for position in index.oldestFirst(reached).reversed() {
            guard let (name, present) = state[position] else { continue }
            let record = index.records[position]
            let change = record.changes.first { $0.name == name }
            let here = change.map { $0.new != nil } ?? present
            var parentPaths: [String?] = []
            for parent in record.parents {
                let parentRecord = index.records[Int(parent)]
                // A single parent is what the changes were computed against; a merge's parents are looked up
                // (its changes leave out what one of the other parents already had).
                var has = record.parents.count == 1 ? (change.map { $0.old != nil } ?? here)
                    : name == startName ? presentAt[Int(parent)]
                    : try parentRecord.root.flatMap { try repository.rawEntry(named: name, inTree: $0) }?.isTree == true
                var parentName: String? = name
                var parentPath: String? = has ? prefix + name : nil
                if !has && here {
                    // The COE appears in this commit: created, or moved here (found in the parent by its id).
                    let parentTree = try repository.commit(parentRecord.id).tree
                    if let moved = try findCOE(id: id, near: prefix + name, inTree: parentTree, repository: repository) {
                        parentPath = moved
                        if moved.hasPrefix(prefix), !moved.dropFirst(prefix.count).contains("/") {
                            parentName = String(moved.dropFirst(prefix.count))
                            has = true
                        } else {
                            // Moved in from outside the COE root: that part of its history is walked.
                            outside += try walkedEntries(ofCOE: id, at: moved, from: parentRecord.id, in: repository)
                            parentName = nil
                        }
                    }
                }
                if state[Int(parent)] == nil, let parentName { state[Int(parent)] = (parentName, has) }
                parentPaths.append(parentPath)
            }
            let path = here ? prefix + name : nil
            // A merge is listed when it differs from every parent (its change was kept), another commit when
            // the folder changed or moved.
            let listed = record.parents.isEmpty ? here
                : change != nil || (record.parents.count == 1 && parentPaths[0] != path)
            guard listed else { continue }
            entries.append(HistoryEntry(commit: try repository.commit(record.id), path: path, parentPaths: parentPaths, folder: change?.new,
                                        firstParentFolder: parentPaths.first == path ? change?.old : nil))
        }
        let seen = Set(entries.map(\.commit.id))
        var extra: [HistoryEntry] = []
        for entry in outside where !seen.contains(entry.commit.id) && !extra.contains(where: { $0.commit.id == entry.commit.id }) {
            extra.append(entry)
        }
        return entries + extra
    }

    /// Newest first, from `start`, by walking every commit (for a COE outside the COE root).
    static func walkedEntries(ofCOE id: String, at startPath: String, from start: ObjectID, in repository: Repository) throws -> [HistoryEntry] {
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
                    // Where the child had it; failing that, where a folder with the same id is (the COE moved
                    // here in this commit). Where the child has no such COE either, nothing is searched.
                    pathAt[parentID] = path
                    if here != nil, try folder(parentID, parent.tree, path) == nil,
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
            if changed {
                result.append(HistoryEntry(commit: commit, path: here == nil ? nil : path, parentPaths: parentPaths,
                                           folder: here, firstParentFolder: parentFolders.first ?? nil))
            }
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
