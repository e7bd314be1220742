import COEFormat
import COEProcess
import GitKit

/// A COE's status through its history: for each commit that changed the COE, the status before and
/// after, read from the `status:` line of coe.yaml (no document is parsed). The workflow and the gates
/// read review periods and creators from it.
public enum StatusMoves {
    public struct Move: Sendable {
        public let commit: CommitInfo
        public let from: COEStatus?
        public let to: COEStatus?
    }

    /// Newest first, from `start` (the order of `History.entries`).
    public static func of(coe id: String, at path: String, from start: ObjectID, root: String, in repository: Repository,
                          index: ChangeIndex? = nil) throws -> [Move] {
        try History.entries(ofCOE: id, at: path, from: start, root: root, in: repository, index: index).map { entry in
            Move(commit: entry.commit, from: try entry.parentFolderTree(0, in: repository).flatMap { try status(inFolder: $0, repository) },
                 to: try entry.folderTree(in: repository).flatMap { try status(inFolder: $0, repository) })
        }
    }

    /// Who created the COE, for counting its approvals where only the count is shown (`coe show`,
    /// `coe comments`): nil when the history cannot say (the COE is not committed yet, or the clone is
    /// shallow, where showing a COE must still work; the gates refuse such a clone instead).
    public static func creator(of id: String, at path: String, from start: ObjectID?, root: String,
                               in repository: Repository) throws -> Person? {
        guard let start else { return nil }
        do {
            return try of(coe: id, at: path, from: start, root: root, in: repository).creator
        } catch is IncompleteHistory {
            return nil
        }
    }

    /// The status in a COE folder's coe.yaml (its top-level `status:` line).
    public static func status(inFolder folder: ObjectID, _ repository: Repository) throws -> COEStatus? {
        guard let entry = try repository.rawEntry(named: COELayout.metadataFile, inTree: folder), !entry.isTree else { return nil }
        return StatusLine.status(in: try repository.blob(entry.id))
    }
}

extension Array where Element == StatusMoves.Move {
    /// Who created the COE: the author of its oldest commit.
    public var creator: Person? { last.map { Person($0.commit.author) } }

    /// The moves as the process rules read them (`ProcessFacts.moves`): oldest first, only the commits
    /// that created the COE or changed its status, without `excluded` (the commit being judged), each
    /// timed by `clock` (the server's witness, or the committer date).
    public func processMoves(excluding excluded: ObjectID? = nil, clock: (ObjectID, Int64) -> Int64 = { $1 }) -> [StatusMove] {
        reversed().enumerated().compactMap { index, move in
            guard move.commit.id != excluded, index == 0 || move.from != move.to else { return nil }
            return StatusMove(from: index == 0 ? nil : move.from, to: move.to, commit: CommitStamp(move.commit, clock: clock))
        }
    }
}

extension Person {
    /// The author or committer of a commit.
    public init(_ signature: Signature) {
        self.init(name: signature.name, email: signature.email)
    }
}

extension CommitStamp {
    /// A commit, timed by `clock` (the server's witness, or the committer date).
    public init(_ commit: CommitInfo, clock: (ObjectID, Int64) -> Int64 = { $1 }) {
        self.init(id: commit.id.hex, author: Person(commit.author), committed: commit.committer.time,
                  clock: clock(commit.id, commit.committer.time))
    }
}

extension Repository {
    /// The review record in blob `blob` of `review/` named `name`, or nil when it cannot be read (a record
    /// that cannot be read is lint's business). The gates and the audit read added records through this.
    public func reviewRecord(named name: String, blob: ObjectID) throws -> ReviewRecord? {
        guard let id = ReviewFile.id(fromFileName: name),
              let text = try? SourceText.decode(try self.blob(blob), file: name) else { return nil }
        return try? ReviewFile.parse(text, id: id)
    }

    /// The `review/` tree of a COE folder tree, if it has one.
    public func reviewTree(inFolder folder: ObjectID?) throws -> ObjectID? {
        guard let folder, let entry = try rawEntry(named: ReviewFile.folder, inTree: folder), entry.isTree else { return nil }
        return entry.id
    }

    /// The review records (file name and blob) in the `review/` trees of COE folders a commit removes: a
    /// folder added in the same commit brings these along (a rename), and does not add them.
    public func reviewRecordsCarried(from removedFolders: [ObjectID]) throws -> Set<RecordBlob> {
        var carried: Set<RecordBlob> = []
        for folder in removedFolders {
            guard let review = try reviewTree(inFolder: folder) else { continue }
            for entry in try entries(ofTree: review) { carried.insert(RecordBlob(name: entry.name, blob: entry.id)) }
        }
        return carried
    }

    /// The review records of COE folder `name` in each of `roots` (COE-root trees; nil: none): what a merge
    /// brings along from its parents, and does not add. The gates and the audit read it here.
    public func reviewRecords(ofFolder name: String, inRoots roots: [ObjectID?]) throws -> Set<RecordBlob> {
        let folders = try roots.compactMap { root in try root.flatMap { try rawEntry(named: name, inTree: $0) } }.filter(\.isTree).map(\.id)
        return try reviewRecordsCarried(from: folders)
    }

    /// What a commit did to one COE's review records, between the `review/` trees of the COE's folder
    /// before and after (nil: none): the records added (parsed; one that cannot be read is lint's
    /// business), and the names of those that were there and are rewritten or removed (rule P11). Records
    /// in `carried` (brought from a folder the commit removes) are not added. The gates and the audit read
    /// a commit's records through this one function.
    public func recordChanges(fromReview old: ObjectID?, toReview new: ObjectID?, carried: Set<RecordBlob> = []) throws -> RecordChanges {
        var changes = RecordChanges()
        for delta in try treeDeltas(from: old, to: new) {
            switch (delta.old, delta.new) {
            case (nil, let blob?):
                guard !carried.contains(RecordBlob(name: delta.name, blob: blob)),
                      let record = try reviewRecord(named: delta.name, blob: blob) else { continue }
                changes.added.append(record)
            case (_?, nil): changes.removed.append(delta.name)
            case (_?, _?): changes.rewritten.append(delta.name)
            case (nil, nil): continue
            }
        }
        return changes
    }
}

/// A review record's file name and blob: a record is the same record only with both the same.
public struct RecordBlob: Hashable, Sendable {
    public let name: String
    public let blob: ObjectID
    public init(name: String, blob: ObjectID) {
        self.name = name
        self.blob = blob
    }
}
