import Foundation
import COEFormat
import COEProcess
import COEWorkspace
import GitKit

/// `coe audit`: the whole repository's COEs, their process, in one walk of the history, judged by the
/// same process rules as the workflow and the gates.
public enum Audit {
    /// A process rule broken, with the commit that broke it.
    public struct Violation: Sendable, Equatable {
        public let rule: String
        public let commit: ObjectID?
        public let message: String
    }

    /// A due date that moved.
    public struct DueMove: Sendable, Equatable {
        public let action: String
        public let from: String?
        public let to: String?
        /// Days the date moved by (positive: later), when both dates are known.
        public let days: Int?
        public let commit: ObjectID
        /// The commit's time (committer date, seconds since 1970).
        public let time: Int64
    }

    /// One commit that touched the COE, briefly.
    public struct Event: Sendable {
        public let commit: ObjectID
        public let subject: String
        public let author: String
        public let time: Int64
    }

    public struct COEReport: Sendable {
        public let id: String
        public var path: String
        public var status: COEStatus?
        public var created: Event?
        /// Who created the COE: the author of the commit that added it.
        public var creator: Person?
        /// Seconds spent in each status, up to the newest commit's time for the current one.
        public var secondsInStatus: [COEStatus: Int64] = [:]
        public var enteredReview: Int64?
        public var approved: Int64?
        public var approver: Event?
        /// The newest move to closed (an imported COE that came in closed: its import).
        public var closed: Int64?
        /// A move to approved was made by the COE's author (matched by e-mail or by name, as rule P3 does).
        public var selfApproved = false
        public var editsAfterApproval: [Event] = []
        /// The latest approval (a status move to approved, or an approval record) was followed by an
        /// edit of the content: the approval no longer covers what the COE says.
        public var approvalVoided: Bool {
            guard status?.isApproved == true, let approvedAt = lastApproval, let edited = lastContentEdit else { return false }
            return edited > approvedAt
        }
        var lastApproval: Int64?
        var lastContentEdit: Int64?
        public var dueMoves: [DueMove] = []
        public var deleted: Event?
        /// Brought in by `coe import`, reviewed elsewhere: the commit, and the status it came in with.
        public var imported: Event?
        public var violations: [Violation] = []

        /// Hours between entering review and approval, when both happened.
        public var reviewHours: Double? {
            guard let enteredReview, let approved else { return nil }
            return Double(approved - enteredReview) / 3600
        }

        var statusSince: Int64?
        /// The status moves so far, oldest first: the process rules' history of the COE.
        var moves: [StatusMove] = []
    }

    /// A commit the server witnessed (it changed COEs when it was pushed) that no branch or tag holds now:
    /// history rewritten by a forced update, or a branch deleted. What it did is gone from the history an
    /// audit reads, so the audit lists it (found by `Witness.vanished`, where the witness notes are).
    public struct Vanished: Sendable, Equatable {
        public let commit: ObjectID
        public let seen: Int64
        public let subject: String
        public let author: String
        /// The COE folders it changed.
        public let coes: [String]
        /// The review records it added (file names), which no history holds now.
        public let recordsAdded: [String]

        public init(commit: ObjectID, seen: Int64, subject: String, author: String, coes: [String], recordsAdded: [String]) {
            self.commit = commit
            self.seen = seen
            self.subject = subject
            self.author = author
            self.coes = coes
            self.recordsAdded = recordsAdded
        }
    }

    public struct Report: Sendable {
        public let coes: [COEReport]
        /// Witnessed commits no branch holds now (empty where there are no witness notes).
        public var vanished: [Vanished] = []
        public var violationCount: Int { coes.reduce(0) { $0 + $1.violations.count } }
    }

    /// Follows each COE under `root` through every commit reachable from `start`, oldest first
    /// (parents before children).
    ///
    /// Which COE folders each commit changed comes from the history index (`ChangeIndex`), extended
    /// first with the commits it does not hold; of a changed COE only the files that changed are read
    /// (coe.yaml for the status, action files for due dates). Each change is judged by the process rules
    /// (COEProcess), as the gates judge it; the COE is read further only where a rule needs it (its
    /// review records where it is approved or published, its action items where it is closed), and at
    /// the end P7 is judged for each approved COE as `start` has it. Memory stays bounded: the index, and
    /// per COE its record, its folder tree and its coe.yaml as last read. The COEs are shared out between
    /// threads when there are more than `commitsPerThread` commits to follow (tests set it low).
    public static func run(from start: ObjectID, root: String, configuration: Configuration, in repository: Repository,
                           commitsPerThread: Int = 2_000) throws -> Report {
        try IncompleteHistory.checking {
            try followed(from: start, root: root, configuration: configuration, in: repository, commitsPerThread: commitsPerThread)
        }
    }

