import COEFormat
import COEProcess
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEWorkflow

/// A repository with the example COE as a draft, committed by its author, and people to review it.
final class ReviewRepository {
    let fixture: GitFixture
    var path: String { fixture.path }
    let folder = "coes/\(exampleCOEID)"

    enum Person: String {
        case casey = "Casey Author", rae = "Rae Reviewer", sam = "Sam Second", bea = "Bea Barraiser"
        var email: String { "\(rawValue.split(separator: " ")[0].lowercased())@example.com" }
    }

    init(config: String? = nil) throws {
        fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/" + folder)
        try edit("coe.yaml", "status: closed", "status: draft")
        if let config { try fixture.write(".coe.yaml", config) }
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "Add the COE"], environment: GitFixture.identity(name: Person.casey.rawValue, email: Person.casey.email,
                                                                                                  date: "2026-11-01T09:00:00Z"))
    }

    func edit(_ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old), "\(file) holds \(old)")
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    /// Runs `coe` as `person` at `date` (both the author and the committer date, as a script would set them).
    @discardableResult
    func coe(_ arguments: [String], as person: Person = .casey, at date: String = "2026-11-01T10:00:00Z") throws -> ProcessResult {
        try TestSupport.coe(arguments, in: path, environment: GitFixture.identity(name: person.rawValue, email: person.email, date: date))
    }

    var head: String { (try? fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? "" }

    func trailers(_ revision: String = "HEAD") throws -> [String] {
        try fixture.git(["log", "-1", "--format=%(trailers:only,unfold)", revision]).split(separator: "\n").map(String.init)
    }

    func status() throws -> String {
        try fixture.scratch.read("\(folder)/coe.yaml").split(separator: "\n").first { $0.hasPrefix("status:") }.map(String.init) ?? ""
    }
}

@Suite struct WorkflowTests {
    @Test func theLifecycleIsCommitsWithTrailersAndTheRulesHold() throws {
        let repo = try ReviewRepository()
        // P1: draft cannot jump to published; the allowed moves are listed.
        let jump = try repo.coe(["status", "k7qm", "published"])
        #expect(jump.status == 1 && jump.stderr.contains("[P1]") && jump.stderr.contains("draft → review"), "\(jump.stderr)")

        let submitted = try repo.coe(["submit", "k7qm"], at: "2026-11-01T10:00:00Z")
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(try repo.trailers() == ["COE-Id: \(exampleCOEID)", "COE-Status: draft -> review"])
        #expect(try repo.status() == "status: review")
        #expect(try repo.fixture.git(["show", "--format=", "--name-only", "HEAD"]) == "\(repo.folder)/coe.yaml\n", "only the status changed")
        #expect(try repo.fixture.git(["log", "-1", "--format=%an <%ae> %aI %cI"]) == "Casey Author <casey@example.com> 2026-11-01T10:00:00Z 2026-11-01T10:00:00Z\n".replacingOccurrences(of: "Z", with: "+00:00"))

        // A comment blocks approval until resolved (P4).
        let comment = try repo.coe(["comment", "k7qm", "--part", "impact", "--line", "2", "-m", "Which region?"], as: .rae, at: "2026-11-01T12:00:00Z")
        #expect(comment.status == 0, "\(comment.stderr)")
        let trailers = try repo.trailers()
        #expect(trailers.first == "COE-Id: \(exampleCOEID)" && trailers.count == 2 && trailers[1].hasPrefix("COE-Comment: 20261101T120000Z-"))
        let commentID = String(trailers[1].dropFirst("COE-Comment: ".count))
        #expect(FileManager.default.fileExists(atPath: "\(repo.path)/\(repo.folder)/review/\(commentID).yaml"))

        // P2 both ways: 23 h after entering review is refused with the time approval becomes possible; 25 h is accepted.
        let early = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-02T09:00:00Z")
        #expect(early.status == 1 && early.stderr.contains("[P2]") && early.stderr.contains("approvable after 2026-11-02 10:00 UTC, in 1 h"), "\(early.stderr)")
        let openBefore = try repo.coe(["comments", "k7qm", "--open"])
        #expect(openBefore.stdout.contains(commentID) && openBefore.stdout.contains("1 comment, 1 open"), "\(openBefore.stdout)")
        let blocked = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(blocked.status == 1 && blocked.stderr.contains("[P4]") && blocked.stderr.contains(commentID), "\(blocked.stderr)")
        let reply = try repo.coe(["reply", "k7qm", String(commentID.prefix(20)), "-m", "EU only; see impact.md."], at: "2026-11-02T11:10:00Z")
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(try repo.trailers().contains("COE-Reply-To: \(commentID)"))
        // P10: the author answers, the reviewer who asked decides the answer is enough.
        let byAuthor = try repo.coe(["resolve", "k7qm", commentID, "-m", "Disagree."], at: "2026-11-02T11:15:00Z")
        #expect(byAuthor.status == 1 && byAuthor.stderr.contains("[P10] Casey Author is the author of"), "\(byAuthor.stderr)")
        let resolved = try repo.coe(["resolve", "k7qm", commentID, "-m", "impact.md names the region."], as: .rae,
                                    at: "2026-11-02T11:20:00Z")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try repo.trailers().contains("COE-Resolves: \(commentID)"))
        #expect(!(try repo.coe(["comments", "k7qm", "--open"])).stdout.contains(commentID), "a resolved comment is not listed with --open")
        let again = try repo.coe(["resolve", "k7qm", commentID], at: "2026-11-02T11:21:00Z")
        #expect(again.status == 2 && again.stderr.contains("already resolved"))

