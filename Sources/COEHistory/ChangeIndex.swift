import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// Which COE folders each commit changed: the history index `coe log` and `coe audit` read.
///
/// One record per commit, parents before children: the commit's id, its committer time, its
/// parents (as positions in the index), the id of the COE root's tree
/// in it, and the names of the folders under the COE root that changed — compared with the first parent,
/// and for a merge kept only where the entry differs from every parent's (a merge that itself
/// brought content, as a conflict resolution does).
///
/// Kept in `<git dir>/coe/history-index` (never in the work tree; the git directory all linked work
/// trees share). A run extends it from the commits
/// it already holds: it walks only the commits added since. Facts about a commit never change (a
/// commit id names its content), so a rewritten history (rebase, force push) only adds records; the
/// ones no longer reachable are dropped when they outnumber the reachable ones. A file that does
/// not check out (wrong version, checksum, structure, COE root, or a tip that is not in the
/// repository, or a sampled record that disagrees with the trees) is rebuilt, never trusted.
public final class ChangeIndex {
    public let rootComponents: [String]
    /// The records, parents before children, and their order by time.
    public private(set) var table = ChangeTable()
    /// The commits the index was built from: every record is reachable from one of them.
    public private(set) var tips: [ObjectID] = []
    /// Commits read from the repository by the last `update` (0: the index already held the start).
    public private(set) var commitsRead = 0
    /// Why the stored index was not used, when it was rebuilt ("missing", "checksum", …); nil when it was used.
    public private(set) var rebuiltBecause: String?

    let repository: Repository
    private var positions: [ObjectID: Int32]?
    /// Compares each commit's COE root with its parent's, which it read the commit before.
    private lazy var differ = TreeDiffer(repository: repository)

    /// The index for the COE root `root`, loaded from the git directory when a valid one is there.
    public init(repository: Repository, root: String) {
        self.repository = repository
        rootComponents = Configuration.rootComponents(root)
        do {
            let loaded = try ChangeIndexFile.read(from: ChangeIndex.path(in: repository), root: rootComponents.joined(separator: "/"))
            table = loaded.table
            tips = loaded.tips
            try verify()
        } catch {
            table = ChangeTable()
            tips = []
            positions = nil
            rebuiltBecause = (error as? ChangeIndexFile.Problem)?.reason ?? "\(error)"
        }
    }

    /// In the folder all work trees share: the index is about commits, which they share too.
    public static func path(in repository: Repository) -> String { repository.commonDirectory + "coe/history-index" }

    /// A stored index is trusted only when its tips are commits of this repository and the newest
    /// record agrees with the trees.
    private func verify() throws {
        for tip in tips where !repository.isCommit(tip) { throw ChangeIndexFile.Problem(reason: "tip \(tip.abbreviated()) is not in the repository") }
        guard table.count > 0 else { return }
        let last = table.record(at: table.count - 1)
        let commit = try repository.commitSkeleton(last.id)
        let root = try repository.subtree(at: rootComponents, inTree: commit.tree)
        let parentsAgree = commit.parents.count == last.parents.count
            && zip(commit.parents, last.parents).allSatisfy { id, position in table.id(Int(position)) == id }
        let changes = parentsAgree ? try ChangeIndex.changedFolders(root: root, parentRoots: last.parents.map { table.root(Int($0)) },
                                                                    in: repository, differ: differ) : []
        if !parentsAgree || root != last.root || changes != last.changes || commit.time != last.time {
            throw ChangeIndexFile.Problem(reason: "record of \(last.id.abbreviated()) disagrees with the repository")
        }
    }

    /// The position of a commit in the index, if it is there.
    public func position(of id: ObjectID) -> Int32? {
        if positions == nil {
            var map: [ObjectID: Int32] = [:]
            map.reserveCapacity(table.count)
            for position in 0..<table.count { map[table.id(position)] = Int32(position) }
            positions = map
        }
        return positions![id]
    }

    /// Makes sure the index holds `start` and everything reachable from it, reading only the commits
    /// it does not hold yet, and saves it. Returns the position of `start`.
    @discardableResult
    public func update(to start: ObjectID) throws -> Int32 {
        if repository.isShallow { throw IncompleteHistory() }
        commitsRead = 0
        // The usual warm case: the index was last extended to this very commit.
        if tips.last == start, table.count > 0, table.id(table.count - 1) == start { return Int32(table.count - 1) }
        // An older commit (`--rev`): everything it reaches is indexed already, as the index holds every
        // ancestor of what it holds.
        if let known = position(of: start) { return known }
        commitsRead = try appendNewCommits(from: start)
        table.sortNewRecords()
        tips = tipsAfterAdding(start)
        compactIfMostlyUnreachable(from: start)
        try save()
        return position(of: start)!
    }

