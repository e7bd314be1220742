import GitKit

#if !_endian(little)
#error("the history index is read in place as little-endian")
#endif

/// The history index's records as columns (one entry per commit in each), so loading, walking and
/// freeing the index of 50,000 commits allocates a handful of arrays, not one per commit; the object
/// ids of a loaded index are read in place from the mapped file (`IDColumn`).
///
/// Records are kept parents before children (a record's parents are at lower positions). `order` lists
/// them oldest first by *corrected* commit time — the committer time, raised where needed to be later
/// than every parent's, as git's commit-graph does — then by id. That order depends only on the
/// commits, not on how the index was built up, and it is topological: answers read in it are the same
/// from a fresh index and from one extended many times.
public struct ChangeTable: Sendable {
    /// A folder under the COE root that a commit changed: its name (an index into `names`) and its tree
    /// id before and after (nil: not there).
    public struct Change: Sendable, Equatable {
        public let name: Int32
        public let old: ObjectID?
        public let new: ObjectID?
    }

    /// One commit's record, as a value (for building a table and for checks).
    public struct Record: Sendable, Equatable {
        public let id: ObjectID
        public let time: Int64
        /// Positions of the parents in the table.
        public let parents: [Int32]
        /// The COE root's tree in this commit (nil: no COE root).
        public let root: ObjectID?
        public let changes: [TreeDelta]

        public init(id: ObjectID, time: Int64, parents: [Int32], root: ObjectID?, changes: [TreeDelta]) {
            self.id = id
            self.time = time
            self.parents = parents
            self.root = root
            self.changes = changes
        }
    }

    private(set) var ids = IDColumn()
    private(set) var roots = IDColumn()
    /// Committer times.
    private(set) var times: [Int64] = []
    private(set) var corrected: [Int64] = []
    private(set) var parentStarts: [Int32] = [0]
    private(set) var parentList: [Int32] = []
    private(set) var changeStarts: [Int32] = [0]
    private(set) var changeNames: [Int32] = []
    private(set) var changeOld = IDColumn()
    private(set) var changeNew = IDColumn()
    /// The folder names changes refer to.
    public private(set) var names: [String] = []
    private var nameIDs: [String: Int32] = [:]
    /// Every position, oldest first (corrected time, then id): parents before children.
    public private(set) var order: [Int32] = []

    public init() {}

    public var count: Int { times.count }

    public func id(_ position: Int) -> ObjectID { ids[position]! }

    /// The COE root's tree at a commit (nil: none).
    public func root(_ position: Int) -> ObjectID? { roots[position] }

    public func parents(_ position: Int) -> ArraySlice<Int32> {
        parentList[Int(parentStarts[position])..<Int(parentStarts[position + 1])]
    }

    public func changes(_ position: Int) -> [Change] {
        (Int(changeStarts[position])..<Int(changeStarts[position + 1])).map(change)
    }

    public func hasChanges(_ position: Int) -> Bool { changeStarts[position] != changeStarts[position + 1] }

    /// The commit's change of the folder `name` (an index into `names`), if it changed it.
    public func change(_ position: Int, named name: Int32) -> Change? {
        for index in Int(changeStarts[position])..<Int(changeStarts[position + 1]) where changeNames[index] == name { return change(index) }
        return nil
    }

    func change(_ index: Int) -> Change { Change(name: changeNames[index], old: changeOld[index], new: changeNew[index]) }

    /// The id of a folder name in `names`, nil when no record mentions it.
    public func nameID(_ name: String) -> Int32? { nameIDs[name] }

    public func delta(_ change: Change) -> TreeDelta { TreeDelta(name: names[Int(change.name)], old: change.old, new: change.new) }

    public func record(at position: Int) -> Record {
        Record(id: id(position), time: times[position], parents: Array(parents(position)), root: root(position),
               changes: changes(position).map(delta))
    }

    /// Appends a record whose parents are already in the table. Call `sortNewRecords()` when done.
    public mutating func append(_ record: Record) {
        append(id: record.id, time: record.time, parents: record.parents, root: record.root) { table in
            for delta in record.changes { table.appendChange(name: table.nameID(interning: delta.name), old: delta.old, new: delta.new) }
        }
    }

    /// Appends a record whose parents are already in the table, its changes appended by `changes`
    /// (`appendChange`), with nothing allocated for the record itself: a walk of a long history adds
    /// its records this way. Call `sortNewRecords()` when done.
    mutating func append(id: ObjectID, time: Int64, parents: some Collection<Int32>, root: ObjectID?,
                         changes: (inout ChangeTable) -> Void) {
        var corrected = time
        for parent in parents {
            precondition(parent >= 0 && Int(parent) < count, "parents come before their children")
            corrected = max(corrected, self.corrected[Int(parent)] + 1)
        }
        ids.append(id)
        times.append(time)
        self.corrected.append(corrected)
        roots.append(root)
        parentList.append(contentsOf: parents)
        parentStarts.append(Int32(parentList.count))
        changes(&self)
        changeStarts.append(Int32(changeNames.count))
    }

    /// One change of the record being appended (`append(id:time:parents:root:changes:)`).
    mutating func appendChange(name: Int32, old: ObjectID?, new: ObjectID?) {
        changeNames.append(name)
        changeOld.append(old)
        changeNew.append(new)
    }

