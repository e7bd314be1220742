import COEFormat
import COEHistory
import COELint
import COEProcess
import COEWorkspace
import Foundation
import GitKit

/// The checks the git hooks and `coe check` share: the process rules for every status move and
/// approval a range of commits makes, lint of the COEs it changed, and approvals that no longer
/// cover an approved COE's content. Findings are diagnostics, so every reporter can print them.
public struct Gate {
    public let repository: Repository
    public let configuration: Configuration
    /// When a commit counts as made, for review periods: the server's witness when it has one, else
    /// its committer date (which whoever commits can set).
    public var clock: (ObjectID, Int64) -> Int64 = { _, committed in committed }

    /// What a gate works out once for all its checks: the history index, and each commit's changed folders.
    private let memo = GateMemo()

    public init(repository: Repository, configuration: Configuration) {
        self.repository = repository
        self.configuration = configuration
    }

    var historyIndex: ChangeIndex {
        if let index = memo.index { return index }
        let index = ChangeIndex(repository: repository, root: root)
        memo.index = index
        return index
    }

    var rules: ApprovalRules { ApprovalRules(configuration: configuration) }
    var root: String { configuration.root }
    var prefix: String { Configuration.rootPrefix(root) }
    var rootComponents: [String] { Configuration.rootComponents(root) }

    /// The commits reachable from `tips` and from none of `hiding` (the new commits of a push or of a
    /// pull request), oldest first. Tips that are not commits (an annotated tag of a tree) are skipped.
    public func newCommits(tips: [ObjectID], hiding: [ObjectID]) throws -> [ObjectID] {
        let starts = tips.compactMap { try? repository.resolveCommit($0.hex) }
        guard !starts.isEmpty else { return [] }
        let hidden = hiding.compactMap { try? repository.resolveCommit($0.hex) }
        var result: [ObjectID] = []
        try repository.walk(from: starts, hiding: hidden, order: [.topological, .time, .reverse]) { id in
            result.append(id)
            return true
        }
        return result
    }

    /// The COE folders (names under the root) a commit changed: against its first parent, and for a
    /// merge only what differs from every parent.
    /// (Each commit's answer is kept: the process rules, lint and approvals all ask about the same commits.)
    public func changedFolders(_ commit: ObjectID) throws -> [TreeDelta] {
        if let known = memo.changes[commit] { return known }
        let skeleton = try repository.commitSkeleton(commit)
        let root = try repository.subtree(at: rootComponents, inTree: skeleton.tree)
        let parentRoots = try skeleton.parents.map { try repository.subtree(at: rootComponents, inTree: try repository.commitSkeleton($0).tree) }
        let changes = try ChangeIndex.changedFolders(root: root, parentRoots: parentRoots, in: repository)
        memo.changes[commit] = changes
        return changes
    }

    // MARK: Process rules

