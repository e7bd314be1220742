import COEProcess
import Foundation
import Testing
import TestSupport

/// A bare "server" repository with the server hooks, and clones with the client hooks, driven by the
/// real git and the real coe binary, as people would use them.
final class HookWorld {
    let scratch: ScratchFolder
    var server: String { scratch.path + "/server.git" }

    enum Person: String {
        case casey = "Casey Author", rae = "Rae Reviewer", sam = "Sam Second"
        var email: String { "\(rawValue.split(separator: " ")[0].lowercased())@example.com" }
    }

    init(root: String = "coes", config: String? = nil) throws {
        scratch = try ScratchFolder("coe-hooks")
        try run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", server], in: scratch.path)
        let installed = try coe(["hooks", "install", "--server", "--repo", server], in: scratch.path)
        #expect(installed.status == 0, "\(installed.stderr)")
        // The review policy is the server's (docs/hooks.md): the administrator sets it to the configuration's.
        if let config { try config.write(toFile: server + "/coe-policy.yaml", atomically: true, encoding: .utf8) }
        // The first commit: the configuration, and the example COE as a draft.
        let casey = try clone("casey", as: .casey)
        try write(casey, ".coe.yaml", config ?? "root: \(root)\n")
        try copyExampleCOE(to: "\(casey)/\(root)/\(exampleCOEID)")
        try replace(casey, "\(root)/\(exampleCOEID)/coe.yaml", "status: closed", "status: draft")
        try git(casey, ["add", "-A"], as: .casey)
        try git(casey, ["commit", "-q", "-m", "Add the COE"], as: .casey, at: "2026-11-01T09:00:00Z")
        let push = try git(casey, ["push", "-q", "origin", "main"], as: .casey, serverNow: "2026-11-01T09:00:00Z")
        #expect(push.status == 0, "\(push.stderr)")
    }

    /// A clone with the client hooks installed and the person's identity in its configuration.
    @discardableResult
    func clone(_ name: String, as person: Person) throws -> String {
        let path = scratch.path + "/" + name
        if !FileManager.default.fileExists(atPath: path) {
            try run("/usr/bin/git", ["clone", "-q", server, path], in: scratch.path)
            try run("/usr/bin/git", ["config", "user.name", person.rawValue], in: path)
            try run("/usr/bin/git", ["config", "user.email", person.email], in: path)
            let installed = try coe(["hooks", "install"], in: path)
            #expect(installed.status == 0, "\(installed.stderr)")
        }
        return path
    }

    func environment(_ person: Person, at date: String?, serverNow: String?) -> [String: String] {
        var environment: [String: String] = ["GIT_AUTHOR_NAME": person.rawValue, "GIT_AUTHOR_EMAIL": person.email,
                                             "GIT_COMMITTER_NAME": person.rawValue, "GIT_COMMITTER_EMAIL": person.email]
        if let date { environment["GIT_AUTHOR_DATE"] = date; environment["GIT_COMMITTER_DATE"] = date }
        // A push to a path runs the server's hooks in the pusher's environment: this sets the server's clock.
        if let serverNow { environment["COE_NOW"] = serverNow }
        return environment
    }

    @discardableResult
    func git(_ clone: String, _ arguments: [String], as person: Person = .casey, at date: String? = nil, serverNow: String? = nil) throws -> ProcessResult {
        try run("/usr/bin/git", arguments, in: clone, environment: environment(person, at: date, serverNow: serverNow))
    }

    @discardableResult
    func coeAs(_ clone: String, _ arguments: [String], as person: Person, at date: String) throws -> ProcessResult {
        try coe(arguments, in: clone, environment: environment(person, at: date, serverNow: nil))
    }

    func write(_ clone: String, _ path: String, _ text: String) throws {
        let file = clone + "/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    func replace(_ clone: String, _ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: clone + "/" + path, encoding: .utf8)
        #expect(text.contains(old), "\(path) holds \(old)")
        try write(clone, path, text.replacingOccurrences(of: old, with: new))
    }