    private static func followed(from start: ObjectID, root: String, configuration: Configuration, in repository: Repository,
                                 commitsPerThread: Int) throws -> Report {
        if repository.isShallow { throw IncompleteHistory() }
        let index = ChangeIndex(repository: repository, root: root)
        let startPosition = try index.update(to: start)
        let reached = index.reachable(from: startPosition)
        let table = index.table
        let order = index.oldestFirst(reached).filter { table.hasChanges($0) }
        let prefix = Configuration.rootPrefix(root)
        // The COEs are shared out between threads (by folder name): each follows its own through the
        // same commits, reading what changed in them. Reports of different COEs never meet.
        let parts = Parallel.parts(for: order.count, itemsPerThread: commitsPerThread)
        let startRoot = table.root(Int(startPosition))
        let results = try Parallel.run(parts: parts, in: repository) { part, repository in
            var reports: [Int32: COEReport] = [:]
            var lastRead: [Int32: LastRead] = [:]
            var newest: Int64 = 0
            for position in order {
                let all = table.changes(position)
                let changes = all.filter { Int($0.name) % parts == part }
                if changes.isEmpty { continue }
                let id = table.id(position)
                let commit = try repository.commitSummary(id)
                newest = max(newest, commit.committerTime)
                let event = Event(commit: id, subject: commit.subject, author: commit.author.name, time: commit.committerTime)
                let stamp = CommitStamp(id: id.hex, author: Person(commit.author), committed: commit.committerTime)
                // Review records a folder added by this commit brings from one it removes (a rename) are not added.
                let removed = all.filter { $0.new == nil }.compactMap(\.old)
                let carried = removed.isEmpty ? [] : try repository.reviewRecordsCarried(from: removed)
                for change in changes {
                    var delta = try FolderDelta(old: change.old, new: change.new, repository: repository, carried: carried,
                                                lastRead: &lastRead[change.name, default: LastRead()])
                    let name = table.names[Int(change.name)]
                    // A merge brings its other parents' records along: they are not the merge's own (as the gates read it).
                    if !delta.records.added.isEmpty, case let parents = try repository.commitSkeleton(id).parents, parents.count > 1 {
                        let roots = try parents.dropFirst().map {
                            try repository.subtree(at: Configuration.rootComponents(root), inTree: try repository.commitSkeleton($0).tree)
                        }
                        let theirs = try repository.reviewRecords(ofFolder: name, inRoots: roots)
                        delta.records = try repository.recordChanges(fromReview: try repository.reviewTree(inFolder: change.old),
                                                                     toReview: try repository.reviewTree(inFolder: change.new),
                                                                     carried: theirs.union(change.old == nil ? carried : []))
                    }
                    let judge = Judge(configuration: configuration, repository: repository, path: prefix + name, folder: change.new)
                    // Updated in place: a COE's list of edits after approval can be long.
                    try follow(&reports[change.name, default: COEReport(id: name, path: prefix + name)], delta: delta, event: event,
                               commit: stamp, judge: judge)
                }
            }
            // P7 for every approved COE as `start` has it: approvals that no longer cover its content.
            // The COE root's folders are read once (a thousand COEs: one tree, not a thousand reads of it).
            let folders = try startRoot.map { root in
                Dictionary(try repository.treeDeltas(from: nil, to: root, foldersOnly: true).map { ($0.name, $0.new) },
                           uniquingKeysWith: { first, _ in first })
            } ?? [:]
            for (key, report) in reports where report.deleted == nil && report.status?.isApproved == true {
                guard let folder = folders[table.names[Int(key)]] ?? nil else { continue }
                let judge = Judge(configuration: configuration, repository: repository, path: report.path, folder: folder)
                for finding in try judge.standing(report) where finding.level == .error {
                    reports[key]?.violations.append(Violation(rule: finding.rule, commit: nil, message: finding.message))
                }
            }
            return (reports: Array(reports.values), newest: newest)
        }
        let reports = results.flatMap(\.reports)
        let newest = results.map(\.newest).max() ?? 0
        let finished = reports.map { report -> COEReport in
            var report = report
            if let status = report.status, let since = report.statusSince, report.deleted == nil {
                report.secondsInStatus[status, default: 0] += max(0, newest - since)
            }
            return report
        }
        return Report(coes: finished.sorted { $0.id < $1.id })
    }

