import COEFormat
import COEGates
import COEHistory
import COEProcess
import COEWorkspace
import Foundation
import GitKit
import Testing
import TestSupport

/// One history, judged by the four places that enforce the process: the workflow (before it commits),
/// the gates (pre-push, and `coe check` on the range), `coe audit` (after the fact), and the counting of
/// `coe show` and `coe comments`. Each history is built with real commits, identities and dates to tell
/// them apart where they used to disagree; all four must now say the same, with the same rule ID.
final class AgreementRepository {
    let fixture: GitFixture
    var path: String { fixture.path }
    let folder = "coes/\(exampleCOEID)"
    /// The first commit (the COE added as a draft): the base of the range the gates check.
    private(set) var base = ""

    static let casey = "Casey Author <casey@example.com>"
    static let caseyAtHome = "Casey Author <casey@home.example>"
    static let rae = "Rae Reviewer <rae@example.com>"
    static let sam = "Sam Second <sam@example.com>"
    static let bea = "Bea Barraiser <bea@example.com>"

    init(config: String? = nil, severity: String = "SEV-2", reviewers: String = testReviewers) throws {
        fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/" + folder, reviewers: reviewers)
        try edit("coe.yaml", "status: closed", "status: draft")
        try edit("coe.yaml", "severity: SEV-2", "severity: \(severity)")
        if let config { try fixture.write(".coe.yaml", config) }
        base = try commit("Add the COE", as: Self.casey, at: "2026-11-01T09:00:00Z")
    }

    static func identity(_ person: String, _ date: String) -> [String: String] {
        let who = Person(person)
        return GitFixture.identity(name: who.name, email: who.email, date: date)
    }

    func edit(_ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old), "\(file) holds \(old)")
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    /// Runs `coe` as `person` at `date`.
    @discardableResult
    func coe(_ arguments: [String], as person: String, at date: String) throws -> ProcessResult {
        try TestSupport.coe(arguments, in: path, environment: Self.identity(person, date))
    }

    /// Commits everything with git, as `person` at `date` (what someone does to get past the workflow).
    @discardableResult
    func commit(_ message: String, as person: String, at date: String) throws -> String {
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", message], environment: Self.identity(person, date))
        return try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An approval record of the content as the work tree has it, written by hand as `coe approve` writes one.
    func writeApproval(as person: String, at date: String) throws {
        let repository = try Repository.discover(from: path)
        let hash = try ContentHash.of(directory: folder, in: WorkingTreeSource(root: path), repository: repository)
        let id = try #require(Timestamp(date)).compactUTC + "-0123456789"
        try fixture.write("\(folder)/review/\(id).yaml", "kind: approval\nauthor: \(person)\nat: \(date)\ncontent_hash: \(hash)\n")
    }

    /// What the gates find: pre-push for every commit the (absent) remote lacks, and `coe check` on the
    /// range after the first commit.
    func gates() throws -> (prePush: [Diagnostic], check: RangeCheck.Result) {
        let workspace = try Workspace(at: path)
        let head = try #require(try workspace.repository.head())
        let update = RefUpdate(ref: "refs/heads/main", old: nil, new: head)
        let prePush = try Hooks.prePush(workspace: workspace, remote: nil, updates: [update])
        let now = try #require(Timestamp("2026-12-01T00:00:00Z")).seconds
        let check = try RangeCheck.run(repository: workspace.repository, base: base, head: "HEAD", now: now)
        return (prePush.results.flatMap(\.findings), check)
    }

    /// The audit's violations over the whole history.
    func audit() throws -> [Audit.Violation] {
        let workspace = try Workspace(at: path)
        let report = try Audit.run(from: try #require(try workspace.repository.head()), root: workspace.root,
                                   configuration: workspace.configuration, in: workspace.repository)
        return report.coes.flatMap(\.violations)
    }

    /// What `coe show --format json` and `coe comments --format json` say of the approvals.
    func counted() throws -> (show: [String: Any], comments: [String: Any]) {
        let show = try TestSupport.coe(["show", "k7qm", "--format", "json"], in: path)
        let comments = try TestSupport.coe(["comments", "k7qm", "--format", "json"], in: path)
        #expect(show.status == 0 && comments.status == 0, "\(show.stderr)\(comments.stderr)")
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        let review = try #require(shown?["review"] as? [String: Any])
        let thread = try #require(try JSONSerialization.jsonObject(with: Data(comments.stdout.utf8)) as? [String: Any])
        return (review, thread)
    }

    func status() throws -> String {
        try fixture.scratch.read("\(folder)/coe.yaml").split(separator: "\n").first { $0.hasPrefix("status:") }.map(String.init) ?? ""
    }
}

