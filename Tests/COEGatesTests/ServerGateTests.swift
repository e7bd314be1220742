import Foundation
import Testing
import TestSupport

/// The server's own records and history, which no push may rewrite: its witness of when it first saw
/// each commit (refs/notes/coe-witness) and its protected branches. Real pushes to a real bare
/// server with the installed hooks (`HookWorld`); `COE_NOW` is the server's clock.
@Suite(.serialized) struct ServerGateTests {
    let folder = "coes/\(exampleCOEID)"

    func serverGit(_ world: HookWorld, _ arguments: [String]) throws -> ProcessResult {
        try run("/usr/bin/git", arguments, in: world.server)
    }

    @Test func noPushCreatesUpdatesOrDeletesTheWitness() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        // The first push was witnessed by post-receive.
        let head = try world.serverHead()
        #expect(try serverGit(world, ["notes", "--ref=coe-witness", "show", head]).stdout.hasPrefix("first-seen: "))
        // Update: a note back-dating the first commit.
        try world.git(casey, ["fetch", "-q", "origin", "refs/notes/coe-witness:refs/notes/coe-witness"])
        try world.git(casey, ["notes", "--ref=coe-witness", "add", "-f", "-m", "first-seen: 0", "HEAD"], at: "2026-11-01T10:00:00Z")
        let update = try world.git(casey, ["push", "origin", "refs/notes/coe-witness"], serverNow: "2026-11-01T10:01:00Z")
        #expect(update.status != 0 && update.stderr.contains("[G1] a push may not update refs/notes/coe-witness")
                && update.stderr.contains("git push origin <branch>"), "\(update.stderr)")
        // Delete.
        let delete = try world.git(casey, ["push", "origin", ":refs/notes/coe-witness"], serverNow: "2026-11-01T10:01:00Z")
        #expect(delete.status != 0 && delete.stderr.contains("[G1] a push may not delete refs/notes/coe-witness"), "\(delete.stderr)")
        #expect(try serverGit(world, ["notes", "--ref=coe-witness", "show", head]).stdout != "first-seen: 0\n")
        // Create: the administrator dropped the notes; a pusher may not supply them.
        #expect(try serverGit(world, ["update-ref", "-d", "refs/notes/coe-witness"]).status == 0)
        let create = try world.git(casey, ["push", "origin", "refs/notes/coe-witness"], serverNow: "2026-11-01T10:01:00Z")
        #expect(create.status != 0 && create.stderr.contains("[G1] a push may not create refs/notes/coe-witness"), "\(create.stderr)")
        #expect(try serverGit(world, ["show-ref", "refs/notes/coe-witness"]).status != 0)
    }

    @Test func aCommitWithoutAWitnessAfterTheHooksWereInstalledCannotStartAReviewPeriod() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let submitted = try world.serverHead()
        // The witness of the submit is lost (post-receive failed, or an administrator removed it).
        #expect(try serverGit(world, ["notes", "--ref=coe-witness", "remove", submitted]).status == 0)
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
        // 25 h by the commit dates and by the server's clock, but the server cannot tell when it saw the submit.
        let refused = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(refused.status != 0 && refused.stderr.contains("[P2] approved 0.0 h after entering review")
                && refused.stderr.contains("commit \(submitted.prefix(8)) \"COE \(exampleCOEID): submit for review")
                && refused.stderr.contains("has no witness"),
                "\(refused.stderr)")
        // Installed again, the server takes what it holds as before its witness: the commit date stands.
        let reinstalled = try coe(["hooks", "install", "--server", "--repo", world.server], in: world.scratch.path)
        #expect(reinstalled.status == 0 && reinstalled.stdout.contains("coe-witness-baseline"), "\(reinstalled.stdout)")
        let accepted = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func eightConcurrentPushesAreAllWitnessed() throws {
        let world = try HookWorld()
        var pushes: [(clone: String, environment: [String: String])] = []
        for index in 0..<8 {
            let clone = try world.clone("pusher\(index)", as: .casey)
            try world.git(clone, ["checkout", "-q", "-b", "edit-\(index)"])
            try world.replace(clone, "\(folder)/summary.md", "Between 09:12", "Between 09:12 (edit \(index))")
            try world.git(clone, ["commit", "-q", "--no-verify", "-am", "Edit \(index)"], at: "2026-11-01T10:00:00Z")
            pushes.append((clone, world.environment(.casey, at: nil, serverNow: "2026-11-01T10:05:00Z")))
        }
        // Threads, not tasks: each push blocks, and all eight must run at once.
        let results = ConcurrentResults()
        let group = DispatchGroup()
        for (index, push) in pushes.enumerated() {
            group.enter()
            Thread.detachNewThread {
                let result = try? run("/usr/bin/git", ["push", "-q", "origin", "edit-\(index)"], in: push.clone, environment: push.environment)
                results.set(index, result)
                group.leave()
            }
        }
        group.wait()
        for index in 0..<8 {
            let result = results.get(index)
            #expect(result?.status == 0, "push \(index): \(result?.stderr ?? "did not run")")
            let tip = try serverGit(world, ["rev-parse", "edit-\(index)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let note = try serverGit(world, ["notes", "--ref=coe-witness", "show", tip])
            #expect(note.stdout == "first-seen: \(1_793_527_500)\n", "edit-\(index): \(note.stdout)\(note.stderr)")
        }
    }

    @Test func theDefaultBranchAndProtectedBranchesCannotBeRewrittenOrDeleted() throws {
        let world = try HookWorld()
        #expect(try serverGit(world, ["config", "coe.protectedBranches", "release/*"]).status == 0)
        let casey = try world.clone("casey", as: .casey)
        try world.write(casey, "notes.txt", "one\n")
        try world.git(casey, ["add", "notes.txt"])
        try world.git(casey, ["commit", "-q", "-m", "Notes"], at: "2026-11-01T10:00:00Z")
        try world.git(casey, ["branch", "release/1"])
        try world.git(casey, ["branch", "topic"])
        #expect(try world.git(casey, ["push", "-q", "origin", "main", "release/1", "topic"], serverNow: "2026-11-01T10:01:00Z").status == 0)
        // Rewritten history: the last commit replaced by another.
        try world.git(casey, ["commit", "-q", "--amend", "-m", "Notes, reworded"], at: "2026-11-01T10:02:00Z")
        for branch in ["main", "release/1"] {
            try world.git(casey, ["branch", "-f", branch, "HEAD"])
            let forced = try world.git(casey, ["push", "--force", "origin", branch], serverNow: "2026-11-01T10:03:00Z")
            #expect(forced.status != 0 && forced.stderr.contains("[G2] a push may not rewrite \(branch)")
                    && forced.stderr.contains("push without --force"), "\(branch): \(forced.stderr)")
        }
        let deleted = try world.git(casey, ["push", "origin", "--delete", "release/1"], serverNow: "2026-11-01T10:03:00Z")
        #expect(deleted.status != 0 && deleted.stderr.contains("[G2] a push may not delete release/1")
                && deleted.stderr.contains("coe.protectedBranches 'release/*'"), "\(deleted.stderr)")
        // Other branches are the pusher's own.
        try world.git(casey, ["branch", "-f", "topic", "HEAD"])
        #expect(try world.git(casey, ["push", "-q", "--force", "origin", "topic"], serverNow: "2026-11-01T10:03:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "--delete", "topic"], serverNow: "2026-11-01T10:03:00Z").status == 0)
    }
}