    /// Every status move and approval the commits make, checked against the rules: P1 (allowed
    /// moves), P2 (review period, by `clock`), P3 (who approves, how many, an approval record written
    /// by its own author), P4 (no open comment at approval).
    public func checkProcess(_ commits: [ObjectID]) throws -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for commit in commits {
            let changes = try changedFolders(commit)
            guard !changes.isEmpty else { continue }
            let info = try repository.commit(commit)
            let removed = changes.filter { $0.new == nil }
            for change in changes {
                guard let newFolder = change.new else { continue }
                let path = prefix + change.name
                let after = try status(inFolder: newFolder)
                let before = try change.old.flatMap { try status(inFolder: $0) }
                func finding(_ rule: String, _ message: String) {
                    findings.append(Diagnostic(file: "\(path)/\(COELayout.metadataFile)", rule: rule,
                                               message: "\(message) (commit \(commit.abbreviated(8)) \"\(info.subject)\" by \(info.author.name))"))
                }
                if change.old == nil {
                    // Created, or moved here (a folder removed in the same commit): only a new COE must start as a draft.
                    if let after, after != .draft, removed.isEmpty { finding("P1", "\(change.name) was added as \(after.rawValue); a COE starts as a draft") }
                } else if let before, let after, before != after, !before.canMove(to: after) {
                    let allowed = before.allowedMoves.map { "\(before.rawValue) → \($0.rawValue)" }.joined(separator: ", ")
                    finding("P1", "status moved \(before.rawValue) → \(after.rawValue); allowed: \(allowed.isEmpty ? "none" : allowed)")
                }
                let approvals = try addedRecords(change).filter { $0.kind == .approval }
                let movedToApproved = after == .approved && before != nil && before != .approved
                guard movedToApproved || !approvals.isEmpty else { continue }
                try checkApproval(path: path, commit: info, statusBefore: before, movedToApproved: movedToApproved,
                                  records: approvals, finding: finding)
            }
        }
        return findings
    }

    /// The rules an approval (a move to approved, or approval records added) passes at `commit`.
    func checkApproval(path: String, commit: CommitInfo, statusBefore: COEStatus?, movedToApproved: Bool, records: [ReviewRecord],
                       finding: (String, String) -> Void) throws {
        let source = GitTreeSource(repository: repository, tree: commit.tree, label: commit.id.abbreviated())
        // A COE that cannot be read is reported by lint; there is nothing to check here.
        guard let document = try? COEReader.read(directory: path, from: source, limits: configuration.readLimits) else { return }
        let id = document.metadata.id
        let timeline = try statusTimeline(id: id, path: path, from: commit.id)
        let creator = timeline.creator
        let owner = document.metadata.owner
        // P3: each approval record written by the person it names, who may approve.
        for record in records {
            if record.authorEmail != commit.author.email.lowercased() {
                finding("P3", "an approval record names \(record.author) but was committed by \(commit.author.name) <\(commit.author.email)>")
            }
            if let refusal = rules.refusal(email: record.authorEmail, name: record.authorName, coe: id, creator: creator, owner: owner) {
                finding("P3", refusal)
            }
        }
        // P2: the review period, from the commit that moved the COE into review to this one.
        if statusBefore == .review {
            if let entered = timeline.first(where: { $0.to == .review && $0.from != .review && $0.commit.id != commit.id }) {
                let start = clock(entered.commit.id, entered.commit.committer.time)
                let approvedAt = clock(commit.id, commit.committer.time)
                let hours = Double(approvedAt - start) / 3600
                if hours < Double(configuration.reviewPeriodHours) {
                    finding("P2", "approved \(String(format: "%.1f", hours)) h after entering review in \(entered.commit.id.abbreviated(8)); "
                            + "the review period is \(configuration.reviewPeriodHours) h")
                }
            } else {
                finding("P2", "approved, but the history does not show when \(id) entered review")
            }
        }
        // P4: no open comment.
        let state = ReviewState(document.review)
        if !state.openThreads.isEmpty {
            finding("P4", "approved with \(state.openThreads.count) unresolved comment\(state.openThreads.count == 1 ? "" : "s"): "
                    + state.openThreads.map(\.comment.id).joined(separator: ", "))
        }
        // P3: a move to approved needs enough approvals that count.
        if movedToApproved {
            let hash = try ContentHash.of(directory: path, in: source, repository: repository)
            let needed = rules.stillNeeded(severity: document.metadata.severity,
                                           counting: rules.counting(state, contentHash: hash, coe: id, creator: creator, owner: owner))
            if !needed.isEmpty { finding("P3", "moved to approved, but " + needed.joined(separator: "; ")) }
        }
    }

    /// The COE's status moves, newest first.
    func statusTimeline(id: String, path: String, from commit: ObjectID) throws -> [StatusMoves.Move] {
        try StatusMoves.of(coe: id, at: path, from: commit, root: root, in: repository, index: historyIndex)
    }

    func status(inFolder folder: ObjectID) throws -> COEStatus? { try StatusMoves.status(inFolder: folder, repository) }

    /// The review records a change added (files new in the folder's review/).
    func addedRecords(_ change: TreeDelta) throws -> [ReviewRecord] {
        guard let newFolder = change.new, let newReview = try repository.rawEntry(named: ReviewFile.folder, inTree: newFolder), newReview.isTree else { return [] }
        let oldReview = try change.old.flatMap { try repository.rawEntry(named: ReviewFile.folder, inTree: $0) }.flatMap { $0.isTree ? $0.id : nil }
        var records: [ReviewRecord] = []
        for delta in try repository.treeDeltas(from: oldReview, to: newReview.id) where delta.old == nil {
            guard let blob = delta.new, let id = ReviewFile.id(fromFileName: delta.name),
                  let text = try? SourceText.decode(try repository.blob(blob), file: delta.name),
                  let record = try? ReviewFile.parse(text, id: id) else { continue }
            records.append(record)
        }
        return records
    }

    // MARK: Lint and approvals at the tip

    /// Lint findings for the COEs the commits changed, as `tip` has them (a COE deleted by `tip` is
    /// skipped), through the one lint session (with the names of the new commits' authors for B1.history).
    public func lint(changedBy commits: [ObjectID], at tip: ObjectID, today: CalendarDate) throws -> [LintResult] {
        let source = GitTreeSource(repository: repository, tree: try repository.commit(tip).tree, label: tip.abbreviated())
        let names = Set(try commits.flatMap { try changedFolders($0).map(\.name) })
        // A file, link or submodule where a COE folder should be is linted too: reading it reports what it is.
        let entries = try Workspace.coeEntries(in: source, root: root)
        let strays = entries.filter { $0.kind != .directory }.map(\.path)
        let present = try names.sorted().filter { try source.list(prefix + $0) != nil }.map { prefix + $0 } + strays
        guard !present.isEmpty else { return [] }
        let session = try LintSession(configuration: configuration, repository: repository, today: today, tips: [tip])
        return session.configurationResults + LintSession.merging(Workspace.caseTwins(entries.map(\.path)),
            into: session.lint(present, in: source, knownIDs: try LintSession.knownIDs(in: source, root: root)))
    }

    /// Approved, published or closed COEs among those the commits changed whose approvals no longer
    /// cover their content at `tip` (rule P7): errors with `review.require_reapproval`, else warnings.
    public func checkApprovalsStillCount(changedBy commits: [ObjectID], at tip: ObjectID) throws -> [Diagnostic] {
        let tree = try repository.commit(tip).tree
        let rootTree = try repository.subtree(at: rootComponents, inTree: tree)
        var findings: [Diagnostic] = []
        for name in Set(try commits.flatMap { try changedFolders($0).map(\.name) }).sorted() {
            let path = prefix + name
            // Cheap first: the status line, and whether there is a review record at all.
            guard let folder = try rootTree.flatMap({ try repository.rawEntry(named: name, inTree: $0) }), folder.isTree,
                  try status(inFolder: folder.id)?.isApproved == true,
                  try repository.rawEntry(named: ReviewFile.folder, inTree: folder.id)?.isTree == true else { continue }
            let source = GitTreeSource(repository: repository, tree: tree, label: tip.abbreviated(), knownFolder: (path, folder.id))
            guard let document = try? COEReader.read(directory: path, from: source, limits: configuration.readLimits) else { continue }
            let state = ReviewState(document.review)
            // A COE approved before coe recorded approvals has none: only approvals that were given and then outgrown count here.
            guard !state.approvals.isEmpty else { continue }
            let hash = try ContentHash.of(directory: path, in: source, repository: repository)
            let creator = try statusTimeline(id: document.metadata.id, path: path, from: tip).creator
            let counting = rules.counting(state, contentHash: hash, coe: document.metadata.id, creator: creator, owner: document.metadata.owner)
            let needed = rules.stillNeeded(severity: document.metadata.severity, counting: counting)
            guard !needed.isEmpty else { continue }
            findings.append(Diagnostic(file: "\(path)/\(COELayout.metadataFile)", level: configuration.requireReapproval ? .error : .warning, rule: "P7",
                message: "\(document.metadata.id) is \(document.metadata.status.rawValue) but its content changed after its approvals: "
                    + needed.joined(separator: "; ") + " (coe approve \(document.metadata.id))"))
        }
        return findings
    }
}

/// What a gate has worked out (a struct's properties cannot be filled in lazily).
final class GateMemo {
    var index: ChangeIndex?
    var changes: [ObjectID: [TreeDelta]] = [:]
}
