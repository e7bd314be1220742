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

    /// The status in a COE folder's coe.yaml (its top-level `status:` line).
    public static func status(inFolder folder: ObjectID, _ repository: Repository) throws -> COEStatus? {
        guard let entry = try repository.rawEntry(named: COELayout.metadataFile, inTree: folder), !entry.isTree else { return nil }
        return StatusLine.status(in: try repository.blob(entry.id))
    }
}

extension Array where Element == StatusMoves.Move {
    /// The newest commit that moved the COE into review (the start of its review period).
    public var enteredReview: StatusMoves.Move? { first { $0.to == .review && $0.from != .review } }
    /// Who created the COE: the author of its oldest commit.
    public var creator: Person? { last.map { Person(name: $0.commit.author.name, email: $0.commit.author.email) } }
}