    func serverHead() throws -> String {
        try run("/usr/bin/git", ["rev-parse", "main"], in: server).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite(.serialized) struct HookTests {
    let folder = "coes/\(exampleCOEID)"

    @Test func anInvalidCOEIsBlockedByPreCommitAndByTheServerWhenTheHookIsSkipped() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        try world.write(casey, "\(folder)/coe.yaml", try String(contentsOfFile: "\(casey)/\(folder)/coe.yaml", encoding: .utf8) + "colour: red\n")
        let blocked = try world.git(casey, ["commit", "-q", "-am", "Add a colour"], at: "2026-11-01T10:00:00Z")
        #expect(blocked.status != 0 && blocked.stderr.contains("[S3] unknown key 'colour'") && blocked.stderr.contains("commit blocked"), "\(blocked.stderr)")
        let skipped = try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Add a colour"], at: "2026-11-01T10:00:00Z")
        #expect(skipped.status == 0)
        let before = try world.serverHead()
        let push = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:01:00Z")
        #expect(push.status != 0 && push.stderr.contains("remote: coes/\(exampleCOEID)/coe.yaml:19:1: error [S3]") && push.stderr.contains("pre-receive hook declined"),
                "\(push.stderr)")
        #expect(try world.serverHead() == before)
        // The same verdict from coe check on the range, as CI would run it.
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
        #expect(check.status == 1 && check.stdout.contains("[S3] unknown key 'colour'"), "\(check.stdout)")
    }

    @Test func aNameFromThePushedHistoryIsCaughtByTheServerAndByCheck() throws {
        // B1.history: the server and CI lint through the same session as `coe lint`, with the names of
        // the people in the history, the pushed commits' authors included.
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        let analysis = "\(folder)/analysis.md"
        let text = try String(contentsOfFile: "\(casey)/\(analysis)", encoding: .utf8)
        try world.write(casey, analysis, text + "\nSam Second restarted the fleet.\n")
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Who restarted it"], as: .sam, at: "2026-11-01T10:00:00Z")
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
        #expect(check.status == 1 && check.stdout.contains("[B1.history]"), "\(check.stdout)")
        let before = try world.serverHead()
        let push = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:01:00Z")
        #expect(push.status != 0 && push.stderr.contains("[B1.history]") && push.stderr.contains("pre-receive hook declined"), "\(push.stderr)")
        #expect(try world.serverHead() == before)
    }

    @Test func theReviewPeriodIsMeasuredByTheServersClockAndABackdatedReviewIsRefused() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        // Locally, 23 h is refused and 25 h accepted (commit dates).
        let early = try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T09:00:00Z")
        #expect(early.status == 1 && early.stderr.contains("[P2]"))
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
        // The commit says 25 h; the server saw the review start 23 h ago: refused.
        let refused = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T09:00:30Z")
        #expect(refused.status != 0 && refused.stderr.contains("[P2] approved 23.0 h after entering review"), "\(refused.stderr)")
        // 25 h by the server's clock: accepted.
        let accepted = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(accepted.status == 0, "\(accepted.stderr)")

        // A review back-dated by two days and approved at once: the commit dates pass, the server's witness does not.
        let other = try HookWorld()
        let author = try other.clone("casey", as: .casey)
        #expect(try other.coeAs(author, ["submit", "k7qm"], as: .casey, at: "2026-10-30T10:00:00Z").status == 0)
        #expect(try other.git(author, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:00Z").status == 0)
        let reviewer = try other.clone("rae", as: .rae)
        #expect(try other.coeAs(reviewer, ["approve", "k7qm"], as: .rae, at: "2026-11-01T10:05:00Z").status == 0, "48 h by the dates")
        let forged = try other.git(reviewer, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-01T10:06:00Z")
        #expect(forged.status != 0 && forged.stderr.contains("[P2] approved 0.1 h after entering review"), "\(forged.stderr)")
        // The same range in CI, by commit dates, passes: CI cannot see the server's clock (docs/hooks.md).
        #expect(try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: reviewer).status == 0)
    }

