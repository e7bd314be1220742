import Foundation
import Testing
import TestSupport

/// Issue 14's review rules, run as a reviewer meets them: the built `coe`, a real repository, real
/// commits by real identities at set dates.
@Suite struct ReviewRulesTests {
    static let casey = GitFixture.identity(name: "Casey Author", email: "casey@example.com", date: "2026-11-01T09:00:00Z")
    let folder = "coes/\(exampleCOEID)"

    func person(_ name: String, _ email: String, _ date: String) -> [String: String] {
        GitFixture.identity(name: name, email: email, date: date)
    }
    func casey(_ date: String) -> [String: String] { person("Casey Author", "casey@example.com", date) }
    func rae(_ date: String) -> [String: String] { person("Rae Reviewer", "rae@example.com", date) }
    func sam(_ date: String) -> [String: String] { person("Sam Second", "sam@example.com", date) }

    /// The example COE as a draft naming `reviewers`, committed by its author, and submitted.
    func submitted(reviewers: String = testReviewers) throws -> GitFixture {
        let fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/" + folder, reviewers: reviewers)
        let yaml = try fixture.scratch.read("\(folder)/coe.yaml")
        try fixture.write("\(folder)/coe.yaml", yaml.replacingOccurrences(of: "status: closed", with: "status: draft"))
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "Add the COE"], environment: Self.casey)
        let submit = try coe(["submit", "k7qm"], in: fixture.path, environment: casey("2026-11-01T10:00:00Z"))
        #expect(submit.status == 0, "\(submit.stderr)")
        return fixture
    }

    /// 1. Someone the COE does not name approves: refused; the named reviewer then approves.
    @Test func theCOEsOwnReviewersDecideWhoseApprovalsCount() throws {
        let fixture = try submitted(reviewers: "[rae@example.com]")
        let outsider = try coe(["approve", "k7qm"], in: fixture.path, environment: sam("2026-11-02T11:00:00Z"))
        #expect(outsider.status == 1 && outsider.stderr.contains("[P3] sam@example.com is not among"), "\(outsider.stderr)")
        let named = try coe(["approve", "k7qm"], in: fixture.path, environment: rae("2026-11-02T11:10:00Z"))
        #expect(named.status == 0 && named.stdout.contains("review → approved"), "\(named.stdout)\(named.stderr)")
    }

    /// 2. The author replies but cannot resolve a reviewer's request for changes; the reviewer can.
    @Test func theAuthorRepliesAndTheReviewerResolves() throws {
        let fixture = try submitted()
        #expect(try coe(["request-changes", "k7qm", "-m", "Go on to the process."], in: fixture.path,
                        environment: rae("2026-11-01T12:00:00Z")).status == 0)
        let reply = try coe(["reply", "k7qm", "2026", "-m", "Disagree."], in: fixture.path, environment: casey("2026-11-01T13:00:00Z"))
        #expect(reply.status == 0, "\(reply.stderr)")
        let resolve = try coe(["resolve", "k7qm", "2026", "-m", "Disagree."], in: fixture.path, environment: casey("2026-11-01T13:05:00Z"))
        #expect(resolve.status == 1 && resolve.stderr.contains("[P10]") && resolve.stderr.contains("ask Rae Reviewer"), "\(resolve.stderr)")
        let own = try coe(["resolve", "k7qm", "2026", "-m", "Fine."], in: fixture.path, environment: rae("2026-11-01T14:00:00Z"))
        #expect(own.status == 0, "\(own.stderr)")
    }

    /// 3. Every reason at once, each with its rule ID, and hints that are next steps from where the COE is:
    /// an approved COE is never told to `coe submit`, a draft is told to submit before approving.
    @Test func refusalsListEveryReasonWithANextStepFromTheCurrentState() throws {
        let fixture = try submitted()
        #expect(try coe(["comment", "k7qm", "-m", "Which region?"], in: fixture.path, environment: rae("2026-11-01T12:00:00Z")).status == 0)
        let early = try coe(["approve", "k7qm"], in: fixture.path, environment: casey("2026-11-01T13:00:00Z"))
        let lines = early.stderr.split(separator: "\n").map(String.init)
        #expect(early.status == 1 && lines.first?.hasSuffix("refused: 3 reasons:") == true, "\(early.stderr)")
        #expect(lines.dropFirst().map { String($0.prefix(6)) } == ["  [P2]", "  [P3]", "  [P4]"], "\(early.stderr)")

        #expect(try coe(["resolve", "k7qm", "2026", "-m", "EU."], in: fixture.path, environment: rae("2026-11-02T10:00:00Z")).status == 0)
        #expect(try coe(["approve", "k7qm"], in: fixture.path, environment: rae("2026-11-02T11:00:00Z")).status == 0)
        for command in [["submit", "k7qm"], ["withdraw", "k7qm"], ["status", "k7qm", "closed"], ["status", "k7qm", "draft"]] {
            let refused = try coe(command, in: fixture.path, environment: casey("2026-11-02T12:00:00Z"))
            #expect(refused.status == 1 && refused.stderr.contains("[P1]"), "\(command): \(refused.stderr)")
            #expect(!refused.stderr.contains("coe submit"), "an approved COE is told to submit: \(refused.stderr)")
            #expect(refused.stderr.contains("coe status \(exampleCOEID) published"), "\(refused.stderr)")
        }
    }

    /// 3. A draft moved straight to published: P1 and P3, and the hint starts from the draft.
    @Test func aDraftIsToldToSubmitBeforeAnyoneApproves() throws {
        let fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/" + folder)
        let yaml = try fixture.scratch.read("\(folder)/coe.yaml")
        try fixture.write("\(folder)/coe.yaml", yaml.replacingOccurrences(of: "status: closed", with: "status: draft"))
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "Add the COE"], environment: Self.casey)
        let refused = try coe(["status", "k7qm", "published"], in: fixture.path, environment: casey("2026-11-01T10:00:00Z"))
        #expect(refused.status == 1 && refused.stderr.contains("[P1]") && refused.stderr.contains("[P3]"), "\(refused.stderr)")
        #expect(refused.stderr.contains("allowed: draft → review (coe submit \(exampleCOEID))"), "\(refused.stderr)")
        #expect(refused.stderr.contains("coe submit \(exampleCOEID) first, then ask"), "\(refused.stderr)")
    }

    /// 4. A comment on a line past the end of its part's file is refused, and on a line that exists accepted.
    @Test func commentsPointAtLinesThatExist() throws {
        let fixture = try submitted()
        let lines = try fixture.scratch.read("\(folder)/impact.md").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let past = try coe(["comment", "k7qm", "--part", "impact", "--line", "99", "-m", "Which?"], in: fixture.path,
                           environment: rae("2026-11-01T12:00:00Z"))
        #expect(past.status == 2 && past.stderr.contains("impact.md has \(lines) lines; --line 99 is not one of them"), "\(past.stderr)")
        let folderPart = try coe(["comment", "k7qm", "--part", "actions", "--line", "1", "-m", "Which?"], in: fixture.path,
                                 environment: rae("2026-11-01T12:00:00Z"))
        #expect(folderPart.status == 2 && folderPart.stderr.contains("is a folder"), "\(folderPart.stderr)")
        let last = try coe(["comment", "k7qm", "--part", "impact", "--line", String(lines), "-m", "Which?"], in: fixture.path,
                           environment: rae("2026-11-01T12:00:00Z"))
        #expect(last.status == 0, "\(last.stderr)")
    }

    /// 5. Commands that change state need 4 characters of the random part; reading commands do not.
    @Test func stateChangingCommandsNeedFourCharactersOfTheRandomPart() throws {
        let fixture = try submitted()
        for reference in ["k", "k7q", "2026-10-14-k7"] {
            let short = try coe(["comment", reference, "-m", "Hm."], in: fixture.path, environment: rae("2026-11-01T12:00:00Z"))
            #expect(short.status == 2 && short.stderr.contains("at least 4 characters of the random part"), "\(reference): \(short.stderr)")
        }
        #expect(try coe(["show", "k"], in: fixture.path).status == 0, "reading commands accept a shorter unique prefix")
        #expect(try coe(["comments", "k7"], in: fixture.path).status == 0)
        for reference in ["k7qm", "2026-10-14-k7qm", exampleCOEID, folder] {
            let named = try coe(["comment", reference, "-m", "Fine."], in: fixture.path, environment: rae("2026-11-01T12:00:00Z"))
            #expect(named.status == 0, "\(reference): \(named.stderr)")
        }
    }
}