@Suite struct AgreementTests {
    /// The findings of one rule, as text.
    func messages(_ findings: [Diagnostic], _ rule: String) -> [String] { findings.filter { $0.rule == rule }.map(\.message) }

    /// (a) The COE's author approves under the same name from another e-mail address. The audit used to
    /// compare the creator's e-mail only and let it pass; `coe show` and `coe comments` counted it.
    @Test func theAuthorApprovingFromAnotherAddressIsRefusedEverywhere() throws {
        let repo = try AgreementRepository()
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        let refused = try repo.coe(["approve", "k7qm"], as: AgreementRepository.caseyAtHome, at: "2026-11-02T11:00:00Z")
        #expect(refused.status == 1 && refused.stderr.contains("[P3] Casey Author created"), "\(refused.stderr)")

        // Past the workflow: the record and the move written by hand, committed from the other address.
        try repo.writeApproval(as: AgreementRepository.caseyAtHome, at: "2026-11-02T11:00:00Z")
        try repo.edit("coe.yaml", "status: review", "status: approved")
        let approval = try repo.commit("Approve", as: AgreementRepository.caseyAtHome, at: "2026-11-02T11:00:00Z")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let p3 = messages(findings, "P3")
            let refusal = "Casey Author created \(exampleCOEID); a COE is approved by someone other than its author"
            #expect(p3.contains { $0.hasPrefix(refusal) }, "\(p3)")
            #expect(p3.contains { $0.hasPrefix("moved to approved, but 1 more approval needed") }, "\(p3)")
        }
        #expect(check.summaries.first?.approvals == 0)
        let violations = try repo.audit()
        let p3 = violations.filter { $0.rule == "P3" && $0.commit?.hex == approval }
        #expect(p3.contains { $0.message.contains("Casey Author created") }, "\(violations)")

