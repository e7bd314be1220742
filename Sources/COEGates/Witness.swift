import COEFormat
import COEHistory
import COEWorkspace
import Foundation
import GitKit

/// The server's own record of when it first saw a commit, kept as git notes under
/// `refs/notes/coe-witness` (`first-seen: <seconds since 1970>`), written by `post-receive`.
///
/// A commit's dates are whatever its author and committer wrote; a review period measured from them
/// can be forged by back-dating. Measured from the witness, it cannot: `pre-receive` takes "now" for
/// the commits a push brings and the witness for those it already has. Only commits the server had
/// before its hooks were installed (the baseline) are timed by their commit date; any other commit
/// without a witness is unwitnessed, and a review period that starts there cannot be measured.
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
    ///
    /// Concurrent pushes each run `post-receive`, and each note is a commit on the notes reference that
    /// libgit2 moves by compare-and-swap: a writer that loses the race fails rather than overwrite. So
    /// writers take a lock file in the git directory first, and a write that still fails (someone outside
    /// coe moving the reference) is retried with backoff; a lost witness would leave a review unmeasurable.
    @discardableResult
    public static func record(_ commits: [ObjectID], at time: Int64, in repository: Repository) throws -> Int {
        guard !commits.isEmpty else { return 0 }
        return try withLock(in: repository) {
            var attempt = 0
            while true {
                do {
                    let fresh = try commits.filter { try firstSeen($0, in: repository) == nil }
                    try repository.addNotes(fresh.map { ($0, "first-seen: \(time)\n") }, in: notesRef,
                                            by: Signature(name: "coe witness", email: "coe@localhost", time: time))
                    return fresh.count
                } catch {
                    attempt += 1
                    if attempt >= 8 { throw error }
                    usleep(UInt32(10_000 << attempt) + UInt32.random(in: 0..<10_000))
                }
            }
        }
    }

    /// The lock file writers of the witness hold (beside the repository's own lock files).
    static func lockPath(_ repository: Repository) -> String {
        repository.gitDirectory + "coe-witness.lock"
    }

    /// Runs `body` holding the witness lock (`FileLock`: released when the process ends, even by a crash).
    /// A writer that waits a minute in vain gives up rather than hold every later post-receive.
    static func withLock<T>(in repository: Repository, _ body: () throws -> T) throws -> T {
        let lock: FileLock
        do {
            lock = try FileLock.acquire(lockPath(repository), patience: 60)
        } catch .unavailable(let reason) {
            throw WitnessError(reason)
        } catch .timedOut {
            throw WitnessError("another post-receive has held \(lockPath(repository)) for more than 60 s")
        }
        defer { lock.release() }
        return try body()
    }

    // MARK: Before the hooks

    /// The file `coe hooks install --server` writes: the commits every reference held at installation,
    /// one id a line. Only commits reachable from them were pushed before the server kept a witness.
    public static let baselineFile = "coe-witness-baseline"

    static func baselinePath(_ repository: Repository) -> String {
        repository.gitDirectory + baselineFile
    }

    /// Writes the baseline: the commits the repository's references hold now. Installing again keeps the
    /// commits already listed, so reinstalling never turns a witnessed period into an unmeasurable one.
    public static func writeBaseline(_ repository: Repository) throws {
        var tips = Set(try readBaseline(repository) ?? [])
        tips.formUnion(try repository.referencedCommits())
        let text = "# Commits pushed before coe's server hooks were installed (docs/hooks.md): without a witness,\n"
            + "# only these and their ancestors are timed by their commit date. Written by coe hooks install --server.\n"
            + tips.map(\.hex).sorted().joined(separator: "\n") + (tips.isEmpty ? "" : "\n")
        try text.write(toFile: baselinePath(repository), atomically: true, encoding: .utf8)
    }

    /// The baseline's commits; nil when there is no baseline (hooks installed by an older coe).
    public static func readBaseline(_ repository: Repository) throws -> [ObjectID]? {
        guard let text = try? String(contentsOfFile: baselinePath(repository), encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { $0.hasPrefix("#") ? nil : ObjectID(hex: String($0)) }
    }

    /// The configuration a server enforces: `.coe.yaml` on its default branch (HEAD) before the push, with
    /// the review section of the server's own policy file (`ServerPolicy`) when it has one. A `.coe.yaml`
    /// there that does not parse counts as the defaults, so that no push can leave the server refusing all.
    public static func serverConfiguration(_ repository: Repository) throws -> Configuration {
        try serverConfiguration(repository, policy: try ServerPolicy.read(repository))
    }

    /// The same, with the server's policy file already read.
    static func serverConfiguration(_ repository: Repository, policy: Configuration?) throws -> Configuration {
        var result = Configuration()
        if let head = try repository.head(), let onBranch = try? configuration(at: head, in: repository) { result = onBranch }
        if let policy { ServerPolicy.apply(policy, to: &result) }
        return result
    }

    /// `.coe.yaml` as a commit has it (the defaults when it has none).
    public static func configuration(at commit: ObjectID, in repository: Repository) throws -> Configuration {
        // Through a source: a linked or oversized .coe.yaml is refused before it is read, as in the work tree.
        let source = GitTreeSource(repository: repository, tree: try repository.commit(commit).tree, label: commit.abbreviated())
        guard let bytes = try Workspace.configurationBytes(in: source) else { return Configuration() }
        return try Configuration.parse(try SourceText.decode(bytes, file: Configuration.fileName))
    }
}

/// The witness could not be written or locked.
public struct WitnessError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Witness {
    /// The commits the witness names that no branch or tag holds now, oldest seen first: what a forced
    /// update or a deleted branch took out of the history (`coe audit` lists them). Each with the COEs it
    /// changed and the review records it added.
    public static func vanished(in repository: Repository, configuration: Configuration) throws -> [Audit.Vanished] {
        let noted = try repository.notedCommits(in: notesRef)
        guard !noted.isEmpty else { return [] }
        let held = try repository.referencedCommits(matching: "refs/heads/*") + repository.referencedCommits(matching: "refs/tags/*")
        let gate = Gate(repository: repository, configuration: configuration)
        let gone = Set(try gate.newCommits(tips: noted.filter { repository.isCommit($0) }, hiding: held))
        var result: [Audit.Vanished] = []
        for commit in noted where gone.contains(commit) {
            let info = try repository.commit(commit)
            let changes = try gate.changedFolders(commit)
            // A renamed COE's records came with it from the folder the commit removed: not added.
            let carried = try repository.reviewRecordsCarried(from: changes.filter { $0.new == nil }.compactMap(\.old))
            var records: [String] = []
            for delta in changes where delta.new != nil {
                let added = try repository.recordChanges(fromReview: try repository.reviewTree(inFolder: delta.old),
                                                         toReview: try repository.reviewTree(inFolder: delta.new),
                                                         carried: delta.old == nil ? carried : []).added
                records += added.map { "\(gate.prefix)\(delta.name)/\(ReviewFile.folder)/\($0.id).yaml" }
            }
            result.append(Audit.Vanished(commit: commit, seen: try firstSeen(commit, in: repository) ?? info.committer.time, subject: info.subject,
                                         author: "\(info.author.name) <\(info.author.email)>", coes: changes.map { gate.prefix + $0.name },
                                         recordsAdded: records))
        }
        return result.sorted { ($0.seen, $0.commit.hex) < ($1.seen, $1.commit.hex) }
    }
}
