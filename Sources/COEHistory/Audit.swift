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
    ///
    /// Trees are read as raw bytes; a commit whose COE root did not change is skipped at once, and of a
    /// changed COE only the files that changed are read (coe.yaml for the status, action files for due
    /// dates). Memory stays bounded: one record per COE, and the few most recent trees.
    public static func run(from start: ObjectID, root: String, configuration: Configuration, in repository: Repository) throws -> Report {
        if repository.isShallow { throw IncompleteHistory() }
        var reports: [String: COEReport] = [:]
        var newest: Int64 = 0
        let rootComponents = root == "." || root.isEmpty ? [] : root.split(separator: "/").map(String.init)
        let prefix = rootComponents.isEmpty ? "" : root + "/"
        var trees = RecentTrees(repository: repository)
        /// The COE root's tree id in a commit's tree.
        var rootOf: [ObjectID: ObjectID?] = [:]
        func coeRoot(ofCommit commit: ObjectID, tree: ObjectID) throws -> ObjectID? {
            if let known = rootOf[commit] { return known }
            var current: ObjectID? = tree
            for component in rootComponents {
                guard let id = current else { break }
                current = try trees.tree(id).entry(named: component).flatMap { $0.isTree ? $0.id : nil }
            }
            rootOf[commit] = current
            return current
        }
        try repository.walk(from: [start], order: [.topological, .time, .reverse]) { id in
            let (tree, parents) = try repository.commitTreeAndParents(id)
            let here = try coeRoot(ofCommit: id, tree: tree)
            var parentRoots: [ObjectID?] = []
            for parent in parents { parentRoots.append(try coeRoot(ofCommit: parent, tree: try repository.commitTreeAndParents(parent).tree)) }
            // Nothing under the COE root changed (for a merge: it equals one parent's): nothing to audit.
            if parents.isEmpty ? here == nil : parentRoots.contains(where: { $0 == here }) { return true }
            let empty = RawTree.empty
            let folders = try here.map { try trees.tree($0) } ?? empty
            let parentTrees = try parentRoots.map { try $0.map { try trees.tree($0) } ?? empty }
            var changed: [(name: String, old: ObjectID?, new: ObjectID?)] = []
            for change in folders.changes(from: parentTrees.first ?? empty) {
                // A merge counts only where the folder differs from every parent's.
                if parentTrees.count > 1, parentTrees.dropFirst().contains(where: { $0.entry(named: change.name)?.id == change.new }) { continue }
                changed.append(change)
            }
            guard !changed.isEmpty else { return true }
            let commit = try repository.commit(id)
            newest = max(newest, commit.committer.time)
            let event = Event(commit: id, subject: commit.subject, author: commit.author.name, time: commit.committer.time)
            for change in changed.sorted(by: { $0.name < $1.name }) {
                let name = change.name
                var report = reports[name] ?? COEReport(id: name, path: prefix + name)
                let delta = try FolderDelta(old: change.old, new: change.new, trees: &trees, repository: repository)
                record(&report, delta: delta, event: event, email: commit.author.email, configuration: configuration)
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

    /// The last few trees read, by id: a linear history reads each large tree twice in a row.
    struct RecentTrees {
        let repository: Repository
        var cache: [(ObjectID, RawTree)] = []

        init(repository: Repository) { self.repository = repository }

        mutating func tree(_ id: ObjectID) throws -> RawTree {
            if let hit = cache.first(where: { $0.0 == id }) { return hit.1 }
            let tree = try repository.rawTree(id)
            cache.append((id, tree))
            if cache.count > 8 { cache.removeFirst() }
            return tree
        }
    }

    /// What changed in one COE folder between two versions, read from the files that changed only.
    struct FolderDelta {
        var existedBefore = false
        var exists = false
        var oldMetadata: Metadata?
        var newMetadata: Metadata?
        /// Something besides the status changed.
        var contentChanged = false
        /// coe.yaml is the same blob as before (its status is the one already recorded).
        var metadataUnchanged = false
        var dueMoves: [(action: String, from: CalendarDate?, to: CalendarDate?)] = []

        init(old: ObjectID?, new: ObjectID?, trees: inout RecentTrees, repository: Repository) throws {
            existedBefore = old != nil
            exists = new != nil
            guard let new else { return }
            let after = try trees.tree(new).byName
            let before = try old.map { try trees.tree($0).byName } ?? [:]
            func text(_ blob: ObjectID?, _ name: String) throws -> SourceText? {
                guard let blob else { return nil }
                return try? SourceText.decode(try repository.blob(blob), file: name)
            }
            if let metadata = after[COELayout.metadataFile] {
                if before[COELayout.metadataFile] == metadata, old != nil {
                    // coe.yaml did not change: neither did the status or the metadata.
                    metadataUnchanged = true
                } else {
                    newMetadata = try text(metadata, COELayout.metadataFile).flatMap { try? MetadataFile.parse($0) }
                }
                if old == nil || metadataUnchanged {
                    oldMetadata = nil
                } else {
                    oldMetadata = try text(before[COELayout.metadataFile], COELayout.metadataFile).flatMap { try? MetadataFile.parse($0) }
                    if let a = oldMetadata, let b = newMetadata {
                        var x = a, y = b
                        x.status = .draft
                        y.status = .draft
                        if MetadataFile.serialize(x) != MetadataFile.serialize(y) { contentChanged = true }
                    } else {
                        contentChanged = true
                    }
                }
            }
            guard old != nil else { return }
            for name in Set(after.keys).union(before.keys) where name != COELayout.metadataFile && after[name] != before[name] {
                contentChanged = true
                guard name == "actions", let newActions = after[name] else { continue }
                let oldActions = try before[name].map { try trees.tree($0).byName } ?? [:]
                for (file, blob) in try trees.tree(newActions).byName where oldActions[file] != nil && oldActions[file] != blob {
                    guard let id = ActionFile.id(fromFileName: file) else { continue }
                    let a = try text(oldActions[file], file).flatMap { try? ActionFile.parse($0, id: id) }
                    let b = try text(blob, file).flatMap { try? ActionFile.parse($0, id: id) }
                    if let a, let b, a.due != b.due { dueMoves.append((id, a.due, b.due)) }
                }
            }
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
        guard let to = delta.metadataUnchanged ? report.status : delta.newMetadata?.status else { return }
        let from = delta.oldMetadata?.status ?? (delta.existedBefore ? report.status : nil)
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
        let approved: Set<COEStatus> = [.approved, .published, .closed]
        if let from, approved.contains(from), delta.contentChanged { report.editsAfterApproval.append(event) }
        report.status = to
        for move in delta.dueMoves {
            let days = move.from.flatMap { from in move.to.map { from.days(until: $0) } }
            report.dueMoves.append(DueMove(action: move.action, from: move.from?.description, to: move.to?.description, days: days, commit: event.commit))
        }
    }
}