        // P3: the author cannot approve.
        let selfApproval = try repo.coe(["approve", "k7qm"], as: .casey, at: "2026-11-02T11:30:00Z")
        #expect(selfApproval.status == 1 && selfApproval.stderr.contains("[P3]"), "\(selfApproval.stderr)")

        let approved = try repo.coe(["approve", "k7qm", "-m", "Thorough."], as: .rae, at: "2026-11-02T11:40:00Z")
        #expect(approved.status == 0, "\(approved.stderr)")
        let approval = try repo.trailers()
        #expect(approval.contains("COE-Status: review -> approved") && approval.contains { $0.hasPrefix("COE-Approval: 20261102T114000Z-") }
                && approval.contains { $0.hasPrefix("COE-Content: ") })
        #expect(try repo.status() == "status: approved")

        // An edit after approval voids it: publishing is refused until someone approves again.
        try repo.edit("summary.md", "Between 09:12", "From 09:12")
        try repo.fixture.git(["commit", "-q", "-am", "Reword the summary"], environment: GitFixture.identity(name: "Casey Author", email: "casey@example.com", date: "2026-11-02T12:00:00Z"))
        let show = try repo.coe(["show", "k7qm"])
        #expect(show.stdout.contains("1 void: the content changed after approval"), "\(show.stdout)")
        #expect(try voided(repo) == true, "coe audit says the approval is void")
        let publish = try repo.coe(["status", "k7qm", "published"], at: "2026-11-02T12:10:00Z")
        #expect(publish.status == 1 && publish.stderr.contains("approve again"), "\(publish.stderr)")
        let reapproved = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-02T12:20:00Z")
        #expect(reapproved.status == 0, "\(reapproved.stderr)")
        #expect(try voided(repo) == false)
        #expect(try repo.coe(["status", "k7qm", "published"], at: "2026-11-02T12:30:00Z").status == 0)

        // P6: closing needs every action done.
        try repo.edit("actions/A3.yaml", "status: done", "status: in-progress")
        try repo.fixture.git(["commit", "-q", "-am", "Reopen A3"], environment: GitFixture.identity(name: "Casey Author", email: "casey@example.com", date: "2026-11-03T09:00:00Z"))
        let close = try repo.coe(["status", "k7qm", "closed"], at: "2026-11-03T10:00:00Z")
        #expect(close.status == 1 && close.stderr.contains("[P6]") && close.stderr.contains("A3 (in-progress)"), "\(close.stderr)")
        try repo.edit("actions/A3.yaml", "status: in-progress", "status: done")
        try repo.fixture.git(["commit", "-q", "-am", "A3 done"], environment: GitFixture.identity(name: "Casey Author", email: "casey@example.com", date: "2026-11-03T11:00:00Z"))
        #expect(try repo.coe(["status", "k7qm", "closed"], at: "2026-11-03T12:00:00Z").status == 0)

        // The whole record reads back, and the history shows it in the COE's own terms.
        let comments = try repo.coe(["comments", "k7qm", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(comments.stdout.utf8)) as? [String: Any])
        #expect((object["comments"] as? [[String: Any]])?.first?["open"] as? Bool == false)
        #expect((object["approvals"] as? [[String: Any]])?.map { $0["counts"] as? Bool } == [false, true])
        let log = try repo.coe(["log", "k7qm"])
        #expect(log.stdout.contains("comment \(commentID) added: Which region?") && log.stdout.contains("comment \(commentID) resolved"))
        #expect(try repo.coe(["lint", "k7qm"]).status == 0, "the review record is part of a valid COE")
    }

    /// What `coe audit --format json` says of the COE's approval.
    func voided(_ repo: ReviewRepository) throws -> Bool? {
        let audit = try repo.coe(["audit", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any]
        return ((object?["coes"] as? [[String: Any]])?.first?["approval_voided"]) as? Bool
    }

    /// Every rule that refuses is listed at once, each with its ID, as the gates would report them.
    @Test func everyRuleThatRefusesIsListedAtOnce() throws {
        let repo = try ReviewRepository()
        let draft = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-01T09:30:00Z")
        #expect(draft.status == 1 && draft.stderr.contains("[P1] \(exampleCOEID) is a draft; only a COE in review is approved"), "\(draft.stderr)")
        #expect(try repo.coe(["submit", "k7qm"], at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try repo.coe(["comment", "k7qm", "-m", "Which region?"], as: .rae, at: "2026-11-01T11:00:00Z").status == 0)
        // The author, early, with a comment open: three rules refuse.
        let refused = try repo.coe(["approve", "k7qm"], as: .casey, at: "2026-11-01T12:00:00Z")
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(refused.status == 1 && lines.first?.hasSuffix("refused: 3 reasons:") == true, "\(refused.stderr)")
        #expect(lines.dropFirst().map { String($0.prefix(6)) } == ["  [P2]", "  [P3]", "  [P4]"], "\(refused.stderr)")
        #expect(try repo.status() == "status: review", "no commit was made")
        // Approving an approved COE whose approvals still count does nothing (it is not a rule's concern).
        #expect(try repo.coe(["resolve", "k7qm", "2026", "-m", "impact.md names it."], as: .rae, at: "2026-11-02T10:00:00Z").status == 0)
        #expect(try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
        let again = try repo.coe(["approve", "k7qm"], as: .sam, at: "2026-11-02T11:10:00Z")
        #expect(again.status == 2 && again.stderr.contains("there is nothing to approve"), "\(again.stderr)")
    }

    @Test func withoutTextTheEditorOpensAndItsGuidanceIsLeftOut() throws {
        let repo = try ReviewRepository()
        #expect(try repo.coe(["submit", "k7qm"]).status == 0)
        // An "editor" that writes a comment above the guidance lines coe put in the file.
        let editor = repo.path + "/../editor-\(UUID().uuidString).sh"
        try "#!/bin/sh\n{ printf 'Written in the editor.\\n\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        try run("/bin/chmod", ["+x", editor], in: repo.path)
        defer { try? FileManager.default.removeItem(atPath: editor) }
        var environment = GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com", date: "2026-11-01T11:00:00Z")
        environment["GIT_EDITOR"] = editor
        let result = try TestSupport.coe(["comment", "k7qm"], in: repo.path, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.fixture.git(["log", "-1", "--format=%b"]).hasPrefix("Written in the editor.\n\nCOE-Id:"))
        // An editor that leaves the text empty: nothing is done.
        environment["GIT_EDITOR"] = "true"
        let empty = try TestSupport.coe(["comment", "k7qm"], in: repo.path, environment: environment)
        #expect(empty.status == 2 && empty.stderr.contains("empty text"))
    }

    @Test func enteringReviewNeedsALintCleanCOE() throws {
        let repo = try ReviewRepository()
        try repo.fixture.write("\(repo.folder)/summary.md", "\n")
        try repo.fixture.git(["commit", "-q", "-am", "Empty the summary"], environment: GitFixture.identity())
        let submit = try repo.coe(["submit", "k7qm"])
        #expect(submit.status == 1 && submit.stderr.contains("not lint-clean") && submit.stderr.contains("summary.md"), "\(submit.stderr)")
        #expect(try repo.status() == "status: draft")
        #expect(try repo.fixture.git(["log", "-1", "--format=%s"]) == "Empty the summary\n", "no commit was made")
    }

    @Test func withdrawMovesBackAndAResubmitRestartsTheReviewPeriod() throws {
        let repo = try ReviewRepository()
        #expect(try repo.coe(["submit", "k7qm"], at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try repo.coe(["withdraw", "k7qm"], at: "2026-11-01T11:00:00Z").status == 0)
        #expect(try repo.trailers().contains("COE-Status: review -> draft"))
        #expect(try repo.coe(["submit", "k7qm"], at: "2026-11-02T09:00:00Z").status == 0)
        // 25 h after the first submission, but 2 h after the second: refused.
        let approve = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(approve.status == 1 && approve.stderr.contains("approvable after 2026-11-03 09:00 UTC"), "\(approve.stderr)")
    }

    @Test func configuredReviewersApprovalCountAndABarRaiserForSEV1() throws {
        let repo = try ReviewRepository(config: """
            review:
              approvals: 2
              reviewers: [rae@example.com, sam@example.com]
              bar_raisers: [bea@example.com]
            """)
        try repo.edit("coe.yaml", "severity: SEV-2", "severity: SEV-1")
        try repo.fixture.git(["commit", "-q", "-am", "SEV-1"], environment: GitFixture.identity(name: "Casey Author", email: "casey@example.com", date: "2026-11-01T09:30:00Z"))
        #expect(try repo.coe(["submit", "k7qm"], at: "2026-11-01T10:00:00Z").status == 0)
        let outsider = try repo.coe(["approve", "k7qm"], as: .casey, at: "2026-11-03T10:00:00Z")
        #expect(outsider.status == 1 && outsider.stderr.contains("[P3]"))
        let first = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-03T10:00:00Z")
        #expect(first.status == 0 && first.stdout.contains("1 of 2") && first.stdout.contains("1 more approval needed"), "\(first.stdout)")
        #expect(try repo.status() == "status: review")
        let twice = try repo.coe(["approve", "k7qm"], as: .rae, at: "2026-11-03T10:05:00Z")
        #expect(twice.status == 2 && twice.stderr.contains("already approved"))
        let second = try repo.coe(["approve", "k7qm"], as: .sam, at: "2026-11-03T10:10:00Z")
        #expect(second.status == 0 && second.stdout.contains("bar raiser"), "\(second.stdout)")
        #expect(try repo.status() == "status: review", "a SEV-1 waits for a bar raiser")
        let barRaiser = try repo.coe(["approve", "k7qm"], as: .bea, at: "2026-11-03T10:20:00Z")
        #expect(barRaiser.status == 0, "\(barRaiser.stderr)")
        #expect(try repo.status() == "status: approved")
    }

    @Test func theUsersStagedAndUnstagedWorkIsUntouched() throws {
        let repo = try ReviewRepository()
        // Staged and unstaged edits to other files, an untracked file, and a staged edit to another part of the same COE.
        try repo.fixture.write("README.md", "staged\n")
        try repo.fixture.git(["add", "README.md"])
        try repo.fixture.write("README.md", "staged\nand more, unstaged\n")
        try repo.fixture.write("notes.txt", "untracked\n")
        try repo.edit("impact.md", "EU", "European")
        try repo.fixture.git(["add", "\(repo.folder)/impact.md"])
        try repo.edit("lessons.yaml", "lesson:", "lesson:")
        try repo.fixture.write("\(repo.folder)/analysis.md", (try repo.fixture.scratch.read("\(repo.folder)/analysis.md")) + "\nUnstaged thought.\n")
        func snapshot() throws -> [String] {
            [try repo.fixture.git(["diff"]), try repo.fixture.git(["diff", "--cached"]), try repo.fixture.git(["status", "--porcelain"])]
        }
        let before = try snapshot()
        let steps: [([String], ReviewRepository.Person, String)] = [
            (["submit", "k7qm"], .casey, "2026-11-01T10:00:00Z"),
            (["comment", "k7qm", "-m", "A question."], .rae, "2026-11-01T11:00:00Z"),
            (["request-changes", "k7qm", "-m", "More detail."], .rae, "2026-11-01T11:30:00Z"),
            (["withdraw", "k7qm"], .casey, "2026-11-01T12:00:00Z"),
        ]
        for (arguments, person, date) in steps {
            let result = try repo.coe(arguments, as: person, at: date)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(try snapshot() == before, "after \(arguments.joined(separator: " "))")
        }
        // A status change when coe.yaml itself has uncommitted changes is refused, with nothing changed.
        try repo.edit("coe.yaml", "severity: SEV-2", "severity: SEV-3")
        let head = repo.head
        let refused = try repo.coe(["submit", "k7qm"], at: "2026-11-01T13:00:00Z")
        #expect(refused.status == 2 && refused.stderr.contains("coe.yaml has changes that are not committed"), "\(refused.stderr)")
        #expect(repo.head == head)
    }

    @Test func textThatCannotBeCommittedIsSavedAndCanBeSentAgain() throws {
        let repo = try ReviewRepository()
        #expect(try repo.coe(["submit", "k7qm"]).status == 0)
        try repo.fixture.git(["checkout", "-q", "--detach"])
        let failed = try repo.coe(["comment", "k7qm", "-m", "Words worth keeping."], as: .rae, at: "2026-11-01T11:00:00Z")
        #expect(failed.status == 2 && failed.stderr.contains("HEAD is detached"), "\(failed.stderr)")
        let saved = try #require(failed.stderr.split(separator: "\n").first { $0.contains("your text is saved in") }.map {
            String($0.split(separator: " ").last { $0.hasSuffix(".txt") } ?? "")
        })
        #expect(try String(contentsOfFile: saved, encoding: .utf8) == "Words worth keeping.")
        try repo.fixture.git(["checkout", "-q", "main"])
        let retried = try repo.coe(["comment", "k7qm", "--file", saved], as: .rae, at: "2026-11-01T11:05:00Z")
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try repo.fixture.git(["log", "-1", "--format=%b"]).contains("Words worth keeping."))

        // A rebase in progress: refused, text saved.
        try FileManager.default.createDirectory(atPath: repo.path + "/.git/rebase-merge", withIntermediateDirectories: true)
        let rebasing = try repo.coe(["comment", "k7qm", "-m", "During a rebase."], as: .rae, at: "2026-11-01T11:10:00Z")
        #expect(rebasing.status == 2 && rebasing.stderr.contains("rebase is in progress") && rebasing.stderr.contains("your text is saved in"), "\(rebasing.stderr)")
    }

    @Test func eightCommentsAtOnceAllLand() throws {
        let repo = try ReviewRepository()
        #expect(try repo.coe(["submit", "k7qm"]).status == 0)
        let before = Int(try repo.fixture.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        let results = ResultBox()
        let path = repo.path
        let identity = GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com", date: "2026-11-01T11:00:00Z")
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let result = try? TestSupport.coe(["comment", "k7qm", "-m", "Comment number \(index)."], in: path, environment: identity)
            results.add(result?.status ?? -1)
        }
        #expect(results.values.sorted() == Array(repeating: 0, count: 8))
        let after = Int(try repo.fixture.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(after == before + 8)
        let comments = try repo.coe(["comments", "k7qm", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(comments.stdout.utf8)) as? [String: Any])
        let texts = Set(((object["comments"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String })
        #expect(texts == Set((0..<8).map { "Comment number \($0)." }))
        #expect(try repo.fixture.git(["status", "--porcelain"]).isEmpty, "work tree and index match the commits")
    }

    @Test func commitsAreSignedWhenTheConfigurationAsks() throws {
        let repo = try ReviewRepository()
        let key = repo.path + "/../signing-key-\(UUID().uuidString)"
        try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "rae@example.com", "-f", key], in: repo.path)
        defer { try? FileManager.default.removeItem(atPath: key); try? FileManager.default.removeItem(atPath: key + ".pub") }
        try repo.fixture.git(["config", "gpg.format", "ssh"])
        try repo.fixture.git(["config", "user.signingkey", key])
        try repo.fixture.git(["config", "commit.gpgsign", "true"])
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.fixture.write(".git/allowed_signers", "rae@example.com \(publicKey)\n")
        try repo.fixture.git(["config", "gpg.ssh.allowedSignersFile", repo.path + "/.git/allowed_signers"])
        let submitted = try repo.coe(["submit", "k7qm"], as: .rae)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let verify = try run("/usr/bin/git", ["verify-commit", "HEAD"], in: repo.path)
        #expect(verify.status == 0 && verify.stderr.contains("Good \"git\" signature for rae@example.com"), "\(verify.stderr)")
    }
}