    /// A COE's folder tree and coe.yaml as the last change read them: the next change's old ones.
    struct LastRead {
        var folder: RawTree?
        var metadata: (id: ObjectID, bytes: [UInt8])?
    }

    /// What changed in one COE folder between two versions, read from the files that changed only.
    struct FolderDelta {
        var existedBefore = false
        var exists = false
        var oldStatus: COEStatus?
        var newStatus: COEStatus?
        /// Something besides the status changed.
        var contentChanged = false
        /// coe.yaml is the same blob as before (its status is the one already recorded).
        var metadataUnchanged = false
        var dueMoves: [(action: String, from: CalendarDate?, to: CalendarDate?)] = []
        /// The review records added, rewritten and removed (docs/workflow.md): what rules P3, P10, P11 and P13 judge.
        var records = RecordChanges()
        /// The approvals added.
        var approvals: [ReviewRecord] { records.added.filter { $0.kind == .approval } }

        init(old: ObjectID?, new: ObjectID?, repository: Repository, carried: Set<RecordBlob>, lastRead: inout LastRead) throws {
            existedBefore = old != nil
            exists = new != nil
            guard let new else {
                lastRead = LastRead()
                return
            }
            metadataUnchanged = old != nil
            let oldTree = try old.map { old in try lastRead.folder.flatMap { $0.id == old ? $0 : nil } ?? repository.rawTree(old) }
            let newTree = try repository.rawTree(new)
            lastRead.folder = newTree
            for change in Repository.treeDeltas(from: oldTree, to: newTree) {
                if change.name == COELayout.metadataFile {
                    metadataUnchanged = false
                    let after = try change.new.map { try repository.blob($0) }
                    newStatus = after.flatMap { StatusLine.status(in: $0) }
                    let known = lastRead.metadata
                    lastRead.metadata = change.new.flatMap { id in after.map { (id, $0) } }
                    guard old != nil else { continue }
                    let before = try change.old.map { old in try known.flatMap { $0.id == old ? $0.bytes : nil } ?? repository.blob(old) }
                    oldStatus = before.flatMap { StatusLine.status(in: $0) }
                    // Anything but the status line changed: an edit of the metadata.
                    if oldStatus == nil || newStatus == nil || StatusLine.removed(from: before ?? []) != StatusLine.removed(from: after ?? []) { contentChanged = true }
                    continue
                }
                // The review record (comments, approvals) is not the COE's content; what a commit does to it
                // is read as the gates read it (every added record parsed: a hand-written `kind: "approval"`
                // must not slip past the audit's P3).
                if change.name == ReviewFile.folder {
                    records = try repository.recordChanges(fromReview: change.old, toReview: change.new, carried: old == nil ? carried : [])
                    continue
                }
                guard old != nil else { continue }
                guard change.name == COELayout.actionsFolder, let newActions = change.new, let oldActions = change.old else {
                    contentChanged = true
                    continue
                }
                for action in try repository.treeDeltas(from: oldActions, to: newActions) {
                    guard let before = action.old, let after = action.new, let id = ActionFile.id(fromFileName: action.name) else {
                        contentChanged = true
                        continue
                    }
                    let a = try repository.blob(before), b = try repository.blob(after)
                    // An action's tracking state (status, done, evidence, notes, slips) is not approved content.
                    if ActionTracking.approvedContentOrWhole(a) != ActionTracking.approvedContentOrWhole(b) { contentChanged = true }
                    // Most edits of an action leave its due date alone: only a changed `due:` line is parsed.
                    let dueBefore = StatusLine.line("due:", in: a), dueAfter = StatusLine.line("due:", in: b)
                    guard dueBefore != dueAfter else { continue }
                    // A plain date on both lines is read as it stands; anything else through the YAML parser.
                    if let x = dueBefore.flatMap(Self.plainDate), let y = dueAfter.flatMap(Self.plainDate) {
                        if x != y { dueMoves.append((id, x, y)) }
                        continue
                    }
                    let x = (try? SourceText.decode(a, file: action.name)).flatMap { try? ActionFile.parse($0, id: id) }
                    let y = (try? SourceText.decode(b, file: action.name)).flatMap { try? ActionFile.parse($0, id: id) }
                    if let x, let y, x.due != y.due { dueMoves.append((id, x.due, y.due)) }
                }
            }
        }