    /// The tips once `start` is one: those it does not reach stay (other branches).
    private func tipsAfterAdding(_ start: ObjectID) -> [ObjectID] {
        // Nothing indexed before: the walk went from `start` alone.
        if tips.isEmpty { return [start] }
        let reached = reachable(from: position(of: start)!)
        return tips.filter { tip in self.position(of: tip).map { !reached[Int($0)] } ?? false } + [start]
    }

    /// Drops records no tip reaches any more, once they are more than half the index.
    private func compactIfMostlyUnreachable(from start: ObjectID) {
        let reached = reachable(from: position(of: start)!)
        guard reached.lazy.filter({ $0 }).count * 2 < table.count else { return }
        table = table.keeping(reached)
        tips = [start]
        positions = nil
        lastReachable = nil
        lastOrder = nil
    }

    /// The last `reachable` and `oldestFirst` answers: a hook asks about many COEs from one commit.
    private var lastReachable: (position: Int32, count: Int, reached: [Bool])?
    private var lastOrder: (reached: [Bool], order: [Int])?

    /// Which records `position` reaches (itself included).
    public func reachable(from position: Int32) -> [Bool] {
        if let last = lastReachable, last.position == position, last.count == table.count { return last.reached }
        let reached = computeReachable(from: position)
        lastReachable = (position, table.count, reached)
        return reached
    }

    private func computeReachable(from position: Int32) -> [Bool] {
        // The newest record reaches everything when it is the only tip: no walk needed.
        if tips.count == 1, Int(position) == table.count - 1, table.id(table.count - 1) == tips[0] {
            return [Bool](repeating: true, count: table.count)
        }
        var reached = [Bool](repeating: false, count: table.count)
        var stack = [position]
        reached[Int(position)] = true
        while let next = stack.popLast() {
            for parent in table.parents(Int(next)) where !reached[Int(parent)] {
                reached[Int(parent)] = true
                stack.append(parent)
            }
        }
        return reached
    }

    /// The positions of the reached records, oldest first: parents before children, otherwise by time
    /// (`ChangeTable.order`). The order depends only on the commits, not on how the index was built up,
    /// so a fresh index and an extended one give the same answers.
    public func oldestFirst(_ reached: [Bool]) -> [Int] {
        if let last = lastOrder, last.reached == reached { return last.order }
        let order = table.order.lazy.map { Int($0) }.filter { reached[$0] }
        lastOrder = (reached, Array(order))
        return lastOrder!.order
    }

    /// Appends the records of the commits `start` reaches that the index does not hold, parents before
    /// children; returns how many.
    ///
    /// One walk, newest first and along first parents: each commit is read once (its raw header), then
    /// its COE root's tree. The trees are compared in the same order, so a commit's version is compared
    /// with the one read just after it (its first parent's), which the differ still holds. What the walk
    /// keeps is in columns (a few arrays for the whole walk, none per commit), and the changes found
    /// go straight into the table.
    private func appendNewCommits(from start: ObjectID) throws -> Int {
        var ids: [ObjectID] = []
        var times: [Int64] = []
        var roots: [ObjectID?] = []
        /// Each commit's parents: `parentIDs[parentStarts[n]..<parentStarts[n + 1]]`.
        var parentStarts: [Int32] = [0]
        var parentIDs: [ObjectID] = []
        var number: [ObjectID: Int32] = [:]
        var stack = [start]
        while let id = stack.popLast() {
            if number[id] != nil || position(of: id) != nil { continue }
            let commit = try repository.commitSkeleton(id)
            number[id] = Int32(ids.count)
            ids.append(id)
            times.append(commit.time)
            roots.append(try repository.subtree(at: rootComponents, inTree: commit.tree))
            parentIDs.append(contentsOf: commit.parents)
            parentStarts.append(Int32(parentIDs.count))
            // The first parent is taken next.
            for parent in commit.parents.reversed() where number[parent] == nil && position(of: parent) == nil { stack.append(parent) }
        }
        if ids.isEmpty { return 0 }
        // The parents' COE roots, in the same layout as the parents.
        let parentRoots = parentIDs.map { parent in number[parent].map { roots[Int($0)] } ?? table.root(Int(position(of: parent)!)) }
        let changes = try changedFoldersInParallel(roots: roots, parentStarts: parentStarts, parentRoots: parentRoots)
        // Parents before children: each commit after the new parents it reaches (a depth-first post-order).
        let base = table.count
        var done = [Bool](repeating: false, count: ids.count)
        var newPosition = [Int32](repeating: -1, count: ids.count)
        var added = 0
        var parents: [Int32] = []
        var pending: [(index: Int32, parent: Int32)] = [(0, 0)]
        while let (index, parent) = pending.popLast() {
            let first = Int(parentStarts[Int(index)]), end = Int(parentStarts[Int(index) + 1])
            if first + Int(parent) < end {
                pending.append((index, parent + 1))
                if let next = number[parentIDs[first + Int(parent)]], !done[Int(next)] { pending.append((next, 0)) }
                continue
            }
            if done[Int(index)] { continue }
            done[Int(index)] = true
            let appended = Int32(base + added)
            newPosition[Int(index)] = appended
            added += 1
            parents.removeAll(keepingCapacity: true)
            for parent in parentIDs[first..<end] { parents.append(number[parent].map { newPosition[Int($0)] } ?? position(of: parent)!) }
            table.append(id: ids[Int(index)], time: times[Int(index)], parents: parents, root: roots[Int(index)]) { table in
                changes.forEach(of: Int(index)) { name, old, new in table.appendChange(name: table.nameID(interning: name), old: old, new: new) }
            }
            positions![ids[Int(index)]] = appended
        }
        return added
    }

