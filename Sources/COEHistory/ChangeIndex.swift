import COEFormat
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
/// Kept in `<git dir>/coe/history-index` (never in the work tree). A run extends it from the commits
/// it already holds: it walks only the commits added since. Facts about a commit never change (a
/// commit id names its content), so a rewritten history (rebase, force push) only adds records; the
/// ones no longer reachable are dropped when they outnumber the reachable ones. A file that does
/// not check out (wrong version, checksum, structure, COE root, or a tip that is not in the
/// repository, or a sampled record that disagrees with the trees) is rebuilt, never trusted.
public final class ChangeIndex {
    /// What the index says about one commit.
    public struct Record: Sendable {
        public let id: ObjectID
        public let time: Int64
        public let parents: [Int32]
        /// The COE root's tree in this commit (nil: no COE root).
        public let root: ObjectID?
        public let changes: [TreeDelta]
    }

    public let rootComponents: [String]
    public private(set) var records: [Record] = []
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
            records = loaded.records
            tips = loaded.tips
            try verify()
        } catch {
            records = []
            tips = []
            positions = nil
            rebuiltBecause = (error as? ChangeIndexFile.Problem)?.reason ?? "\(error)"
        }
    }

    public static func path(in repository: Repository) -> String { repository.gitDirectory + "coe/history-index" }

    /// A stored index is trusted only when its tips are commits of this repository and the newest
    /// record agrees with the trees.
    private func verify() throws {
        for tip in tips where !repository.isCommit(tip) { throw ChangeIndexFile.Problem(reason: "tip \(tip.abbreviated()) is not in the repository") }
        guard let last = records.last else { return }
        let commit = try repository.commitSkeleton(last.id)
        let root = try repository.subtree(at: rootComponents, inTree: commit.tree)
        let parentsAgree = commit.parents.count == last.parents.count
            && zip(commit.parents, last.parents).allSatisfy { id, position in records[Int(position)].id == id }
        let changes = parentsAgree ? try ChangeIndex.changedFolders(root: root, parentRoots: last.parents.map { records[Int($0)].root },
                                                                    in: repository, differ: differ) : []
        if !parentsAgree || root != last.root || changes != last.changes || commit.time != last.time {
            throw ChangeIndexFile.Problem(reason: "record of \(last.id.abbreviated()) disagrees with the repository")
        }
    }

    /// The position of a commit in the index, if it is there.
    public func position(of id: ObjectID) -> Int32? {
        if positions == nil {
            var map: [ObjectID: Int32] = [:]
            map.reserveCapacity(records.count)
            for (index, record) in records.enumerated() { map[record.id] = Int32(index) }
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
        if tips.last == start, let last = records.indices.last, records[last].id == start { return Int32(last) }
        // An older commit (`--rev`): everything it reaches is indexed already, as the index holds every
        // ancestor of what it holds.
        if let known = position(of: start) { return known }
        let added = try walkNewCommits(from: start)
        records.reserveCapacity(records.count + added.count)
        for record in added {
            positions![record.id] = Int32(records.count)
            records.append(record)
        }
        commitsRead = added.count
        tips = tipsAfterAdding(start)
        compactIfMostlyUnreachable(from: start)
        try save()
        return position(of: start)!
    }

    /// The tips once `start` is one: those it does not reach stay (other branches).
    private func tipsAfterAdding(_ start: ObjectID) -> [ObjectID] {
        guard let position = position(of: start) else { return tips + [start] }
        let reached = reachable(from: position)
        return tips.filter { tip in self.position(of: tip).map { !reached[Int($0)] } ?? false } + [start]
    }

    /// Drops records no tip reaches any more, once they are more than half the index.
    private func compactIfMostlyUnreachable(from start: ObjectID) {
        guard let position = position(of: start) else { return }
        let reached = reachable(from: position)
        let count = reached.lazy.filter { $0 }.count
        guard count * 2 < records.count else { return }
        var newPosition = [Int32](repeating: -1, count: records.count)
        var kept: [Record] = []
        for (index, record) in records.enumerated() where reached[index] {
            newPosition[index] = Int32(kept.count)
            kept.append(Record(id: record.id, time: record.time,
                               parents: record.parents.map { newPosition[Int($0)] }, root: record.root, changes: record.changes))
        }
        records = kept
        tips = [start]
        positions = nil
    }

    /// The last `reachable` and `oldestFirst` answers: a hook asks about many COEs from one commit.
    private var lastReachable: (position: Int32, count: Int, reached: [Bool])?
    private var lastOrder: (reached: [Bool], order: [Int])?

    /// Which records `position` reaches (itself included).
    public func reachable(from position: Int32) -> [Bool] {
        if let last = lastReachable, last.position == position, last.count == records.count { return last.reached }
        let reached = computeReachable(from: position)
        lastReachable = (position, records.count, reached)
        return reached
    }

    private func computeReachable(from position: Int32) -> [Bool] {
        var reached = [Bool](repeating: false, count: records.count)
        // The newest record reaches everything when it is the only tip: no walk needed.
        if tips.count == 1, Int(position) == records.count - 1, records.last?.id == tips[0] {
            return [Bool](repeating: true, count: records.count)
        }
        var stack = [position]
        reached[Int(position)] = true
        while let next = stack.popLast() {
            for parent in records[Int(next)].parents where !reached[Int(parent)] {
                reached[Int(parent)] = true
                stack.append(parent)
            }
        }
        return reached
    }

    /// The positions of the reached records, parents before children and otherwise oldest commit
    /// first (ties by id). The order depends only on the commits, not on how the index was built up,
    /// so a fresh index and an extended one give the same answers.
    public func oldestFirst(_ reached: [Bool]) -> [Int] {
        if let last = lastOrder, last.reached == reached { return last.order }
        let order = computeOldestFirst(reached)
        lastOrder = (reached, order)
        return order
    }

    private func computeOldestFirst(_ reached: [Bool]) -> [Int] {
        // Each record's children, in one flat array (a record's are at childStart[p]..<childStart[p + 1]).
        var waiting = [Int32](repeating: 0, count: records.count)
        var childStart = [Int32](repeating: 0, count: records.count + 1)
        for (position, record) in records.enumerated() where reached[position] {
            for (number, parent) in record.parents.enumerated() where !record.parents[..<number].contains(parent) {
                waiting[position] += 1
                childStart[Int(parent) + 1] += 1
            }
        }
        for position in records.indices { childStart[position + 1] += childStart[position] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: Int(childStart[records.count]))
        for (position, record) in records.enumerated() where reached[position] {
            for (number, parent) in record.parents.enumerated() where !record.parents[..<number].contains(parent) {
                children[Int(fill[Int(parent)])] = Int32(position)
                fill[Int(parent)] += 1
            }
        }
        func before(_ a: Int32, _ b: Int32) -> Bool {
            let x = records[Int(a)], y = records[Int(b)]
            return x.time != y.time ? x.time < y.time : x.id < y.id
        }
        // A binary min-heap of the records whose parents are all placed.
        var heap: [Int32] = []
        func push(_ value: Int32) {
            heap.append(value)
            var child = heap.count - 1
            while child > 0, before(heap[child], heap[(child - 1) / 2]) {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        }
        func pop() -> Int32 {
            let top = heap[0]
            heap[0] = heap[heap.count - 1]
            heap.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, before(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, before(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { return top }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for position in records.indices where reached[position] && waiting[position] == 0 { push(Int32(position)) }
        var order: [Int] = []
        order.reserveCapacity(records.count)
        while !heap.isEmpty {
            let next = pop()
            order.append(Int(next))
            for child in children[Int(childStart[Int(next)])..<Int(childStart[Int(next) + 1])] {
                waiting[Int(child)] -= 1
                if waiting[Int(child)] == 0 { push(child) }
            }
        }
        return order
    }

    /// The records of the commits `start` reaches that the index does not hold, parents before children.
    ///
    /// One walk, newest first and along first parents: each commit is read once (its raw header), then
    /// its COE root's tree. The trees are compared in the same order, so a commit's version is compared
    /// with the one read just after it (its first parent's), which the differ still holds.
    private func walkNewCommits(from start: ObjectID) throws -> [Record] {
        struct Walked {
            let id: ObjectID
            let time: Int64
            let parents: [ObjectID]
            var root: ObjectID?
        }
        var walked: [Walked] = []
        var number: [ObjectID: Int] = [:]
        var stack = [start]
        while let id = stack.popLast() {
            if number[id] != nil || position(of: id) != nil { continue }
            let commit = try repository.commitSkeleton(id)
            number[id] = walked.count
            walked.append(Walked(id: id, time: commit.time, parents: commit.parents,
                                 root: try repository.subtree(at: rootComponents, inTree: commit.tree)))
            // The first parent is taken next.
            for parent in commit.parents.reversed() where number[parent] == nil && position(of: parent) == nil { stack.append(parent) }
        }
        func root(_ parent: ObjectID) -> ObjectID? {
            if let index = number[parent] { return walked[index].root }
            return records[Int(position(of: parent)!)].root
        }
        let changes = try changedFoldersInParallel(walked.map { ($0.root, $0.parents.map(root)) })
        // Parents before children: each commit after the new parents it reaches (a depth-first post-order).
        var done = [Bool](repeating: false, count: walked.count)
        var newPosition = [Int32](repeating: -1, count: walked.count)
        var result: [Record] = []
        result.reserveCapacity(walked.count)
        var pending: [(index: Int, parent: Int)] = walked.isEmpty ? [] : [(0, 0)]
        while let (index, parent) = pending.popLast() {
            let parents = walked[index].parents
            if parent < parents.count {
                pending.append((index, parent + 1))
                if let next = number[parents[parent]], !done[next] { pending.append((next, 0)) }
                continue
            }
            if done[index] { continue }
            done[index] = true
            newPosition[index] = Int32(records.count + result.count)
            let commit = walked[index]
            result.append(Record(id: commit.id, time: commit.time,
                                 parents: commit.parents.map { parent in number[parent].map { newPosition[$0] } ?? position(of: parent)! },
                                 root: commit.root, changes: changes[index]))
        }
        return result
    }

    /// How many new commits make it worth another thread (tests set it low to run the parallel path).
    var commitsPerThread = 2_000

    /// `changedFolders` for many commits, in order. A long run is cut into one contiguous part per core,
    /// each compared on its own thread with its own repository handle (libgit2's caches and locks are per
    /// handle); a short one is compared here.
    private func changedFoldersInParallel(_ commits: [(root: ObjectID?, parentRoots: [ObjectID?])]) throws -> [[TreeDelta]] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, 4, commits.count / commitsPerThread + 1)
        if parts <= 1 {
            return try commits.map { try ChangeIndex.changedFolders(root: $0.root, parentRoots: $0.parentRoots, in: repository, differ: differ) }
        }
        let gitDirectory = repository.gitDirectory
        let results = ParallelResults<[[TreeDelta]]>(count: parts)
        let size = (commits.count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.set(part, Result {
                let repository = try Repository.openForAnotherThread(gitDirectory)
                let differ = TreeDiffer(repository: repository)
                return try commits[min(part * size, commits.count)..<min((part + 1) * size, commits.count)].map {
                    try ChangeIndex.changedFolders(root: $0.root, parentRoots: $0.parentRoots, in: repository, differ: differ)
                }
            })
        }
        return try results.values().flatMap { $0 }
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
        let file = ChangeIndex.path(in: repository)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let bytes = ChangeIndexFile.encode(records: records, tips: tips, root: rootComponents.joined(separator: "/"))
        let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }
}

/// One result per part of a parallel job, each written by its own thread once.
final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { slots[index] = result }
    }

    /// The values in order, or the first part's error.
    func values() throws -> [Value] {
        try lock.withLock { slots }.map { try $0!.get() }
    }
}