    @Test func aCommitDatedInTheFutureIsRefused() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        try world.write(casey, "notes.txt", "later\n")
        try world.git(casey, ["add", "notes.txt"])
        try world.git(casey, ["commit", "-q", "-m", "From the future"], at: "2026-11-05T10:00:00Z")
        let push = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:00:00Z")
        #expect(push.status != 0 && push.stderr.contains("in the future by the server's clock"), "\(push.stderr)")
    }

    @Test func selfApprovalAndOpenCommentsAreRefusedByPrePushAndByTheServer() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.coeAs(casey, ["comment", "k7qm", "-m", "Note to self."], as: .casey, at: "2026-11-01T11:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T11:00:30Z").status == 0)
        // The author approves by editing the status by hand (coe approve would refuse), two days later.
        try world.replace(casey, "\(folder)/coe.yaml", "status: review", "status: approved")
        try world.git(casey, ["commit", "-q", "-am", "Approve it myself"], at: "2026-11-03T10:00:00Z")
        let prePush = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-03T10:00:30Z")
        #expect(prePush.status != 0 && prePush.stderr.contains("[P3] moved to approved, but 1 more approval needed")
                && prePush.stderr.contains("[P4] approved with 1 unresolved comment") && prePush.stderr.contains("push blocked by coe"), "\(prePush.stderr)")
        let server = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-03T10:00:30Z")
        #expect(server.status != 0 && server.stderr.contains("remote:") && server.stderr.contains("[P3]") && server.stderr.contains("[P4]"), "\(server.stderr)")

        // An approval record written by hand in someone else's name: refused too.
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        try world.write(casey, "\(folder)/review/20261103T100000Z-0123456789.yaml",
                        "kind: approval\nauthor: Rae Reviewer <rae@example.com>\nat: 2026-11-03T10:00:00Z\ncontent_hash: abc\n")
        try world.git(casey, ["add", "-A"])
        try world.git(casey, ["commit", "-q", "-m", "Approve as Rae"], at: "2026-11-03T10:00:00Z")
        let forged = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-03T10:00:30Z")
        #expect(forged.status != 0 && forged.stderr.contains("names Rae Reviewer <rae@example.com> but was committed by Casey Author"), "\(forged.stderr)")
    }

    @Test func anApprovedCOEEditedSinceItsApprovalNeedsApprovingAgainWhereConfigured() throws {
        let world = try HookWorld(config: "root: coes\nreview:\n  require_reapproval: true\n")
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z").status == 0)
        // The author edits the approved COE.
        try world.git(casey, ["pull", "-q", "--ff-only"])
        try world.replace(casey, "\(folder)/summary.md", "Between 09:12", "From 09:12")
        try world.git(casey, ["commit", "-q", "-am", "Reword after approval"], at: "2026-11-02T12:00:00Z")
        let push = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-02T12:00:30Z")
        #expect(push.status != 0 && push.stderr.contains("[P7]") && push.stderr.contains("changed after its approvals"), "\(push.stderr)")
        // Approved again on top, the two commits go through together.
        try world.git(rae, ["fetch", "-q", casey, "main"])
        try world.git(rae, ["merge", "-q", "--ff-only", "FETCH_HEAD"])
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T12:10:00Z").status == 0)
        let again = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T12:10:30Z")
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func pathsWithSpacesAndNonASCIILettersTagsAndBranchDeletionsWork() throws {
        let world = try HookWorld(root: "post mortems/équipe")
        let casey = try world.clone("casey", as: .casey)
        let folder = "post mortems/équipe/\(exampleCOEID)"
        try world.replace(casey, "\(folder)/summary.md", "Between 09:12", "From 09:12")
        let commit = try world.git(casey, ["commit", "-q", "-am", "Reword"], at: "2026-11-01T10:00:00Z")
        #expect(commit.status == 0, "\(commit.stderr)")
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:10:00Z").status == 0)
        try world.write(casey, "\(folder)/coe.yaml", try String(contentsOfFile: "\(casey)/\(folder)/coe.yaml", encoding: .utf8) + "colour: red\n")
        let blocked = try world.git(casey, ["commit", "-q", "-am", "Bad"], at: "2026-11-01T10:20:00Z")
        #expect(blocked.status != 0 && blocked.stderr.contains("post mortems/équipe/\(exampleCOEID)/coe.yaml"), "\(blocked.stderr)")
        try world.git(casey, ["checkout", "-q", "--", "."])
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:30:00Z").status == 0)
        // A branch, a lightweight and an annotated tag, then the branch deleted: nothing crashes.
        try world.git(casey, ["branch", "side"])
        try world.git(casey, ["tag", "light"])
        try world.git(casey, ["tag", "-a", "-m", "Reviewed", "annotated"], at: "2026-11-01T10:40:00Z")
        let tree = try world.git(casey, ["rev-parse", "HEAD^{tree}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try world.git(casey, ["tag", "tree-tag", tree])
        let pushed = try world.git(casey, ["push", "origin", "side", "light", "annotated", "tree-tag"], serverNow: "2026-11-01T10:45:00Z")
        #expect(pushed.status == 0, "\(pushed.stderr)")
        let deleted = try world.git(casey, ["push", "origin", "--delete", "side", "light"], serverNow: "2026-11-01T10:50:00Z")
        #expect(deleted.status == 0, "\(deleted.stderr)")
    }

    @Test func installingKeepsAHookThatWasThereAndUninstallingPutsItBack() throws {
        let scratch = try ScratchFolder()
        let fixture = try GitFixture()
        try fixture.write(".git/hooks/pre-commit", "#!/bin/sh\necho 'the team hook ran' >&2\nexit 0\n")
        try run("/bin/chmod", ["+x", fixture.path + "/.git/hooks/pre-commit"], in: scratch.path)
        let install = try coe(["hooks", "install"], in: fixture.path)
        #expect(install.status == 0 && install.stdout.contains("pre-commit.local and runs first"), "\(install.stdout)")
        try fixture.write("notes.txt", "n\n")
        try fixture.git(["add", "notes.txt"])
        let committed = try run("/usr/bin/git", ["commit", "-q", "-m", "Notes"], in: fixture.path, environment: GitFixture.identity())
        #expect(committed.status == 0 && committed.stderr.contains("the team hook ran"), "\(committed.stderr)")
        // Installing again updates coe's script and keeps the chained one.
        #expect(try coe(["hooks", "install"], in: fixture.path).stdout.contains("updated"))
        let uninstall = try coe(["hooks", "uninstall"], in: fixture.path)
        #expect(uninstall.status == 0 && uninstall.stdout.contains("pre-commit.local is back"))
        #expect(try fixture.scratch.read(".git/hooks/pre-commit").contains("the team hook ran"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "/.git/hooks/pre-push"))
        // core.hooksPath is honoured.
        try fixture.git(["config", "core.hooksPath", "githooks"])
        #expect(try coe(["hooks", "install"], in: fixture.path).status == 0)
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/githooks/pre-push"))
    }

    @Test func checkPrintsAPullRequestSummaryAndRefusesAShallowClone() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        try world.git(casey, ["checkout", "-q", "-b", "review-k7qm"])
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.coeAs(casey, ["comment", "k7qm", "-m", "Check A3's date."], as: .rae, at: "2026-11-01T11:00:00Z").status == 0)
        let markdown = try coe(["check", "--base", "main", "--head", "HEAD", "--format", "markdown"], in: casey)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        // The review started on 2026-11-01 by the commit dates, so by today's clock it is approvable, once the comment is resolved.
        #expect(markdown.stdout.contains("### coe check: passed") && markdown.stdout.contains("| `\(exampleCOEID)`")
                && markdown.stdout.contains("| review | 0 | ") && markdown.stdout.contains("| 1 | 0 of 1 | approvable now; resolve the open comments first |"),
                "\(markdown.stdout)")
        // With the clock at 2026-11-01 15:30, the countdown.
        let countdown = try coe(["check", "--base", "main", "--head", "HEAD", "--format", "markdown"], in: casey, environment: ["COE_NOW": "2026-11-01T15:30:00Z"])
        #expect(countdown.stdout.contains("approvable after 2026-11-02 10:00 UTC, in 18 h 30 min; resolve the open comments first"), "\(countdown.stdout)")
        for format in ["json", "sarif", "github", "text"] {
            #expect(try coe(["check", "--base", "main", "--head", "HEAD", "--format", format], in: casey).status == 0, "\(format)")
        }
        let scratch = try ScratchFolder()
        try run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + world.server, "shallow"], in: scratch.path)
        let shallow = try coe(["check", "--base", "HEAD", "--head", "HEAD"], in: scratch.path + "/shallow")
        #expect(shallow.status == 2 && shallow.stderr.contains("history is incomplete"), "\(shallow.stderr)")
    }
}
