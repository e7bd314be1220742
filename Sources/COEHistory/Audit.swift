import Foundation
import COEFormat
import COEWorkspace
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

    static let allowedMoves: Set<[COEStatus]> = [[.draft, .review], [.review, .approved], [.approved, .published],
                                                 [.published, .closed], [.review, .draft]]

    /// Walks every commit reachable from `start`, oldest first, and follows each COE under `root`.
    public static func run(from start: ObjectID, root: String, configuration: Configuration, in repository: Repository) throws -> Report {
        if repository.isShallow { throw IncompleteHistory() }
        var reports: [String: COEReport] = [:]
        var documents: [ObjectID: COEDocument?] = [:]
        var newest: Int64 = 0
        func read(_ path: String, folder: ObjectID, tree: ObjectID) -> COEDocument? {
            if let known = documents[folder] { return known }
            let document = try? COEReader.read(directory: path, from: GitTreeSource(repository: repository, tree: tree, label: ""))
            documents[folder] = document
            return document
        }
        /// The COE folders under the root of a tree, by folder name (the id).
        func folders(_ tree: ObjectID) throws -> [String: ObjectID] {
            guard let entry = try repository.entry(atPath: root == "." ? "" : root, inTree: tree), entry.kind == .tree else { return [:] }
            var result: [String: ObjectID] = [:]
            for child in try repository.entries(ofTree: entry.id) where child.kind == .tree { result[child.name] = child.id }
            return result
        }
        var foldersOf: [ObjectID: [String: ObjectID]] = [:]
        func foldersCached(_ commit: CommitInfo) throws -> [String: ObjectID] {
            if let known = foldersOf[commit.id] { return known }
            let value = try folders(commit.tree)
            foldersOf[commit.id] = value
            return value
        }
        let prefix = root == "." ? "" : root + "/"
        try repository.walk(from: [start], order: [.topological, .time, .reverse]) { id in
            let commit = try repository.commit(id)
            let time = commit.committer.time
            newest = max(newest, time)
            let here = try foldersCached(commit)
            let parents = try commit.parents.map { try repository.commit($0) }
            let parentFolders = try parents.map { try foldersCached($0) }
            let first = parentFolders.first ?? [:]
            let event = Event(commit: id, subject: commit.subject, author: commit.author.name, time: time)
            for name in Set(here.keys).union(first.keys).sorted() {
                let now = here[name], before = first[name]
                // A merge counts only where it differs from every parent (it introduced the content).
                if parents.count > 1, parentFolders.contains(where: { $0[name] == now }) { continue }
                if !parents.isEmpty, now == before { continue }
                if parents.isEmpty, now == nil { continue }
                var report = reports[name] ?? COEReport(id: name, path: prefix + name)
                let old = before.flatMap { folder in parents.first.flatMap { read(prefix + name, folder: folder, tree: $0.tree) } }
                let new = now.flatMap { read(prefix + name, folder: $0, tree: commit.tree) }
                record(&report, old: old, new: new, existedBefore: before != nil, exists: now != nil, event: event,
                       email: commit.author.email, configuration: configuration)
                reports[name] = report
            }
            return true
        }
        let finished = reports.values.map { report -> COEReport in
            var report = report
            if let status = report.status, let since = report.statusSince, report.deleted == nil {
                report.secondsInStatus[status, default: 0] += max(0, newest - since)
            }
            return report
        }
        return Report(coes: finished.sorted { $0.id < $1.id })
    }

    static func record(_ report: inout COEReport, old: COEDocument?, new: COEDocument?, existedBefore: Bool, exists: Bool,
                       event: Event, email: String, configuration: Configuration) {
        if !existedBefore && exists && report.created == nil {
            report.created = event
            report.creatorEmail = email
        }
        if !exists {
            report.deleted = event
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = nil
            return
        }
        report.deleted = nil
        guard let new else { return }
        let from = old?.metadata.status ?? (existedBefore ? report.status : nil)
        let to = new.metadata.status
        if from != to {
            if let status = report.status, let since = report.statusSince { report.secondsInStatus[status, default: 0] += max(0, event.time - since) }
            report.statusSince = event.time
            if let from, !allowedMoves.contains([from, to]) {
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
        report.status = to
        if let old {
            let changes = Changes.between(old, new)
            let approved: Set<COEStatus> = [.approved, .published, .closed]
            if approved.contains(old.metadata.status), changes.contains(where: \.isContent) { report.editsAfterApproval.append(event) }
            for change in changes where change.kind == .actionChanged && change.field == "due" {
                let days = change.from.flatMap(CalendarDate.init).flatMap { from in change.to.flatMap(CalendarDate.init).map { from.days(until: $0) } }
                report.dueMoves.append(DueMove(action: change.item ?? "", from: change.from, to: change.to, days: days, commit: event.commit))
            }
        }
    }
}
