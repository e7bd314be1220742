import Foundation
import COEFormat
import GitKit

/// `coe audit`: the whole repository's COEs, their process, in one walk of the history.
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
        public var creatorEmail: String?
        /// Seconds spent in each status, up to the newest commit's time for the current one.
        public var secondsInStatus: [COEStatus: Int64] = [:]
        public var enteredReview: Int64?
        public var approved: Int64?
        public var approver: Event?
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
        public var violations: [Violation] = []

        /// Hours between entering review and approval, when both happened.
        public var reviewHours: Double? {
            guard let enteredReview, let approved else { return nil }
            return Double(approved - enteredReview) / 3600
        }

        var statusSince: Int64?
    }

    public struct Report: Sendable {
        public let coes: [COEReport]
        public var violationCount: Int { coes.reduce(0) { $0 + $1.violations.count } }
    }

    /// Follows each COE under `root` through every commit reachable from `start`, oldest first
    /// (parents before children).
    ///
    /// Which COE folders each commit changed comes from the history index (`ChangeIndex`), extended
    /// first with the commits it does not hold; of a changed COE only the files that changed are read
    /// (coe.yaml for the status, action files for due dates). Memory stays bounded: the index, and per
    /// COE its record, its folder tree and its coe.yaml as last read. The COEs are shared out between
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
        let reached = index.reachable(from: try index.update(to: start))
        let table = index.table
        let order = index.oldestFirst(reached).filter { table.hasChanges($0) }
        let prefix = Configuration.rootPrefix(root)
        // The COEs are shared out between threads (by folder name): each follows its own through the
        // same commits, reading what changed in them. Reports of different COEs never meet.
        let parts = Parallel.parts(for: order.count, itemsPerThread: commitsPerThread)
        let results = try Parallel.run(parts: parts, in: repository) { part, repository in
            var reports: [Int32: COEReport] = [:]
            var lastRead: [Int32: LastRead] = [:]
            var newest: Int64 = 0
            for position in order {
                let changes = table.changes(position).filter { Int($0.name) % parts == part }
                if changes.isEmpty { continue }
                let id = table.id(position)
                let commit = try repository.commitSummary(id)
                newest = max(newest, commit.committerTime)
                let event = Event(commit: id, subject: commit.subject, author: commit.author.name, time: commit.committerTime)
                for change in changes {
                    let delta = try FolderDelta(old: change.old, new: change.new, repository: repository, lastRead: &lastRead[change.name, default: LastRead()])
                    let name = table.names[Int(change.name)]
                    // Updated in place: a COE's list of edits after approval can be long.
                    record(&reports[change.name, default: COEReport(id: name, path: prefix + name)], delta: delta, event: event,
                           email: commit.author.email, configuration: configuration)
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
        /// Approval records added to review/ (docs/workflow.md).
        var approvalsAdded = 0

        init(old: ObjectID?, new: ObjectID?, repository: Repository, lastRead: inout LastRead) throws {
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
                guard old != nil else { continue }
                // The review record (comments, approvals) is not the COE's content; approvals added are counted.
                if change.name == ReviewFile.folder {
                    for record in try repository.treeDeltas(from: change.old, to: change.new) where record.old == nil {
                        if let blob = record.new, StatusLine.line("kind:", in: try repository.blob(blob)).map({ Array($0) == Array("kind: approval".utf8) }) == true {
                            approvalsAdded += 1
                        }
                    }
                    continue
                }
                contentChanged = true
                guard change.name == "actions", let newActions = change.new, let oldActions = change.old else { continue }
                for action in try repository.treeDeltas(from: oldActions, to: newActions) {
                    guard let before = action.old, let after = action.new, let id = ActionFile.id(fromFileName: action.name) else { continue }
                    let a = try repository.blob(before), b = try repository.blob(after)
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

    static func record(_ report: inout COEReport, delta: FolderDelta, event: Event, email: String, configuration: Configuration) {
        if !delta.existedBefore && delta.exists && report.created == nil {
            report.created = event
            report.creatorEmail = email
        }
        if !delta.exists {
            report.deleted = event
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = nil
            return
        }
        report.deleted = nil
        guard let to = delta.metadataUnchanged ? report.status : delta.newStatus else { return }
        let from = delta.oldStatus ?? (delta.existedBefore ? report.status : nil)
        if from != to {
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = event.time
            if let from, !from.canMove(to: to) {
                report.violations.append(Violation(rule: "P1", commit: event.commit, message: "status moved \(from.rawValue) → \(to.rawValue), skipping a step"))
            } else if from == nil, to != .draft {
                report.violations.append(Violation(rule: "P1", commit: event.commit, message: "created as \(to.rawValue), not as a draft"))
            }
            if to == .review { report.enteredReview = event.time }
            if to == .approved {
                report.approved = event.time
                report.approver = event
                if let entered = report.enteredReview {
                    let hours = Double(event.time - entered) / 3600
                    if hours < Double(configuration.reviewPeriodHours) {
                        report.violations.append(Violation(rule: "P2", commit: event.commit,
                            message: "approved \(String(format: "%.1f", hours)) h after entering review; the review period is \(configuration.reviewPeriodHours) h"))
                    }
                }
                if let creator = report.creatorEmail, creator.lowercased() == email.lowercased() {
                    report.selfApproved = true
                    report.violations.append(Violation(rule: "P3", commit: event.commit, message: "approved by its own author (\(event.author))"))
                }
            }
        } else if report.statusSince == nil {
            report.statusSince = event.time
        }
        if let from, from.isApproved, delta.contentChanged { report.editsAfterApproval.append(event) }
        if delta.contentChanged { report.lastContentEdit = event.time }
        if to == .approved && from != .approved || delta.approvalsAdded > 0 { report.lastApproval = event.time }
        report.status = to
        for move in delta.dueMoves {
            let days = move.from.flatMap { from in move.to.map { from.days(until: $0) } }
            report.dueMoves.append(DueMove(action: move.action, from: move.from?.description, to: move.to?.description, days: days, commit: event.commit))
        }
    }
}
