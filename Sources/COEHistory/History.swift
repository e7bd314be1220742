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

extension HistoryEntry {
    /// The COE's folder tree at this commit (nil: not there): the one the index gave, else looked up.
    public func folderTree(in repository: Repository) throws -> ObjectID? {
        guard let path else { return nil }
        return try folder ?? repository.subtree(at: path.split(separator: "/").map(String.init), inTree: commit.tree)
    }

    /// The COE's folder tree in parent number `number` (nil: not there), looked up in `parentTree`
    /// (that parent's tree, read when not given) unless the index gave it.
    public func parentFolderTree(_ number: Int, in repository: Repository, parentTree: ObjectID? = nil) throws -> ObjectID? {
        guard number < parentPaths.count, let path = parentPaths[number] else { return nil }
        if number == 0, let firstParentFolder { return firstParentFolder }
        let tree = try parentTree ?? repository.commitSkeleton(commit.parents[number]).tree
        return try repository.subtree(at: path.split(separator: "/").map(String.init), inTree: tree)
    }
}

/// A history that cannot be read completely: checks must not pass on it.
public struct IncompleteHistory: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A shallow clone: commits end where the clone's depth did.
        case shallow
        /// An object the history names is not in the repository (what libgit2 said when reading it).
        case missingObject(String)
    }

    public let reason: Reason

    public init(_ reason: Reason = .shallow) { self.reason = reason }

    public var description: String {
        switch reason {
        case .shallow:
            return "history is incomplete (a shallow clone); fetch full history: git fetch --unshallow"
        case .missingObject(let detail):
            return "history is incomplete: an object it names is not in this repository (\(detail)); a shallow clone "
                + "ends its history early (fetch full history: git fetch --unshallow), and a partial clone (git clone --filter) "
                + "leaves objects out (fetch full history with a clone made without --filter)"
        }
    }

    /// `body`, with an object missing from the repository reported as incomplete history.
    public static func checking<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError where error.isMissingObject {
            throw IncompleteHistory(.missingObject(error.description))
        }
    }
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
        try IncompleteHistory.checking { try indexedEntries(ofCOE: id, at: startPath, from: start, root: root, in: repository, index: given) }
    }

    private static func indexedEntries(ofCOE id: String, at startPath: String, from start: ObjectID, root: String,
                                       in repository: Repository, index given: ChangeIndex?) throws -> [HistoryEntry] {
        if repository.isShallow { throw IncompleteHistory() }
        let prefix = Configuration.rootPrefix(root)
        let name = String(startPath.dropFirst(prefix.count))
        guard startPath.hasPrefix(prefix), !name.isEmpty, !name.contains("/") else {
            return try walkedEntries(ofCOE: id, at: startPath, from: start, in: repository)
        }
        let index = given ?? ChangeIndex(repository: repository, root: root)
        let startPosition = try index.update(to: start)
        let table = index.table
        let reached = index.reachable(from: startPosition)
        let order = index.oldestFirst(reached)
        // Folder names as numbers: the table's, and numbers past them for names no record mentions.
        var extraNames: [String] = []
        func number(_ name: String) -> Int32 {
            if let known = table.nameID(name) { return known }
            if let extra = extraNames.firstIndex(of: name) { return Int32(table.names.count + extra) }
            extraNames.append(name)
            return Int32(table.names.count + extraNames.count - 1)
        }
        func folder(_ name: Int32) -> String { Int(name) < table.names.count ? table.names[Int(name)] : extraNames[Int(name) - table.names.count] }
        func hasFolder(_ name: Int32, at position: Int) throws -> Bool {
            try table.root(position).flatMap { try repository.rawEntry(named: folder(name), inTree: $0) }?.isTree == true
        }
        let startName = number(name)
        // Where the COE is in each commit (its folder name under the root, and whether it is there), told
        // by a child to its parents as the walk goes from newest to oldest, as `walkedEntries` does with trees.
        var state = [(name: Int32, present: Bool)?](repeating: nil, count: table.count)
        state[Int(startPosition)] = (startName, true)
        // Whether each commit has a folder of the starting name, worked out from the index oldest first:
        // a commit that changed it says so; otherwise it is as its parent's (for a merge, as its parents'
        // when they agree). Only a merge whose parents disagree is looked up in its tree. This spares
        // reading two large trees for every merge the history goes through.
        var presentAt = [Bool](repeating: false, count: table.count)
        for position in order {
            let parents = table.parents(position)
            if let change = table.change(position, named: startName) {
                presentAt[position] = change.new != nil
            } else if let first = parents.first {
                let value = presentAt[Int(first)]
                presentAt[position] = parents.dropFirst().allSatisfy { presentAt[Int($0)] == value } ? value : try hasFolder(startName, at: position)
            }
        }
        var listed: [(position: Int, path: String?, parentPaths: [String?], change: ChangeTable.Change?)] = []
        var outside: [HistoryEntry] = []
        for position in order.reversed() {
            guard let (name, present) = state[position] else { continue }
            let parents = table.parents(position)
            let change = table.change(position, named: name)
            let here = change.map { $0.new != nil } ?? present
            if parents.count == 1 {
                // The usual commit: one parent, and no move to look for (the COE is in the parent, or not
                // here either). Nothing is allocated unless the commit is listed.
                let parent = Int(parents[parents.startIndex])
                let has = change.map { $0.old != nil } ?? here
                if has || !here {
                    if state[parent] == nil { state[parent] = (name, has) }
                    if change != nil || has != here {
                        let path = prefix + folder(name)
                        listed.append((position, here ? path : nil, [has ? path : nil], change))
                    }
                    continue
                }
            }
            var parentPaths: [String?] = []
            for parent in parents {
                // A single parent is what the changes were computed against; a merge's parents are looked up
                // (its changes leave out what one of the other parents already had).
                var has = parents.count == 1 ? (change.map { $0.old != nil } ?? here)
                    : name == startName ? presentAt[Int(parent)]
                    : try hasFolder(name, at: Int(parent))
                var parentName: Int32? = name
                var parentPath: String? = has ? prefix + folder(name) : nil
                if !has && here {
                    // The COE appears in this commit: created, or moved here (found in the parent by its id).
                    let parentTree = try repository.commitSkeleton(table.id(Int(parent))).tree
                    if let moved = try findCOE(id: id, near: prefix + folder(name), inTree: parentTree, repository: repository) {
                        parentPath = moved
                        if moved.hasPrefix(prefix), !moved.dropFirst(prefix.count).contains("/") {
                            parentName = number(String(moved.dropFirst(prefix.count)))
                            has = true
                        } else {
                            // Moved in from outside the COE root: that part of its history is walked.
                            outside += try walkedEntries(ofCOE: id, at: moved, from: table.id(Int(parent)), in: repository)
                            parentName = nil
                        }
                    }
                }
                if state[Int(parent)] == nil, let parentName { state[Int(parent)] = (parentName, has) }
                parentPaths.append(parentPath)
            }
            let path = here ? prefix + folder(name) : nil
            // A merge is listed when it differs from every parent (its change was kept), another commit when
            // the folder changed or moved.
            let isListed = parents.isEmpty ? here : change != nil || (parents.count == 1 && parentPaths[0] != path)
            if isListed { listed.append((position, path, parentPaths, change)) }
        }
        let entries = try listed.map { item in
            HistoryEntry(commit: try repository.commit(table.id(item.position)), path: item.path, parentPaths: item.parentPaths,
                         folder: item.change?.new, firstParentFolder: item.parentPaths.first == item.path ? item.change?.old : nil)
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