extension WorkflowTests {
    @Test func openPGPSigningUsesGPGAsGitDoes() throws {
        let repo = try ReviewRepository()
        let home = try ScratchFolder("coe-gnupg")
        try run("/bin/chmod", ["700", home.path], in: home.path)
        // gpg starts an agent for this home; it is stopped at the end.
        defer { _ = try? run("/usr/bin/gpgconf", ["--kill", "all"], in: home.path, environment: ["GNUPGHOME": home.path]) }
        let generated = try run("/usr/bin/gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Rae Reviewer <rae@example.com>", "ed25519", "sign", "never"],
                                in: home.path, environment: ["GNUPGHOME": home.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        try repo.fixture.git(["config", "commit.gpgsign", "true"])
        try repo.fixture.git(["config", "user.signingkey", "rae@example.com"])
        var environment = GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com", date: "2026-11-01T10:00:00Z")
        environment["GNUPGHOME"] = home.path
        let submitted = try TestSupport.coe(["submit", "k7qm"], in: repo.path, environment: environment)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let verify = try run("/usr/bin/git", ["verify-commit", "HEAD"], in: repo.path, environment: ["GNUPGHOME": home.path])
        #expect(verify.status == 0 && verify.stderr.contains("Good signature from \"Rae Reviewer <rae@example.com>\""), "\(verify.stderr)")
        // A key gpg does not have: no commit, a clear message, and a comment's text is kept.
        try repo.fixture.git(["config", "user.signingkey", "nobody@example.com"])
        let failed = try TestSupport.coe(["comment", "k7qm", "-m", "Signed words."], in: repo.path, environment: environment)
        #expect(failed.status == 2 && failed.stderr.contains("signing with gpg failed") && failed.stderr.contains("your text is saved in"),
                "status \(failed.status): \(failed.stdout)\(failed.stderr)")
    }
}