    /// The id of a folder name in `names`, added when no record mentioned it yet.
    mutating func nameID(interning name: String) -> Int32 {
        if let known = nameIDs[name] { return known }
        let id = Int32(names.count)
        names.append(name)
        nameIDs[name] = id
        return id
    }

    /// Puts the records appended since `order` was last complete in their place in it.
    public mutating func sortNewRecords() {
        let known = order.count
        guard known < count else { return }
        let added = (known..<count).map { Int32($0) }.sorted(by: before)
        var merged: [Int32] = []
        merged.reserveCapacity(count)
        var i = 0, j = 0
        while i < order.count || j < added.count {
            if j == added.count || (i < order.count && before(order[i], added[j])) {
                merged.append(order[i])
                i += 1
            } else {
                merged.append(added[j])
                j += 1
            }
        }
        order = merged
    }

    /// The order's comparison: corrected time, then id.
    func before(_ a: Int32, _ b: Int32) -> Bool {
        let x = corrected[Int(a)], y = corrected[Int(b)]
        return x != y ? x < y : id(Int(a)) < id(Int(b))
    }

    /// A table of the kept records only (in the same relative order), parents renumbered.
    func keeping(_ keep: [Bool]) -> ChangeTable {
        var newPosition = [Int32](repeating: -1, count: count)
        var kept = ChangeTable()
        for position in 0..<count where keep[position] {
            let record = record(at: position)
            newPosition[position] = Int32(kept.count)
            kept.append(Record(id: record.id, time: record.time, parents: record.parents.map { newPosition[Int($0)] },
                               root: record.root, changes: record.changes))
        }
        kept.sortNewRecords()
        return kept
    }

    /// A table read from the index file's columns, checked: parents before children, names known and
    /// unique, and the stored order exactly the one the records give. nil for anything else.
    static func checked(ids: IDColumn, times: [Int64], roots: IDColumn, parentStarts: [Int32], parentList: [Int32],
                        changeStarts: [Int32], changeNames: [Int32], changeOld: IDColumn, changeNew: IDColumn,
                        names: [String], order: [Int32]) -> ChangeTable? {
        let count = times.count
        guard ids.count == count, roots.count == count, parentStarts.count == count + 1, changeStarts.count == count + 1,
              order.count == count, parentStarts.first == 0, changeStarts.first == 0,
              changeOld.count == changeNames.count, changeNew.count == changeNames.count,
              parentStarts.last.map({ Int($0) }) == parentList.count, changeStarts.last.map({ Int($0) }) == changeNames.count else { return nil }
        var table = ChangeTable()
        table.ids = ids
        table.times = times
        table.roots = roots
        table.parentStarts = parentStarts
        table.parentList = parentList
        table.changeStarts = changeStarts
        table.changeNames = changeNames
        table.changeOld = changeOld
        table.changeNew = changeNew
        table.names = names
        var corrected = [Int64](repeating: 0, count: count)
        for position in 0..<count {
            guard parentStarts[position] <= parentStarts[position + 1], changeStarts[position] <= changeStarts[position + 1] else { return nil }
            var time = times[position]
            for parent in table.parents(position) {
                guard parent >= 0, Int(parent) < position else { return nil }
                time = max(time, corrected[Int(parent)] + 1)
            }
            corrected[position] = time
        }
        guard changeNames.allSatisfy({ $0 >= 0 && Int($0) < names.count }) else { return nil }
        table.nameIDs = Dictionary(names.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        guard table.nameIDs.count == names.count else { return nil }
        table.corrected = corrected
        table.order = order
        var seen = [Bool](repeating: false, count: count)
        for (index, position) in order.enumerated() {
            guard position >= 0, Int(position) < count, !seen[Int(position)] else { return nil }
            seen[Int(position)] = true
            if index > 0, !table.before(order[index - 1], position) { return nil }
        }
        return table
    }
}

/// A column of object ids (nil stored as twenty zero bytes): those of a loaded index read in place from
/// the mapped file, followed by those appended since.
struct IDColumn: Sendable {
    private let file: MappedFile?
    private let offset: Int
    private let mappedCount: Int
    private var appended: [ObjectID?] = []

    init() {
        file = nil
        offset = 0
        mappedCount = 0
    }

    /// `count` ids of twenty bytes from `offset` in `file`.
    init(file: MappedFile, offset: Int, count: Int) {
        precondition(offset >= 0 && offset + count * 20 <= file.bytes.count)
        self.file = file
        self.offset = offset
        mappedCount = count
    }

    var count: Int { mappedCount + appended.count }

    subscript(index: Int) -> ObjectID? {
        guard index < mappedCount else { return appended[index - mappedCount] }
        let bytes = UnsafeRawBufferPointer(rebasing: file!.bytes[(offset + index * 20)..<(offset + index * 20 + 20)])
        if bytes.loadUnaligned(as: UInt64.self) == 0, bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == 0,
           bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self) == 0 { return nil }
        return ObjectID(bytes: bytes)
    }

    mutating func append(_ id: ObjectID?) { appended.append(id) }
}