        // SARIF names the rule: the process rules are among its rules (they used to be reported as `format`).
        let sarif = try TestSupport.coe(["check", "--base", repo.base, "--head", "HEAD", "--format", "sarif"], in: repo.path)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        let p3Index = try #require(rules.firstIndex { $0["id"] as? String == "P3" })
        #expect(sarif.status == 1 && results.contains { $0["ruleId"] as? String == "P3" && $0["ruleIndex"] as? Int == p3Index })
        #expect(!results.contains { $0["ruleId"] as? String == "format" }, "\(results)")

        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 0 && show["approvals_not_counted"] as? Int == 1, "\(show)")
        let approvals = try #require(comments["approvals"] as? [[String: Any]])
        #expect(approvals.count == 1 && approvals[0]["counts"] as? Bool == false, "\(approvals)")
        #expect((approvals[0]["not_counted"] as? String)?.contains("Casey Author created") == true)
    }

    /// (b) An approval of content edited since: publishing it. The workflow refused; the gates did not
    /// look at a move to published at all (only a P7 warning at the tip); the audit saw nothing.
    @Test func anApprovalOfOlderContentDoesNotPublishAnywhere() throws {
        let repo = try AgreementRepository()
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try repo.coe(["approve", "k7qm"], as: AgreementRepository.rae, at: "2026-11-02T11:00:00Z").status == 0)
        #expect(try repo.status() == "status: approved")
        try repo.edit("summary.md", "Between 09:12", "From 09:12")
        try repo.commit("Reword the summary", as: AgreementRepository.casey, at: "2026-11-02T12:00:00Z")
        let refused = try repo.coe(["status", "k7qm", "published"], as: AgreementRepository.casey, at: "2026-11-02T12:10:00Z")
        #expect(refused.status == 1 && refused.stderr.contains("[P3] moved to published, but 1 more approval needed"), "\(refused.stderr)")

        try repo.edit("coe.yaml", "status: approved", "status: published")
        let publish = try repo.commit("Publish", as: AgreementRepository.casey, at: "2026-11-02T12:20:00Z")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let p3 = messages(findings, "P3")
            #expect(p3.contains { $0.hasPrefix("moved to published, but 1 more approval needed (1 approval was given to content") }, "\(p3)")
            #expect(findings.contains { $0.rule == "P7" && $0.level == .warning })
        }
        #expect(check.summaries.first?.approvals == 0)
        #expect(try repo.audit().contains { $0.rule == "P3" && $0.commit?.hex == publish && $0.message.hasPrefix("moved to published") })

        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 0 && show["approvals_void"] as? Int == 1, "\(show)")
        #expect((comments["approvals"] as? [[String: Any]])?.map { $0["counts"] as? Bool } == [false])
    }

    /// (b) The same, moved to approved: with two approvals required, one of older content does not count.
    @Test func anApprovalOfOlderContentDoesNotApproveAnywhere() throws {
        let repo = try AgreementRepository(config: "review:\n  approvals: 2\n")
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try repo.coe(["approve", "k7qm"], as: AgreementRepository.rae, at: "2026-11-02T11:00:00Z").status == 0)
        try repo.edit("summary.md", "Between 09:12", "From 09:12")
        try repo.commit("Reword the summary", as: AgreementRepository.casey, at: "2026-11-02T12:00:00Z")
        // The workflow counts Sam's approval alone: the COE stays in review.
        let second = try repo.coe(["approve", "k7qm"], as: AgreementRepository.sam, at: "2026-11-02T12:10:00Z")
        #expect(second.status == 0 && second.stdout.contains("approvals of this content: 1 of 2"), "\(second.stdout)")
        #expect(try repo.status() == "status: review")

        try repo.edit("coe.yaml", "status: review", "status: approved")
        let approve = try repo.commit("Approve", as: AgreementRepository.sam, at: "2026-11-02T12:20:00Z")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let p3 = messages(findings, "P3")
            #expect(p3.contains { $0.hasPrefix("moved to approved, but 1 more approval needed (1 approval was given to content") }, "\(p3)")
        }
        #expect(check.summaries.first?.approvals == 1)
        #expect(try repo.audit().contains { $0.rule == "P3" && $0.commit?.hex == approve })
        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 1 && show["approvals_void"] as? Int == 1, "\(show)")
        #expect((comments["approvals"] as? [[String: Any]])?.map { $0["counts"] as? Bool } == [false, true])
        #expect(comments["still_needed"] as? [String] == ["1 more approval needed"])
    }

    /// (c) A SEV-1 with bar raisers configured, approved without one: the workflow kept it in review and
    /// refuses to publish it, the gates and the audit report the move to approved.
    @Test func aSEV1ApprovedWithoutABarRaiserIsNotApprovedAnywhere() throws {
        let repo = try AgreementRepository(config: "review:\n  bar_raisers: [bea@example.com]\n", severity: "SEV-1")
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        let approved = try repo.coe(["approve", "k7qm"], as: AgreementRepository.rae, at: "2026-11-02T11:00:00Z")
        #expect(approved.status == 0 && approved.stdout.contains("a SEV-1 needs a bar raiser's approval"), "\(approved.stdout)")
        #expect(try repo.status() == "status: review")

        try repo.edit("coe.yaml", "status: review", "status: approved")
        let move = try repo.commit("Approve", as: AgreementRepository.rae, at: "2026-11-02T11:10:00Z")
        let refused = try repo.coe(["status", "k7qm", "published"], as: AgreementRepository.casey, at: "2026-11-02T11:20:00Z")
        #expect(refused.status == 1 && refused.stderr.contains("[P3]") && refused.stderr.contains("bar raiser"), "\(refused.stderr)")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let p3 = messages(findings, "P3")
            #expect(p3.contains { $0.hasPrefix("moved to approved, but a SEV-1 needs a bar raiser's approval") }, "\(p3)")
        }
        #expect(check.summaries.first?.stillNeeded == ["a SEV-1 needs a bar raiser's approval (bea@example.com)"])
        #expect(try repo.audit().contains { $0.rule == "P3" && $0.commit?.hex == move && $0.message.contains("bar raiser") })
        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 1, "\(show)")
        #expect(show["still_needed"] as? [String] == ["a SEV-1 needs a bar raiser's approval (bea@example.com)"])
        #expect(comments["still_needed"] as? [String] == ["a SEV-1 needs a bar raiser's approval (bea@example.com)"])
    }

    /// (c) The near miss: the bar raiser approves too. Nothing anywhere.
    @Test func aSEV1ApprovedByABarRaiserPassesEverywhere() throws {
        let repo = try AgreementRepository(config: "review:\n  bar_raisers: [bea@example.com]\n", severity: "SEV-1")
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try repo.coe(["approve", "k7qm"], as: AgreementRepository.rae, at: "2026-11-02T11:00:00Z").status == 0)
        #expect(try repo.coe(["approve", "k7qm"], as: AgreementRepository.bea, at: "2026-11-02T11:10:00Z").status == 0)
        #expect(try repo.status() == "status: approved")
        let published = try repo.coe(["status", "k7qm", "published"], as: AgreementRepository.casey, at: "2026-11-02T11:20:00Z")
        #expect(published.status == 0, "\(published.stderr)")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let process = findings.filter { ($0.rule ?? "").hasPrefix("P") }
            #expect(process.isEmpty, "\(process)")
        }
        #expect(check.summaries.first?.approvals == 2 && check.summaries.first?.stillNeeded == [])
        #expect(try repo.audit().isEmpty)
        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 2 && show["still_needed"] as? [String] == [], "\(show)")
        #expect((comments["approvals"] as? [[String: Any]])?.map { $0["counts"] as? Bool } == [true, true])
    }

    /// (d) The COE names its reviewers (issue 14): someone it does not name approves. The workflow used to
    /// count it and move the COE to approved, and then refused the named reviewer; now only the people the
    /// COE names count, everywhere.
    @Test func anApproverTheCOEDoesNotNameCountsNowhere() throws {
        let repo = try AgreementRepository(reviewers: "[rae@example.com]")
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        let refused = try repo.coe(["approve", "k7qm"], as: AgreementRepository.sam, at: "2026-11-02T11:00:00Z")
        let reason = "sam@example.com is not among \(exampleCOEID)'s reviewers (reviewers: rae@example.com)"
        #expect(refused.status == 1 && refused.stderr.contains("[P3] \(reason)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ask a listed reviewer (rae@example.com)"), "\(refused.stderr)")
        #expect(try repo.status() == "status: review")

        // Past the workflow: Sam's approval and the move written by hand.
        try repo.writeApproval(as: AgreementRepository.sam, at: "2026-11-02T11:00:00Z")
        try repo.edit("coe.yaml", "status: review", "status: approved")
        let approval = try repo.commit("Approve", as: AgreementRepository.sam, at: "2026-11-02T11:00:00Z")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            let p3 = messages(findings, "P3")
            #expect(p3.contains { $0.hasPrefix(reason) }, "\(p3)")
            #expect(p3.contains { $0.hasPrefix("moved to approved, but 1 more approval needed") }, "\(p3)")
        }
        #expect(check.summaries.first?.approvals == 0)
        #expect(try repo.audit().contains { $0.rule == "P3" && $0.commit?.hex == approval && $0.message.hasPrefix(reason) })
        let (show, comments) = try repo.counted()
        #expect(show["approvals_counting"] as? Int == 0 && show["approvals_not_counted"] as? Int == 1, "\(show)")
        let approvals = try #require(comments["approvals"] as? [[String: Any]])
        #expect(approvals.count == 1 && (approvals[0]["not_counted"] as? String)?.hasPrefix(reason) == true, "\(approvals)")
    }

    /// (d) Both lists name reviewers: the COE's list narrows the configured one, so a configured reviewer
    /// the COE does not name is refused, and a person the COE names but the configuration does not is too.
    @Test func withBothListsOnlyThePeopleOnBothCount() throws {
        let config = "review:\n  reviewers: [rae@example.com, sam@example.com]\n"
        let repo = try AgreementRepository(config: config, reviewers: "[rae@example.com, bea@example.com]")
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        let sam = try repo.coe(["approve", "k7qm"], as: AgreementRepository.sam, at: "2026-11-02T11:00:00Z")
        #expect(sam.status == 1 && sam.stderr.contains("[P3] sam@example.com is not among"), "\(sam.stderr)")
        let bea = try repo.coe(["approve", "k7qm"], as: AgreementRepository.bea, at: "2026-11-02T11:00:00Z")
        #expect(bea.status == 1 && bea.stderr.contains("[P3] bea@example.com is not a reviewer in .coe.yaml"), "\(bea.stderr)")
        #expect(try repo.coe(["approve", "k7qm"], as: AgreementRepository.rae, at: "2026-11-02T11:10:00Z").status == 0)
        #expect(try repo.status() == "status: approved")
        let (prePush, check) = try repo.gates()
        #expect(prePush.filter { ($0.rule ?? "").hasPrefix("P") }.isEmpty && check.summaries.first?.approvals == 1)
        #expect(try repo.audit().isEmpty)
    }

    /// (e) The author resolves a reviewer's request for changes with "Disagree." (issue 14). The workflow
    /// refuses it (P10); written by hand and committed, the gates and the audit report it with the same ID.
    @Test func theAuthorResolvingARequestForChangesIsRefusedEverywhere() throws {
        let repo = try AgreementRepository()
        #expect(try repo.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        let asked = try repo.coe(["request-changes", "k7qm", "-m", "Go on to the process."], as: AgreementRepository.rae,
                                 at: "2026-11-01T12:00:00Z")
        #expect(asked.status == 0, "\(asked.stderr)")
        let refused = try repo.coe(["resolve", "k7qm", "2026", "-m", "Disagree."], as: AgreementRepository.casey,
                                   at: "2026-11-01T13:00:00Z")
        let reason = "Casey Author resolved Rae Reviewer's request for changes"
        #expect(refused.status == 1 && refused.stderr.contains("[P10] \(reason)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ask Rae Reviewer to resolve it"), "\(refused.stderr)")

        // Past the workflow: the resolution written by hand, as coe resolve writes one.
        let comments = try TestSupport.coe(["comments", "k7qm", "--format", "json"], in: repo.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(comments.stdout.utf8)) as? [String: Any])
        let thread = try #require((object["comments"] as? [[String: Any]])?.first?["id"] as? String)
        try repo.fixture.write("\(repo.folder)/review/20261101T130000Z-0123456789.yaml",
                               "kind: resolution\nauthor: \(AgreementRepository.casey)\nat: 2026-11-01T13:00:00Z\n"
                                   + "reply_to: \(thread)\ntext: Disagree.\n")
        let resolution = try repo.commit("Resolve", as: AgreementRepository.casey, at: "2026-11-01T13:00:00Z")

        let (prePush, check) = try repo.gates()
        for findings in [prePush, check.report.results.flatMap(\.findings)] {
            #expect(messages(findings, "P10").contains { $0.hasPrefix(reason) }, "\(findings)")
        }
        #expect(try repo.audit().contains { $0.rule == "P10" && $0.commit?.hex == resolution && $0.message.hasPrefix(reason) })

        // The near miss: Rae resolves her own request; nothing anywhere.
        let clean = try AgreementRepository()
        #expect(try clean.coe(["submit", "k7qm"], as: AgreementRepository.casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try clean.coe(["request-changes", "k7qm", "-m", "Go on."], as: AgreementRepository.rae, at: "2026-11-01T12:00:00Z").status == 0)
        let own = try clean.coe(["resolve", "k7qm", "2026", "-m", "Done."], as: AgreementRepository.rae, at: "2026-11-01T13:00:00Z")
        #expect(own.status == 0, "\(own.stderr)")
        let (cleanPush, cleanCheck) = try clean.gates()
        #expect(messages(cleanPush + cleanCheck.report.results.flatMap(\.findings), "P10").isEmpty)
        #expect(try clean.audit().isEmpty)
    }
}