extension ServerGateTests {
    @Test func theReviewPolicyIsTheServersAndNoPushCanBrickIt() throws {
        let world = try HookWorld()
        // Installed on an empty repository, the server wrote the defaults as its policy.
        let policy = try String(contentsOfFile: world.server + "/coe-policy.yaml", encoding: .utf8)
        #expect(policy.contains("period_hours: 24"), "\(policy)")
        let casey = try world.clone("casey", as: .casey)
        for (text, expected) in [("root: coes\nreview:\n  period_hours: 1\n", "changes the review section"),
                                 ("root: coes\nreview:\n  period_hours: -1\n", "does not parse"),
                                 ("\u{FEFF}root: coes\n", "does not parse"),
                                 ("root: elsewhere\n", "moves the COE root from coes to elsewhere"),
                                 ("root: elsewhere\nreview:\n  require_signed: true\n  reviewers: [Rae Reviewer]\n", "not an e-mail address")] {
            try world.write(casey, ".coe.yaml", text)
            try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Configuration"], at: "2026-11-01T10:00:00Z")
            let push = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T10:01:00Z")
            #expect(push.status != 0 && push.stderr.contains("[G3]") && push.stderr.contains(expected), "\(text): \(push.stderr)")
            try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        }
        // The administrator shortens the period on the server: a review is judged by it, whatever .coe.yaml says.
        try "review:\n  period_hours: 2\n".write(toFile: world.server + "/coe-policy.yaml", atomically: true, encoding: .utf8)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        // Three hours: too early by .coe.yaml's 24 h, which the client hook follows, in time by the server's policy.
        try world.replace(rae, "\(folder)/coe.yaml", "status: review", "status: approved")
        try world.write(rae, "\(folder)/review/20261101T130000Z-0123456789.yaml",
                        "kind: approval\nauthor: Rae Reviewer <rae@example.com>\nat: 2026-11-01T13:00:00Z\ncontent_hash: abc\n")
        try world.git(rae, ["add", "-A"], as: .rae)
        try world.git(rae, ["commit", "-q", "--no-verify", "-m", "Approve"], as: .rae, at: "2026-11-01T13:00:00Z")
        let pushed = try world.git(rae, ["push", "--no-verify", "origin", "main"], as: .rae, serverNow: "2026-11-01T13:00:30Z")
        #expect(!pushed.stderr.contains("[P2]"), "\(pushed.stderr)")
    }
}

/// Results written by several threads.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: ProcessResult] = [:]

    func set(_ index: Int, _ result: ProcessResult?) { lock.withLock { results[index] = result } }
    func get(_ index: Int) -> ProcessResult? { lock.withLock { results[index] } }
}

extension ServerGateTests {
    /// The gate rules section of docs/hooks.md is generated from the rules (`coe rules --gates --format markdown`).
    @Test func docsHooksHoldsTheGateRulesAsTheyAre() throws {
        let hooks = try String(contentsOfFile: packageRoot + "/docs/hooks.md", encoding: .utf8)
        let generated = try coe(["rules", "--gates", "--format", "markdown"], in: packageRoot)
        #expect(generated.status == 0)
        #expect(hooks.contains("<!-- gate rules -->\n" + generated.stdout + "<!-- end of gate rules -->"),
                "docs/hooks.md is stale: paste the output of coe rules --gates --format markdown between its gate-rules markers")
        let text = try coe(["rules", "--gates"], in: packageRoot).stdout
        #expect(text == "G1             error   The witness is the server's\nG2             error   Protected history only moves forward\n"
                + "G3             error   The review policy is the server's\n", "\(text)")
    }
}
