import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// The server's own record of when it first saw a commit, kept as git notes under
/// `refs/notes/coe-witness` (`first-seen: <seconds since 1970>`), written by `post-receive`.
///
/// A commit's dates are whatever its author and committer wrote; a review period measured from them
/// can be forged by back-dating. Measured from the witness, it cannot: `pre-receive` takes "now" for
/// the commits a push brings and the witness for those it already has (the commit date only for
/// commits pushed before the hooks were installed).
public enum Witness {
    public static let notesRef = "refs/notes/coe-witness"

    /// When the server first saw `commit`, or nil when it has no record.
    public static func firstSeen(_ commit: ObjectID, in repository: Repository) throws -> Int64? {
        guard let note = try repository.note(on: commit, in: notesRef) else { return nil }
        for line in note.split(separator: "\n") where line.hasPrefix("first-seen:") {
            return Int64(line.dropFirst("first-seen:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Records `commits` as first seen at `time` (commits already recorded keep their time).
    @discardableResult
    public static func record(_ commits: [ObjectID], at time: Int64, in repository: Repository) throws -> Int {
        let fresh = try commits.filter { try firstSeen($0, in: repository) == nil }
        try repository.addNotes(fresh.map { ($0, "first-seen: \(time)\n") }, in: notesRef,
                                by: Signature(name: "coe witness", email: "coe@localhost", time: time))
        return fresh.count
    }

    /// The configuration a server enforces: `.coe.yaml` on its default branch (HEAD), before the push.
    public static func serverConfiguration(_ repository: Repository) throws -> Configuration {
        guard let head = try repository.head() else { return Configuration() }
        return try configuration(at: head, in: repository)
    }

    /// `.coe.yaml` as a commit has it (the defaults when it has none).
    public static func configuration(at commit: ObjectID, in repository: Repository) throws -> Configuration {
        // Through a source: a linked or oversized .coe.yaml is refused before it is read, as in the work tree.
        let source = GitTreeSource(repository: repository, tree: try repository.commit(commit).tree, label: commit.abbreviated())
        guard let bytes = try Workspace.configurationBytes(in: source) else { return Configuration() }
        return try Configuration.parse(try SourceText.decode(bytes, file: Configuration.fileName))
    }
}