extension WorkflowTests {
    @Test func aSignerThatStopsWithoutReadingIsAFailureNotACrash() throws {
        let repo = try ReviewRepository()
        #expect(try repo.coe(["submit", "k7qm"]).status == 0)
        // As gpg does for an unknown key: it closes its input and fails before reading the commit.
        let signer = repo.path + "/../failing-signer-\(UUID().uuidString).sh"
        try "#!/bin/sh\nexec 0<&-\necho 'gpg: skipped: No secret key' >&2\nexit 2\n".write(toFile: signer, atomically: true, encoding: .utf8)
        try run("/bin/chmod", ["+x", signer], in: repo.path)
        defer { try? FileManager.default.removeItem(atPath: signer) }
        try repo.fixture.git(["config", "commit.gpgsign", "true"])
        try repo.fixture.git(["config", "gpg.program", signer])
        let text = String(repeating: "A long comment to sign. ", count: 5_000)
        let failed = try repo.coe(["comment", "k7qm", "-m", text], as: .rae, at: "2026-11-01T11:00:00Z")
        #expect(failed.status == 2 && failed.stderr.contains("No secret key") && failed.stderr.contains("your text is saved in"),
                "status \(failed.status): \(failed.stderr)")
    }
}

/// Collects results from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int32] = []
    func add(_ value: Int32) { lock.lock(); list.append(value); lock.unlock() }
    var values: [Int32] { lock.lock(); defer { lock.unlock() }; return list }
}
