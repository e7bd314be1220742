import COEFormat
import COEHistory
import COELint
import COEProcess
import COEWorkspace
import Foundation
import GitKit

/// `coe check --base <rev> --head <rev>`: what a pull request changes, checked as the server would.
///
/// The range is the pull request's own: the commits reachable from `head` and not from the merge
/// base of `base` and `head`. The COEs they change are linted as `head` has them, every status move
/// and approval in the range is judged by the process rules (P1–P4, P6, P10–P13, with commit dates as the
/// clock), approved COEs must still have approvals that count (P7), and every commit is scanned for secrets. The configuration is the merge base's:
/// a pull request cannot loosen its own rules.
public enum RangeCheck {
    /// One COE the range changed, as `head` has it: for a pull-request comment.
    public struct Summary: Sendable {
        public let id: String
        public let path: String
        public let title: String?
        public let status: COEStatus?
        public let errors: Int
        public let warnings: Int
        public let openComments: Int
        public let approvals: Int
        public let requiredApprovals: Int
        public let stillNeeded: [String]
        /// While in review: when the review period ends (seconds since 1970).
        public let approvableAfter: Int64?
    }

    public struct Result: Sendable {
        public let report: GateReport
        public let base: ObjectID
        public let head: ObjectID
        public let summaries: [Summary]
        public let reviewPeriodHours: Int
    }

    /// With a `verifier`, signatures are checked (P12, P13) as the server checks them.
    public static func run(repository: Repository, base: String, head: String, now: Int64, verifier: SignatureVerifier? = nil) throws -> Result {
        if repository.isShallow { throw IncompleteHistory() }
        let baseCommit = try repository.resolveCommit(base), headCommit = try repository.resolveCommit(head)
        let mergeBase = try repository.mergeBase(baseCommit, headCommit)
        let configuration = try mergeBase.map { try Witness.configuration(at: $0, in: repository) } ?? Configuration()
        // A rule setting that names no rule stops the check as a level that is not one does (one exit-code rule).
        let problems = LintSession.configurationProblems(configuration)
        if !problems.isEmpty { throw FormatError(problems) }
        var gate = Gate(repository: repository, configuration: configuration)
        if let verifier { gate.signatures = { try verifier.check($0, in: repository) } }
        let commits = try gate.newCommits(tips: [headCommit], hiding: [mergeBase].compactMap { $0 })
        let lint = try gate.lint(changedBy: commits, at: headCommit, today: CalendarDate(utcSeconds: now))
        let process = try gate.checkProcess(commits) + gate.checkApprovalsStillCount(changedBy: commits, at: headCommit)
            + gate.checkSecrets(commits, besides: lint)
        let report = GateReport(lint: lint, process: process, root: configuration.root, commits: commits.count)
        let source = GitTreeSource(repository: repository, tree: try repository.commit(headCommit).tree, label: headCommit.abbreviated())
        let summaries = try report.results.map { try summary($0, gate: gate, head: headCommit, source: source) }
        return Result(report: report, base: mergeBase ?? baseCommit, head: headCommit, summaries: summaries,
                      reviewPeriodHours: configuration.reviewPeriodHours)
    }

    /// One COE's line of the summary; `source` is the head commit's tree.
    static func summary(_ result: LintResult, gate: Gate, head: ObjectID, source: GitTreeSource) throws -> Summary {
        let id = result.id ?? String(COELayout.lastName(of: result.directory))
        let unreadable = Summary(id: id, path: result.directory, title: nil, status: result.status, errors: result.errorCount,
                                 warnings: result.warningCount, openComments: 0, approvals: 0,
                                 requiredApprovals: gate.configuration.requiredApprovals, stillNeeded: [], approvableAfter: nil)
        guard let document = try? COEReader.read(directory: result.directory, from: source, limits: gate.configuration.readLimits) else { return unreadable }
        let facts = try gate.standingFacts(document, path: result.directory, source: source, tip: head)
        // The one count of approvals, as the workflow and the gates count them.
        let approvals = facts.approvals
        let approvableAfter = document.metadata.status == .review ? ReviewPeriod.approvableAfter(facts) : nil
        return Summary(id: document.metadata.id, path: result.directory, title: document.metadata.title, status: document.metadata.status,
                       errors: result.errorCount, warnings: result.warningCount, openComments: facts.review.openThreads.count,
                       approvals: approvals.counting.count, requiredApprovals: gate.configuration.requiredApprovals,
                       stillNeeded: approvals.stillNeeded, approvableAfter: approvableAfter)
    }
}