    /// How many new commits make it worth another thread (tests set it low to run the parallel path).
    var commitsPerThread = 2_000

    /// The folders each walked commit changed, as columns: one contiguous part of the commits per core
    /// (`Parallel`), each with its own differ, in the walk's order (a commit's version is compared with
    /// its first parent's next). Names are kept once per part, not once per change.
    private func changedFoldersInParallel(roots: [ObjectID?], parentStarts: [Int32], parentRoots: [ObjectID?]) throws -> FolderChanges {
        let count = roots.count
        let parts = Parallel.parts(for: count, itemsPerThread: commitsPerThread)
        let size = (count + parts - 1) / parts
        let results = try Parallel.run(parts: parts, in: repository) { part, repository in
            let differ = TreeDiffer(repository: repository)
            var result = FolderChanges.Part()
            for index in min(part * size, count)..<min((part + 1) * size, count) {
                let parents = parentRoots[Int(parentStarts[index])..<Int(parentStarts[index + 1])]
                for delta in try ChangeIndex.changedFolders(root: roots[index], parentRoots: Array(parents), in: repository, differ: differ) {
                    result.add(delta)
                }
                result.endCommit()
            }
            return result
        }
        return FolderChanges(parts: results, size: size)
    }

    /// The changes of the walked commits, part by part (`changedFoldersInParallel`).
    struct FolderChanges {
        struct Part: Sendable {
            var starts: [Int32] = [0]
            var names: [Int32] = []
            var old: [ObjectID?] = []
            var new: [ObjectID?] = []
            var nameList: [String] = []
            var nameIDs: [String: Int32] = [:]

            mutating func add(_ delta: TreeDelta) {
                let id: Int32
                if let known = nameIDs[delta.name] {
                    id = known
                } else {
                    id = Int32(nameList.count)
                    nameList.append(delta.name)
                    nameIDs[delta.name] = id
                }
                names.append(id)
                old.append(delta.old)
                new.append(delta.new)
            }

            mutating func endCommit() { starts.append(Int32(names.count)) }
        }

        let parts: [Part]
        let size: Int

        /// Calls `body` with each change of walked commit `index`.
        func forEach(of index: Int, _ body: (String, ObjectID?, ObjectID?) -> Void) {
            let part = parts[index / size], local = index % size
            for change in Int(part.starts[local])..<Int(part.starts[local + 1]) {
                body(part.nameList[Int(part.names[change])], part.old[change], part.new[change])
            }
        }
    }

    /// The folders under a COE root that a commit changed, given the root's tree in the commit and in
    /// its parents: against the first parent, and for a merge only what differs from every parent (a
    /// merge that itself brought content). The index's records and the hooks' checks both use it.
    public static func changedFolders(root: ObjectID?, parentRoots: [ObjectID?], in repository: Repository,
                                      differ: TreeDiffer? = nil) throws -> [TreeDelta] {
        guard let first = parentRoots.first else { return try repository.treeDeltas(from: nil, to: root, foldersOnly: true) }
        if parentRoots.contains(where: { $0 == root }) { return [] }
        let changes = try differ?.deltas(from: first, to: root, foldersOnly: true) ?? repository.treeDeltas(from: first, to: root, foldersOnly: true)
        guard parentRoots.count > 1 else { return changes }
        return try changes.filter { change in
            try parentRoots.dropFirst().allSatisfy { parentRoot in
                let theirs = try parentRoot.flatMap { try repository.rawEntry(named: change.name, inTree: $0) }
                return (theirs?.isTree == true ? theirs?.id : nil) != change.new
            }
        }
    }

    /// Writes the index next to the repository's other files (atomically); a repository that cannot be
    /// written to (read-only, a server's hook user) only costs the next run the walk again.
    private func save() throws {
        // During a server's pre-receive hook the pushed objects are in quarantine and may be refused:
        // an index naming them would point at commits that never land.
        if ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"] != nil { return }
        CacheFile.replace(ChangeIndex.path(in: repository), with: ChangeIndexFile.encode(table, tips: tips, root: rootComponents.joined(separator: "/")))
    }
}