        /// `due: 2026-12-01` (spaces and a trailing comment allowed) as a date; nil for any other form.
        static func plainDate(_ line: ArraySlice<UInt8>) -> CalendarDate? {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            var value = line[(colon + 1)...].drop { $0 == 0x20 }
            if let hash = value.firstIndex(of: UInt8(ascii: "#")) { value = value[..<hash] }
            while let last = value.last, last == 0x20 || last == 0x0D { value = value.dropLast() }
            guard value.count == 10 else { return nil }
            return CalendarDate(String(decoding: value, as: UTF8.self))
        }
    }

    /// Follows one commit's change to one COE: judges it with the process rules, then records it.
    static func follow(_ report: inout COEReport, delta: FolderDelta, event: Event, commit: CommitStamp, judge: Judge) throws {
        var findings: [ProcessFinding] = []
        var change: ProcessEvent.Change?
        if !delta.exists, delta.existedBefore {
            change = ProcessEvent.Change(commit: commit, removed: true, statusBefore: report.status, statusAfter: nil)
        } else if delta.exists, let to = delta.metadataUnchanged ? report.status : delta.newStatus {
            // A folder that appears is a new COE, whatever else the commit removes (as the gates judge it).
            let created = !delta.existedBefore
            change = ProcessEvent.Change(commit: commit, created: created, statusBefore: created ? nil : delta.status(before: report),
                                         statusAfter: to, records: delta.records)
        }
        if let change {
            if change.isJudged {
                var history = report
                if change.created { history.creator = commit.author }
                findings = ProcessRules.check(try judge.facts(change, history), .change(change))
            }
        }
        record(&report, delta: delta, event: event, commit: commit, findings: findings)
    }

    /// What an audit judges a COE's changes with: the configuration, and the COE folder as a commit has
    /// it, read only as far as the change needs (most changes need nothing read at all).
    struct Judge {
        let configuration: Configuration
        let repository: Repository
        let path: String
        /// The COE's folder tree as the commit has it.
        let folder: ObjectID?

        /// The facts for `change`: the COE's status and history, and, for a change that approves or
        /// publishes, its review records and, when it has approvals, its metadata and content hash; for
        /// one that closes, its action items.
        func facts(_ change: ProcessEvent.Change, _ report: COEReport) throws -> ProcessFacts {
            var facts = ProcessFacts(coe: ProcessFacts.COE(id: report.id, status: change.statusAfter), creator: report.creator,
                                     moves: report.moves, configuration: configuration)
            guard let folder, change.needsReview || change.closes else { return facts }
            if change.needsReview { try readReview(into: &facts, folder: folder) }
            if change.closes { facts.actions = try actions(in: folder) }
            return facts
        }

        /// The facts of the COE as it stands (for P7), when it has review records.
        func standing(_ report: COEReport) throws -> [ProcessFinding] {
            guard let folder, try repository.rawEntry(named: ReviewFile.folder, inTree: folder)?.isTree == true else { return [] }
            var facts = ProcessFacts(coe: ProcessFacts.COE(id: report.id, status: report.status), creator: report.creator,
                                     moves: report.moves, configuration: configuration)
            try readReview(into: &facts, folder: folder)
            return ProcessRules.check(facts, .standing)
        }

