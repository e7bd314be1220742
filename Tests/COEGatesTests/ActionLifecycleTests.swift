import Foundation
import Testing
import TestSupport

/// Action items through to done after approval (issue 15): `coe action done` changes only tracking
/// state, so the approval keeps counting at every step, the hooks and the server accept every push,
/// and the audit finds no edit after approval; moving a due date is approved content and voids it.
/// Real pushes to a real bare server with the installed hooks (`HookWorld`).
@Suite(.serialized) struct ActionLifecycleTests {
    let folder = "coes/\(exampleCOEID)"

    /// The example COE with A4–A6 open again (A6 in progress), submitted and approved by Rae, pushed.
    func approvedWithOpenActions() throws -> (world: HookWorld, casey: String) {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        for action in ["A4", "A5", "A6"] {
            let path = "\(casey)/\(folder)/actions/\(action).yaml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let open = text.split(separator: "\n").filter { !$0.hasPrefix("done_on:") && !$0.hasPrefix("done_by:") }
                .map { $0.hasPrefix("status:") ? (action == "A6" ? "status: in-progress" : "status: open") : String($0) }
            try world.write(casey, "\(folder)/actions/\(action).yaml", open.joined(separator: "\n") + "\n")
        }
        try world.git(casey, ["commit", "-q", "-am", "A4–A6 are not done yet"], at: "2026-11-01T09:30:00Z")
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        let approve = try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(approve.status == 0 && approve.stdout.contains("review → approved"), "\(approve.stdout)\(approve.stderr)")
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z").status == 0)
        try world.git(casey, ["pull", "-q", "--ff-only"])
        return (world, casey)
    }

