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
    /// Who signed a commit, checked against allowed signers (`SignatureVerifier`): the server's pre-receive
    /// and `coe check --allowed-signers` set it; nil leaves signatures unchecked (rules P12, P13).
    public var signatures: ((ObjectID) throws -> SignatureCheck)?

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

    /// Every change the commits make to a COE (added, removed, its status moved, review records added,
    /// rewritten or removed), judged by the process rules: P1 (allowed moves), P2 (review period, by
    /// `clock`), P3 (who approves, how many, an approval record written by its own author), P4 (no open
    /// comment at approval), P6 (every action done to close), P10 (who resolves), P11 (records kept), P12
    /// (reviewed COEs kept) and P13 (signed records, where `signatures` checks them).
    ///
    /// A folder that appears is a new COE, whatever else the commit removes: a renamed COE is judged as
    /// one removed (P12) and one added (P1: as a draft), though the review records it brings along from the
    /// removed folder are not counted as added.
    public func checkProcess(_ commits: [ObjectID]) throws -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for commit in commits {
            let changes = try changedFolders(commit)
            let isMerge = try repository.commitSkeleton(commit).parents.count > 1
            guard !changes.isEmpty || isMerge else { continue }
            let info = try repository.commit(commit)
            var stamp = CommitStamp(info, clock: clock)
            // Records a folder brings along are not added by the commit: a new folder's from the folders the
            // commit removes (a rename), and in a merge each folder's from the same folder in the other parents.
            let removed = changes.filter { $0.new == nil }.compactMap(\.old)
            let renamed = removed.isEmpty ? [] : try repository.reviewRecordsCarried(from: removed)
            let parentRoots = info.parents.count > 1 ? try info.parents.map { try rootTree(of: $0) } : []
            func carried(into name: String, created: Bool) throws -> Set<RecordBlob> {
                (created ? renamed : []).union(try repository.reviewRecords(ofFolder: name, inRoots: parentRoots))
            }
            for delta in changes {
                let path = prefix + delta.name
                var change: ProcessEvent.Change
                if let newFolder = delta.new {
                    let created = delta.old == nil
                    let records = try repository.recordChanges(fromReview: try repository.reviewTree(inFolder: delta.old),
                                                               toReview: try repository.reviewTree(inFolder: newFolder),
                                                               carried: try carried(into: delta.name, created: created))
                    change = ProcessEvent.Change(commit: stamp, created: created, statusBefore: try delta.old.flatMap { try status(inFolder: $0) },
                                                 statusAfter: try status(inFolder: newFolder), records: records)
                } else if let oldFolder = delta.old {
                    change = ProcessEvent.Change(commit: stamp, removed: true, statusBefore: try status(inFolder: oldFolder), statusAfter: nil)
                } else {
                    continue
                }
                guard change.isJudged else { continue }
                if needsSignature(change), let signatures {
                    if stamp.signature == .notChecked { stamp.signature = try signatures(commit) }
                    change.commit = stamp
                }
                for finding in try judge(change, path: path, name: delta.name, commit: info) {
                    findings.append(diagnostic(finding, path: path, commit: info))
                }
            }
            if !parentRoots.isEmpty {
                // Against the first parent the main loop has judged already: one finding per file and rule.
                findings += try mergeLosses(info, stamp: stamp, parentRoots: parentRoots).filter { loss in
                    !findings.contains { $0.file == loss.file && $0.rule == loss.rule && $0.message.contains(info.id.abbreviated(8)) }
                }
            }
        }
        return findings
    }

    /// What a merge loses against each of its parents: records are only ever added and reviewed COEs kept,
    /// so a merge must hold every record and every reviewed COE of every parent, at a status no earlier than
    /// the parent's. (A merge taking one side whole, `git merge -s ours` of the old history, would otherwise
    /// erase the other side's review unseen: against that side the COE root differs, against its own it does not.)
    func mergeLosses(_ info: CommitInfo, stamp: CommitStamp, parentRoots: [ObjectID?]) throws -> [Diagnostic] {
        let root = try rootTree(of: info.id)
        let rules: [any ProcessRule] = [AllowedMoves(), RecordsKept(), COEsKept()]
        var findings: [Diagnostic] = []
        for (index, parentRoot) in parentRoots.enumerated() where parentRoot != root {
            for delta in try repository.treeDeltas(from: parentRoot, to: root, foldersOnly: true) {
                guard let old = delta.old else { continue }
                let path = prefix + delta.name
                let before = try status(inFolder: old)
                var change: ProcessEvent.Change
                if let new = delta.new {
                    let records = try repository.recordChanges(fromReview: try repository.reviewTree(inFolder: old),
                                                               toReview: try repository.reviewTree(inFolder: new))
                    let after = try status(inFolder: new)
                    // Only a step back is judged here; steps forward are the merge's own change, judged above.
                    let back = before.flatMap { b in after.map { $0.order < b.order } } ?? false
                    change = ProcessEvent.Change(commit: stamp, statusBefore: back ? before : after, statusAfter: after,
                                                 recordsRewritten: records.rewritten, recordsRemoved: records.removed)
                } else {
                    change = ProcessEvent.Change(commit: stamp, removed: true, statusBefore: before, statusAfter: nil)
                }
                guard change.isJudged else { continue }
                let minimal = ProcessFacts(coe: ProcessFacts.COE(id: delta.name, status: change.statusAfter), configuration: configuration)
                for finding in ProcessRules.check(minimal, .change(change), rules: rules) {
                    var diagnostic = diagnostic(finding, path: path, commit: info)
                    diagnostic.message += " (a merge, against its parent \(info.parents[index].abbreviated(8)))"
                    if !findings.contains(where: { $0.file == diagnostic.file && $0.rule == diagnostic.rule }) { findings.append(diagnostic) }
                }
            }
        }
        return findings
    }

    /// The COE root's tree in a commit (nil when it has none).
    func rootTree(of commit: ObjectID) throws -> ObjectID? {
        try repository.subtree(at: rootComponents, inTree: try repository.commitSkeleton(commit).tree)
    }

    /// Whether a rule reads the change's signature: a record P13 judges under `review.require_signed`, or
    /// the removal of a reviewed COE where deletion is allowed to administrators (P12).
    func needsSignature(_ change: ProcessEvent.Change) -> Bool {
        (configuration.requireSigned && change.addsSignedRecords)
            || (configuration.allowDeletion && change.removed && change.statusBefore != nil && change.statusBefore != .draft)
    }

    /// The process rules' findings for one change, with the facts it needs: a change that approves,
    /// publishes or closes is judged with the COE as the commit has it and its history; any other (a
    /// move to review, say) on the change alone, without reading the COE.
    func judge(_ change: ProcessEvent.Change, path: String, name: String, commit: CommitInfo) throws -> [ProcessFinding] {
        let minimal = ProcessFacts(coe: ProcessFacts.COE(id: name, status: change.statusAfter), configuration: configuration)
        guard change.needsReview || change.closes else { return ProcessRules.check(minimal, .change(change)) }
        let source = GitTreeSource(repository: repository, tree: commit.tree, label: commit.id.abbreviated())
        // A COE that cannot be read at this commit cannot have its approval judged: refused (lint sees only
        // the tip, so a part removed here and put back in the next commit must not let an approval through).
        // The rules that need only the change still run.
        guard let document = try? COEReader.read(directory: path, from: source, limits: configuration.readLimits) else {
            let unjudged = ProcessFinding(rule: WhoApproves.description.id, level: .error, message:
                "\(name) cannot be read at this commit, so the review it records cannot be judged; every commit that approves, "
                    + "resolves, publishes or closes must leave the COE readable", hint: "coe lint \(name) at that commit says what is wrong")
            return [unjudged] + ProcessRules.check(minimal, .change(change),
                                                   rules: [AllowedMoves(), RecordsKept(), COEsKept(), SignedReview()])
        }
        let timeline = try statusTimeline(id: document.metadata.id, path: path, from: commit.id)
        let facts = ProcessFacts(document: document, creator: timeline.creator,
                                 moves: timeline.processMoves(excluding: commit.id, clock: clock),
                                 content: try ContentHash.identity(directory: path, in: source, repository: repository),
                                 configuration: configuration)
        return ProcessRules.check(facts, .change(change))
    }

    /// A finding as a diagnostic about the COE's coe.yaml, naming the commit judged.
    func diagnostic(_ finding: ProcessFinding, path: String, commit: CommitInfo? = nil) -> Diagnostic {
        var message = finding.message
        if let commit { message += " (commit \(commit.id.abbreviated(8)) \"\(commit.subject)\" by \(commit.author.name))" }
        if let hint = finding.hint { message += "; \(hint)" }
        return Diagnostic(file: "\(path)/\(COELayout.metadataFile)", level: finding.level, rule: finding.rule, message: message)
    }

    /// The COE's status moves, newest first.
    func statusTimeline(id: String, path: String, from commit: ObjectID) throws -> [StatusMoves.Move] {
        try StatusMoves.of(coe: id, at: path, from: commit, root: root, in: repository, index: historyIndex)
    }

    func status(inFolder folder: ObjectID) throws -> COEStatus? { try StatusMoves.status(inFolder: folder, repository) }

    // MARK: Secrets in every commit

    /// Secrets (rule B6's patterns, `NoSecrets.find`) in any file any of the commits adds, anywhere in the
    /// repository and of any kind (an SVG graph, an attachment, a file outside the COE root): a secret
    /// added in one commit and removed in the next is still in the history the push brings. Each blob is
    /// read once; a blob over `limit` bytes is not read, and said so (a warning, or with `oversizeIsError`
    /// an error: the server passes the ceiling of the limits, which no `.coe.yaml` can lower, and refuses
    /// what it cannot scan). Files `lint` already reports B6 for (as the tip has them) are not reported twice.
    /// Commit messages are scanned too, and so is what a pushed reference points to when it is no commit
    /// (`tips`): an annotated tag's message, a tagged tree's files, a tagged blob.
    public func checkSecrets(_ commits: [ObjectID], tips: [ObjectID] = [], besides lint: [LintResult] = [], limit: Int? = nil,
                             oversizeIsError: Bool = false) throws -> [Diagnostic] {
        let limit = limit ?? configuration.readLimits.coeBytes
        let reported = Set(lint.flatMap { $0.findings.filter { $0.rule == NoSecrets.description.id }.map(\.file) })
        var scanned: Set<ObjectID> = []
        var findings: [Diagnostic] = []
        func scan(_ text: String, file: String, what: String) {
            for secret in NoSecrets.find(in: text) {
                findings.append(Diagnostic(file: file, position: secret.position, level: .error, rule: NoSecrets.description.id, message:
                    "\(what) adds \(secret.kind) to \(file): a secret stays in the history even when a later commit removes it; "
                        + "rewrite the commits before pushing (git rebase -i), and rotate it"))
            }
        }
        func scanBlob(_ blob: ObjectID, path: String, what: String) throws {
            guard scanned.insert(blob).inserted, !reported.contains(path) else { return }
            let size = try repository.objectSize(blob)
            if size > limit {
                findings.append(Diagnostic(file: path, level: oversizeIsError ? .error : .warning, rule: NoSecrets.description.id, message:
                    "\(what) adds \(path) of \(size) bytes, over \(limit) bytes: not scanned for secrets"
                        + (oversizeIsError ? "; keep large files out of this repository" : "")))
                return
            }
            scan(String(decoding: try repository.blob(blob), as: UTF8.self), file: path, what: what)
        }
        for commit in commits {
            let skeleton = try repository.commitSkeleton(commit)
            let parents = try skeleton.parents.map { Optional(try repository.commitSkeleton($0).tree) }
            let info = try repository.commit(commit)
            let what = "commit \(commit.abbreviated(8)) \"\(info.subject)\""
            scan(info.message, file: "commit \(commit.abbreviated(8)) (its message)", what: what)
            for (path, blob) in try repository.blobsAdded(in: skeleton.tree, comparedWith: parents.isEmpty ? [nil] : parents) {
                try scanBlob(blob, path: path, what: what)
            }
        }
        for tip in tips {
            var object = tip, depth = 0
            // Tags of tags, as far as git allows (a loop of tags cannot be made: ids are hashes).
            while repository.objectKind(object) == .tag, depth < 16 {
                let tag = try repository.tag(object)
                scan(tag.message, file: "tag \(object.abbreviated(8)) (its message)", what: "tag \(object.abbreviated(8))")
                object = tag.target
                depth += 1
            }
            switch repository.objectKind(object) {
            case .tree:
                for (path, blob) in try repository.blobsAdded(in: object, comparedWith: [nil]) {
                    try scanBlob(blob, path: path, what: "tree \(object.abbreviated(8))")
                }
            case .blob: try scanBlob(object, path: "blob \(object.abbreviated(8))", what: "a pushed blob")
            default: continue
            }
        }
        return findings
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
            into: session.lint(present, in: source, knownIDs: LintSession.knownIDs(entries)))
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
            let facts = try standingFacts(document, path: path, source: source, tip: tip)
            findings += ProcessRules.check(facts, .standing).map { diagnostic($0, path: path) }
        }
        return findings
    }

    /// The facts of a COE as `tip` has it: for P7 and for the summary of `coe check`.
    func standingFacts(_ document: COEDocument, path: String, source: GitTreeSource, tip: ObjectID) throws -> ProcessFacts {
        let timeline = try statusTimeline(id: document.metadata.id, path: path, from: tip)
        return ProcessFacts(document: document, creator: timeline.creator, moves: timeline.processMoves(clock: clock),
                            content: try ContentHash.identity(directory: path, in: source, repository: repository),
                            configuration: configuration)
    }
}

/// What a gate has worked out (a struct's properties cannot be filled in lazily).
final class GateMemo {
    var index: ChangeIndex?
    var changes: [ObjectID: [TreeDelta]] = [:]
}