        /// The review records; with approvals among them (or bar raisers to look for), the metadata and content.
        func readReview(into facts: inout ProcessFacts, folder: ObjectID) throws {
            facts.records = try records(in: folder)
            let approvals = facts.records.contains { $0.kind == .approval }
            // Who may approve or resolve depends on the COE's reviewers and owner (P3, P10).
            let resolutions = facts.records.contains { $0.kind.closesThread }
            if approvals || resolutions || !configuration.barRaisers.isEmpty, let metadata = try metadata(in: folder) {
                let status = facts.coe.status
                facts.coe = ProcessFacts.COE(metadata)
                facts.coe.status = status
            }
            if approvals {
                let source = GitTreeSource(repository: repository, tree: folder, label: path, knownFolder: (path, folder))
                facts.content = try ContentHash.identity(directory: path, in: source, repository: repository)
            }
        }

        /// The review records in the folder (a record that cannot be read is lint's business).
        func records(in folder: ObjectID) throws -> [ReviewRecord] {
            guard let review = try repository.rawEntry(named: ReviewFile.folder, inTree: folder), review.isTree else { return [] }
            return try repository.entries(ofTree: review.id).compactMap { entry in
                entry.kind == .blob ? try repository.reviewRecord(named: entry.name, blob: entry.id) : nil
            }
        }

        func metadata(in folder: ObjectID) throws -> Metadata? {
            guard let entry = try repository.rawEntry(named: COELayout.metadataFile, inTree: folder), !entry.isTree,
                  let text = try? SourceText.decode(try repository.blob(entry.id), file: COELayout.metadataFile) else { return nil }
            return try? MetadataFile.parse(text)
        }

        /// The action items' statuses, each read from its `status:` line (an item whose line names no
        /// status through the YAML parser; one that cannot be read is lint's business).
        func actions(in folder: ObjectID) throws -> [ActionState] {
            guard let actions = try repository.rawEntry(named: "actions", inTree: folder), actions.isTree else { return [] }
            return try repository.entries(ofTree: actions.id).compactMap { entry in
                guard entry.kind == .blob, let id = ActionFile.id(fromFileName: entry.name) else { return nil }
                let bytes = try repository.blob(entry.id)
                if let status = StatusLine.value(in: bytes).flatMap(ActionStatus.init(rawValue:)) { return ActionState(id: id, status: status) }
                guard let text = try? SourceText.decode(bytes, file: entry.name), let item = try? ActionFile.parse(text, id: id) else { return nil }
                return ActionState(id: item.id, status: item.status)
            }
        }
    }

    /// Records one commit's change to one COE, and the process rules' errors as violations.
    static func record(_ report: inout COEReport, delta: FolderDelta, event: Event, commit: CommitStamp, findings: [ProcessFinding]) {
        if !delta.existedBefore && delta.exists && report.created == nil {
            report.created = event
            report.creator = commit.author
            if delta.records.added.contains(where: { $0.kind == .imported }) { report.imported = event }
        }
        for finding in findings where finding.level == .error {
            report.violations.append(Violation(rule: finding.rule, commit: event.commit, message: finding.message))
        }
        if !delta.exists {
            report.deleted = event
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = nil
            return
        }
        report.deleted = nil
        guard let to = delta.metadataUnchanged ? report.status : delta.newStatus else { return }
        let from = delta.status(before: report)
        if from != to {
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = event.time
            report.moves.append(StatusMove(from: from, to: to, commit: commit))
            if to == .review { report.enteredReview = event.time }
            if to == .approved {
                report.approved = event.time
                report.approver = event
                if let creator = report.creator, creator.isSame(as: commit.author) { report.selfApproved = true }
            }
            if to == .closed { report.closed = event.time }
        } else if report.statusSince == nil {
            report.statusSince = event.time
        }
        if let from, from.isApproved, delta.contentChanged { report.editsAfterApproval.append(event) }
        if delta.contentChanged { report.lastContentEdit = event.time }
        if to == .approved && from != .approved || !delta.approvals.isEmpty { report.lastApproval = event.time }
        report.status = to
        for move in delta.dueMoves {
            let days = move.from.flatMap { from in move.to.map { from.days(until: $0) } }
            report.dueMoves.append(DueMove(action: move.action, from: move.from?.description, to: move.to?.description, days: days, commit: event.commit,
                                          time: event.time))
        }
    }
}

extension Audit.FolderDelta {
    /// The status before the change: coe.yaml's old status line, else the one last recorded.
    func status(before report: Audit.COEReport) -> COEStatus? {
        oldStatus ?? (existedBefore ? report.status : nil)
    }
}