    /// How many approvals count, as `coe comments --format json` says.
    func counting(_ clone: String) throws -> Int {
        let comments = try coe(["comments", "k7qm", "--format", "json"], in: clone)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(comments.stdout.utf8)) as? [String: Any], "\(comments.stderr)")
        let approvals = try #require(object["approvals"] as? [[String: Any]], "\(comments.stdout)")
        return approvals.filter { $0["counts"] as? Bool == true }.count
    }

    @Test func actionsDoneOneByOneKeepTheApprovalThroughPublishAndClose() throws {
        let (world, casey) = try approvedWithOpenActions()
        #expect(try counting(casey) == 1)
        let steps: [(action: String, date: String, extra: [String])] = [
            ("A4", "2026-11-03T10:00:00Z", ["--evidence", "PAY-4502", "-m", "Alarm added and tested."]),
            ("A5", "2026-11-04T10:00:00Z", ["--by", "payments team"]),
            ("A6", "2026-11-05T10:00:00Z", ["--on", "2026-11-04", "--evidence", "https://example.com/deploy/pull/9123"]),
        ]
        for (index, step) in steps.enumerated() {
            if index == 1 {
                let note = try world.coeAs(casey, ["action", "note", "k7qm", "A5", "-m", "Half the regions done."], as: .casey,
                                           at: "2026-11-03T15:00:00Z")
                #expect(note.status == 0 && note.stdout.contains("note on action A5"), "\(note.stdout)\(note.stderr)")
            }
            let done = try world.coeAs(casey, ["action", "done", "k7qm", step.action] + step.extra, as: .casey, at: step.date)
            #expect(done.status == 0 && done.stdout.contains("action \(step.action) done"), "\(done.stdout)\(done.stderr)")
            #expect(!done.stdout.contains("no longer count"), "\(done.stdout)")
            #expect(try counting(casey) == 1, "after \(step.action)")
            let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
            #expect(check.status == 0 && !check.stdout.contains("[P7]"), "\(check.stdout)")
            let push = try world.git(casey, ["push", "origin", "main"], serverNow: String(step.date.dropLast(3)) + "30Z")
            #expect(push.status == 0, "\(push.stderr)")
        }
        // What was written: tracking state after the approved content, read back by coe actions.
        let a6 = try String(contentsOfFile: "\(casey)/\(folder)/actions/A6.yaml", encoding: .utf8)
        #expect(a6.hasSuffix("status: done\ndone_on: 2026-11-04\ndone_by: deployment tooling team\nevidence: https://example.com/deploy/pull/9123\n"),
                "\(a6)")
        let message = try world.git(casey, ["log", "-1", "--format=%B"]).stdout
        #expect(message.contains("COE-Action: A6") && message.contains("COE-Action-Status: in-progress -> done"), "\(message)")
        let listed = try coe(["actions", "--coe", "k7qm", "--format", "json", "--today", "2026-11-05"], in: casey)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.allSatisfy { $0["status"] as? String == "done" }, "\(listed.stdout)")
        let a5 = try #require(rows.first { $0["action"] as? String == "A5" })
        #expect((a5["notes"] as? [[String: Any]])?.first?["text"] as? String == "Half the regions done.", "\(a5)")

        for (status, date) in [("published", "2026-11-06T10:00:00Z"), ("closed", "2026-11-07T10:00:00Z")] {
            let moved = try world.coeAs(casey, ["status", "k7qm", status], as: .casey, at: date)
            #expect(moved.status == 0, "\(moved.stdout)\(moved.stderr)")
            #expect(try counting(casey) == 1, "when \(status)")
            let push = try world.git(casey, ["push", "origin", "main"], serverNow: String(date.dropLast(3)) + "30Z")
            #expect(push.status == 0, "\(push.stderr)")
        }
        let audit = try coe(["audit"], in: casey)
        #expect(audit.status == 0 && !audit.stdout.contains("P7") && !audit.stdout.contains("after approval"), "\(audit.stdout)")
        let log = try coe(["log", "k7qm", "--color", "never"], in: casey)
        #expect(!log.stdout.contains("edited after approval") && log.stdout.contains("A5 note: Half the regions done."), "\(log.stdout)")
    }

    @Test func addingAnItemOrMovingADueDateNeedsApprovingAgain() throws {
        let (world, casey) = try approvedWithOpenActions()
        // A move needs its reason.
        let bare = try world.coeAs(casey, ["action", "move", "k7qm", "A4", "--due", "2026-11-20", "-m", " "], as: .casey,
                                   at: "2026-11-03T10:00:00Z")
        #expect(bare.status == 2 && bare.stderr.contains("empty text"), "\(bare.stderr)")
        let move = try world.coeAs(casey, ["action", "move", "k7qm", "A4", "--due", "2026-11-20", "-m", "The alarm vendor ships late."],
                                   as: .casey, at: "2026-11-03T10:00:00Z")
        #expect(move.status == 0 && move.stdout.contains("move action A4 due 2026-10-23 → 2026-11-20")
                && move.stdout.contains("its approvals no longer count"), "\(move.stdout)\(move.stderr)")
        #expect(try counting(casey) == 0)
        let a4 = try String(contentsOfFile: "\(casey)/\(folder)/actions/A4.yaml", encoding: .utf8)
        #expect(a4.contains("due: 2026-11-20\n") && a4.contains("slips:\n  - date: 2026-11-03\n    from: 2026-10-23\n    to: 2026-11-20\n"
                                                                 + "    reason: The alarm vendor ships late.\n"), "\(a4)")
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
        #expect(check.stdout.contains("[P7]"), "\(check.stdout)")
        let listed = try coe(["actions", "--coe", "k7qm", "--status", "open", "--today", "2026-11-03", "--color", "never"], in: casey)
        #expect(listed.stdout.contains("A4") && listed.stdout.contains("SLIPS"), "\(listed.stdout)")
        // Rae approves again: the new due date is approved.
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-03T10:00:30Z").status == 0)
        try world.git(rae, ["pull", "-q", "--ff-only"])
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-03T11:00:00Z").status == 0)
        #expect(try counting(rae) == 1)

        // A new item: the next free id, checked as lint checks it.
        // An error refuses it (A1: no description); a warning is told (A4: a vague title).
        let incomplete = try world.coeAs(rae, ["action", "add", "k7qm", "--title", "Alarm when the pool is over 80% busy for 5 minutes",
                                          "--owner", "payments team", "--priority", "high", "--due", "2026-11-20", "--ticket", "PAY-4510"],
                                    as: .rae, at: "2026-11-03T12:00:00Z")
        #expect(incomplete.status == 1 && incomplete.stderr.contains("[A1]") && incomplete.stderr.contains("actions/A7.yaml"),
                "\(incomplete.stderr)")
        let added = try world.coeAs(rae, ["action", "add", "k7qm", "--title", "Improve monitoring", "--owner", "payments team",
                                          "--priority", "high", "--due", "2026-11-20", "--ticket", "PAY-4510",
                                          "--description", "An alarm on the pool's busy share, paging the payments on-call engineer."],
                                    as: .rae, at: "2026-11-03T12:00:00Z")
        #expect(added.status == 0 && added.stdout.contains("add action A7") && added.stdout.contains("[A4]")
                && added.stdout.contains("no longer count"), "\(added.stdout)\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(rae)/\(folder)/actions/A7.yaml"))
        // Done twice, or an item that does not exist: usage errors, nothing committed.
        let head = try world.git(rae, ["rev-parse", "HEAD"]).stdout
        #expect(try world.coeAs(rae, ["action", "done", "k7qm", "A1"], as: .rae, at: "2026-11-03T13:00:00Z").status == 2)
        let missing = try world.coeAs(rae, ["action", "note", "k7qm", "A9", "-m", "x"], as: .rae, at: "2026-11-03T13:00:00Z")
        #expect(missing.status == 2 && missing.stderr.contains("has no action item 'A9'"), "\(missing.stderr)")
        #expect(try world.git(rae, ["rev-parse", "HEAD"]).stdout == head)
    }
}
