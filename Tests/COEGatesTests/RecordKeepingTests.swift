import Foundation
import Testing
import TestSupport

/// What a pusher cannot take back or sneak in: review records rewritten or removed (P11), a reviewed
/// COE deleted or renamed into a new status (P12, P1), a secret added in one commit and removed in the
/// next, or hidden in an SVG (B6 over every pushed commit), and what `coe audit` reports after the fact.
/// Real pushes, with `--no-verify` where a client hook would stop them first, to a real bare server with
/// the installed hooks.
@Suite(.serialized) struct RecordKeepingTests {
    let folder = "coes/\(exampleCOEID)"

    /// The world with the COE in review (pushed, witnessed) and Rae's request for changes pushed.
    func reviewWithARequestForChanges() throws -> (world: HookWorld, casey: String, record: String) {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        let asked = try world.coeAs(rae, ["request-changes", "k7qm", "-m", "The five whys stop at a person."], as: .rae, at: "2026-11-01T12:00:00Z")
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-01T12:00:30Z").status == 0)
        try world.git(casey, ["pull", "-q", "--ff-only"])
        let records = try FileManager.default.contentsOfDirectory(atPath: "\(casey)/\(folder)/review")
        #expect(records.count == 1)
        return (world, casey, "\(folder)/review/\(records[0])")
    }

    @Test func aReviewRecordRewrittenOrRemovedIsRefused() throws {
        let (world, casey, record) = try reviewWithARequestForChanges()
        // Removed: the author deletes the reviewer's open request for changes (P4 would then pass).
        try world.git(casey, ["rm", "-q", record])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Tidy the review"], at: "2026-11-01T13:00:00Z")
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
        #expect(check.status == 1 && check.stdout.contains("[P11]") && check.stdout.contains("removes review record"), "\(check.stdout)")
        let removed = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(removed.status != 0 && removed.stderr.contains("[P11] the commit removes review record")
                && removed.stderr.contains("git checkout <commit>^ -- <record>"), "\(removed.stderr)")
        // The refusal says where the rule's documentation is, and it is there in the pusher's clone.
        #expect(removed.stderr.contains("coe rules P11 says what each rule checks and what to do"), "\(removed.stderr)")
        let explained = try coe(["rules", "P11"], in: casey)
        #expect(explained.status == 0 && explained.stdout.hasPrefix("### P11\n") && explained.stdout.contains("*Fix:* Restore the record"),
                "\(explained.stdout)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        // Rewritten in place: the reviewer made to say something else.
        try world.replace(casey, record, "The five whys stop at a person.", "Looks great, ship it.")
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Reword"], at: "2026-11-01T13:00:00Z")
        let rewritten = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(rewritten.status != 0 && rewritten.stderr.contains("[P11] the commit rewrites review record"), "\(rewritten.stderr)")
        // The client hook stops it first.
        let prePush = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(prePush.status != 0 && prePush.stderr.contains("[P11]") && prePush.stderr.contains("push blocked by coe"), "\(prePush.stderr)")
        // Committed all the same in the clone (its hooks skipped): the audit of that history finds it.
        let audit = try coe(["audit", "--rev", "HEAD"], in: casey)
        #expect(audit.status == 1 && audit.stdout.contains("[P11] the commit rewrites review record"), "\(audit.stdout)")
    }

    @Test func anApprovedCOEsApprovalIsNeitherMovedToNewContentNorErased() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z").status == 0)
        try world.git(casey, ["pull", "-q", "--ff-only"])
        let review = "\(casey)/\(folder)/review"
        let approval = "\(folder)/review/" + (try FileManager.default.contentsOfDirectory(atPath: review)[0])
        // The content edited, and the old approval's content_hash moved to the new content.
        try world.replace(casey, "\(folder)/summary.md", "Between 09:12", "Between 09:10")
        let text = try String(contentsOfFile: "\(casey)/\(approval)", encoding: .utf8)
        let moved = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("content_hash:") ? "content_hash: 0123456789abcdef" : String($0) }.joined(separator: "\n")
        try world.write(casey, approval, moved)
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Edit and keep the approval"], at: "2026-11-02T12:00:00Z")
        let rehashed = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-02T12:00:30Z")
        #expect(rehashed.status != 0 && rehashed.stderr.contains("[P11] the commit rewrites review record"), "\(rehashed.stderr)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        // Every record of the approved COE removed.
        try world.git(casey, ["rm", "-q", "-r", "\(folder)/review"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Drop the review"], at: "2026-11-02T12:00:00Z")
        let erased = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-02T12:00:30Z")
        #expect(erased.status != 0 && erased.stderr.contains("[P11] the commit removes review record"), "\(erased.stderr)")
        // And every COE removed at once.
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        try world.git(casey, ["rm", "-q", "-r", "coes"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Start over"], at: "2026-11-02T12:00:00Z")
        let all = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-02T12:00:30Z")
        #expect(all.status != 0 && all.stderr.contains("[P12] the commit removes \(exampleCOEID), which is approved"), "\(all.stderr)")
    }

    @Test func aReviewedCOEIsNeitherDeletedNorRenamedIntoAnotherStatus() throws {
        let (world, casey, _) = try reviewWithARequestForChanges()
        // Deleted while in review.
        try world.git(casey, ["rm", "-q", "-r", folder])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Remove the COE"], at: "2026-11-01T13:00:00Z")
        let deleted = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(deleted.status != 0 && deleted.stderr.contains("[P12] the commit removes \(exampleCOEID), which is in review"), "\(deleted.stderr)")
        #expect(!deleted.stderr.contains("[P11]"), "a deleted COE's records are P12's: \(deleted.stderr)")
        let audit = try coe(["audit"], in: casey)
        #expect(audit.status == 1 && audit.stdout.contains("[P12]"), "\(audit.stdout)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        // Renamed to a new id and moved to approved in the same commit: a removal, and a new COE that is no draft.
        let renamed = "coes/2026-10-15-r3nam3dxyz"
        try world.git(casey, ["mv", folder, renamed])
        try world.replace(casey, "\(renamed)/coe.yaml", "id: \(exampleCOEID)", "id: 2026-10-15-r3nam3dxyz")
        try world.replace(casey, "\(renamed)/coe.yaml", "status: review", "status: approved")
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Rename"], at: "2026-11-01T13:00:00Z")
        let moved = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(moved.status != 0 && moved.stderr.contains("[P1] 2026-10-15-r3nam3dxyz was added as approved")
                && moved.stderr.contains("[P12] the commit removes \(exampleCOEID)"), "\(moved.stderr)")
    }

    @Test func aDraftMayBeRenamedAndItsRecordsAreNotAddedAgain() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.coeAs(rae, ["comment", "k7qm", "-m", "Early thought."], as: .rae, at: "2026-11-01T09:30:00Z").status == 0)
        let comment = try FileManager.default.contentsOfDirectory(atPath: "\(rae)/\(folder)/review")[0].replacingOccurrences(of: ".yaml", with: "")
        let resolved = try world.coeAs(rae, ["resolve", "k7qm", comment, "-m", "Answered."], as: .rae, at: "2026-11-01T09:35:00Z")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-01T09:35:30Z").status == 0)
        try world.git(casey, ["pull", "-q", "--ff-only"])
        let renamed = "coes/2026-10-15-r3nam3dxyz"
        try world.git(casey, ["mv", folder, renamed])
        try world.replace(casey, "\(renamed)/coe.yaml", "id: \(exampleCOEID)", "id: 2026-10-15-r3nam3dxyz")
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Rename the draft"], at: "2026-11-01T10:00:00Z")
        // Rae's resolution comes along: it is not added again, so it is not judged as Casey's (P10).
        let push = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T10:00:30Z")
        #expect(push.status == 0, "\(push.stderr)")
    }

    @Test func aCommentIsRetractedOnlyByItsAuthorAndStaysInTheRecord() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae)
        #expect(try world.coeAs(rae, ["comment", "k7qm", "-m", "Meant for another COE."], as: .rae, at: "2026-11-01T11:00:00Z").status == 0)
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-01T11:00:30Z").status == 0)
        let comment = try FileManager.default.contentsOfDirectory(atPath: "\(rae)/\(folder)/review")[0].replacingOccurrences(of: ".yaml", with: "")
        // The COE's author may not withdraw a reviewer's comment.
        try world.git(casey, ["pull", "-q", "--ff-only"])
        let refused = try world.coeAs(casey, ["retract", "k7qm", String(comment.prefix(20))], as: .casey, at: "2026-11-01T11:10:00Z")
        #expect(refused.status == 1 && refused.stderr.contains("[P10] Casey Author retracted Rae Reviewer's comment")
                && refused.stderr.contains("only a comment's author retracts it"), "\(refused.stderr)")
        // Its author may; the comment stays, marked retracted, and no longer holds up approval (P4).
        let retracted = try world.coeAs(rae, ["retract", "k7qm", String(comment.prefix(20)), "-m", "Wrong COE."], as: .rae, at: "2026-11-01T11:10:00Z")
        #expect(retracted.status == 0, "\(retracted.stderr)")
        let comments = try coe(["comments", "k7qm", "--color", "never"], in: rae)
        #expect(comments.stdout.contains("retracted") && comments.stdout.contains("Meant for another COE.") && comments.stdout.contains("0 open"),
                "\(comments.stdout)")
        #expect(try world.git(rae, ["log", "-1", "--format=%B"], as: .rae).stdout.contains("COE-Retracts: \(comment)"))
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-01T11:10:30Z").status == 0)
        // Retracted twice: a usage error that says by whom.
        let twice = try world.coeAs(rae, ["retract", "k7qm", comment], as: .rae, at: "2026-11-01T11:20:00Z")
        #expect(twice.status == 2 && twice.stderr.contains("was already retracted by Rae Reviewer"), "\(twice.stderr)")
        #expect(try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z").status == 0)
    }

    @Test func anApprovalInACommitWhereTheCOECannotBeReadOrItsStatusHidesIsRefused() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        // Moved to approved by hand in a commit that also removes a required part, which the next commit puts back:
        // the tip lints clean, and the approving commit cannot be read.
        let summary = try String(contentsOfFile: "\(casey)/\(folder)/summary.md", encoding: .utf8)
        try world.replace(casey, "\(folder)/coe.yaml", "status: review", "status: approved")
        try world.git(casey, ["rm", "-q", "\(folder)/summary.md"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Approve"], at: "2026-11-03T10:00:00Z")
        try world.write(casey, "\(folder)/summary.md", summary)
        try world.git(casey, ["add", "-A"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Summary back"], at: "2026-11-03T10:01:00Z")
        let unread = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-03T10:02:00Z")
        #expect(unread.status != 0 && unread.stderr.contains("cannot be read at this commit, so the review it records cannot be judged"),
                "\(unread.stderr)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        // A status written so that only YAML reads it: the gates could never follow the COE again.
        try world.replace(casey, "\(folder)/coe.yaml", "status: review", "\"status\": approved")
        try world.git(casey, ["commit", "-q", "--no-verify", "-am", "Approve, quoted"], at: "2026-11-03T10:00:00Z")
        let hidden = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-03T10:02:00Z")
        #expect(hidden.status != 0 && hidden.stderr.contains("[P1]") && hidden.stderr.contains("has no status line the gates can read"),
                "\(hidden.stderr)")
    }

    @Test func aMergeThatTakesTheOldHistoryWholeIsRefused() throws {
        let (world, casey, _) = try reviewWithARequestForChanges()
        // The tree from before Rae's request, merged over main with -s ours: a fast-forward for G2, and
        // against its first parent the merge changes nothing.
        try world.git(casey, ["checkout", "-q", "-b", "old", "HEAD~1"])
        try world.git(casey, ["merge", "-q", "-s", "ours", "--no-edit", "main"], at: "2026-11-01T13:00:00Z")
        let erased = try world.git(casey, ["push", "--no-verify", "origin", "old:main"], serverNow: "2026-11-01T13:00:30Z")
        #expect(erased.status != 0 && erased.stderr.contains("[P11] the commit removes review record")
                && erased.stderr.contains("(a merge, against its parent"), "\(erased.stderr)")
        let check = try coe(["check", "--base", "main", "--head", "old"], in: casey)
        #expect(check.status == 1 && check.stdout.contains("[P11]"), "\(check.stdout)")
    }

    @Test func concurrentReviewsMergeWithoutBeingJudgedAsTheMergersOwn() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let rae = try world.clone("rae", as: .rae), sam = try world.clone("sam", as: .sam)
        #expect(try world.coeAs(rae, ["comment", "k7qm", "-m", "Which region?"], as: .rae, at: "2026-11-01T11:00:00Z").status == 0)
        let comment = try FileManager.default.contentsOfDirectory(atPath: "\(rae)/\(folder)/review")[0].replacingOccurrences(of: ".yaml", with: "")
        #expect(try world.coeAs(rae, ["resolve", "k7qm", comment, "-m", "Answered."], as: .rae, at: "2026-11-01T11:05:00Z").status == 0)
        #expect(try world.git(rae, ["push", "-q", "origin", "main"], as: .rae, serverNow: "2026-11-01T11:05:30Z").status == 0)
        // Sam comments meanwhile, then merges Rae's work (a real merge commit, by Sam) and pushes.
        #expect(try world.coeAs(sam, ["comment", "k7qm", "-m", "The timeline misses 09:19."], as: .sam, at: "2026-11-01T11:10:00Z").status == 0)
        let pulled = try world.git(sam, ["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"], as: .sam, at: "2026-11-01T11:15:00Z")
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(try world.git(sam, ["rev-list", "--parents", "-1", "HEAD"], as: .sam).stdout.split(separator: " ").count == 3, "a merge commit")
        let pushed = try world.git(sam, ["push", "origin", "main"], as: .sam, serverNow: "2026-11-01T11:15:30Z")
        #expect(pushed.status == 0, "Rae's resolution is not Sam's: \(pushed.stderr)")
        let audit = try coe(["audit"], in: sam)
        #expect(audit.status == 0 && !audit.stdout.contains("[P10]"), "\(audit.stdout)")
    }

    @Test func aSecretInAnyPushedCommitOrFileKindIsRefused() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        let key = "AKIA" + "IOSFODNN7EXAMPL3"
        // Added inside an SVG in one commit, removed in the next: the tip is clean, the history is not.
        try world.write(casey, "\(folder)/attachments/architecture.svg",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- aws_access_key_id = \(key) --></svg>\n")
        try world.git(casey, ["add", "-A"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Diagram"], at: "2026-11-01T10:00:00Z")
        try world.git(casey, ["rm", "-q", "\(folder)/attachments/architecture.svg"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Remove the diagram"], at: "2026-11-01T10:01:00Z")
        // Outside the COE root too.
        try world.write(casey, "deploy/notes.txt", "token: ghp_" + "0123456789abcdefghijABCDEFGHIJ012345\n")
        try world.git(casey, ["add", "-A"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Notes"], at: "2026-11-01T10:02:00Z")
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD"], in: casey)
        #expect(check.status == 1 && check.stdout.contains("architecture.svg") && check.stdout.contains("deploy/notes.txt"), "\(check.stdout)")
        let before = try world.serverHead()
        let push = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T10:03:00Z")
        #expect(push.status != 0 && push.stderr.contains("\(folder)/attachments/architecture.svg")
                && push.stderr.contains("adds an AWS access key") && push.stderr.contains("git rebase -i")
                && push.stderr.contains("deploy/notes.txt"), "\(push.stderr)")
        #expect(try world.serverHead() == before)
        // The client's pre-push says so before anything leaves.
        let prePush = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:03:00Z")
        #expect(prePush.status != 0 && prePush.stderr.contains("[B6]") && prePush.stderr.contains("architecture.svg"), "\(prePush.stderr)")
        // In a commit's message, and in what a tag points to when it is no commit.
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        try world.git(casey, ["commit", "-q", "--allow-empty", "--no-verify", "-m", "Deploy with aws_access_key_id = " + key], at: "2026-11-01T10:04:00Z")
        let message = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T10:05:00Z")
        #expect(message.status != 0 && message.stderr.contains("(its message)") && message.stderr.contains("an AWS access key"), "\(message.stderr)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        try world.write(casey, "loose.txt", "aws_access_key_id = \(key)\n")
        let blob = try world.git(casey, ["hash-object", "-w", "loose.txt"]).stdout.trimmed
        try world.git(casey, ["tag", "loose", blob])
        let tagged = try world.git(casey, ["push", "--no-verify", "origin", "loose"], serverNow: "2026-11-01T10:05:00Z")
        #expect(tagged.status != 0 && tagged.stderr.contains("blob \(blob.prefix(8))"), "\(tagged.stderr)")
    }

    @Test func theAuditListsWitnessedHistoryNoBranchHoldsNow() throws {
        let world = try HookWorld()
        let rae = try world.clone("rae", as: .rae)
        try world.git(rae, ["checkout", "-q", "-b", "topic"])
        #expect(try world.coeAs(rae, ["comment", "k7qm", "-m", "A thought."], as: .rae, at: "2026-11-01T09:30:00Z").status == 0)
        #expect(try world.git(rae, ["push", "-q", "origin", "topic"], as: .rae, serverNow: "2026-11-01T09:30:30Z").status == 0)
        // The branch goes (not protected): the comment the server saw is in no history now.
        #expect(try world.git(rae, ["push", "-q", "origin", "--delete", "topic"], as: .rae, serverNow: "2026-11-01T09:40:00Z").status == 0)
        let audit = try coe(["audit", "--repo", world.server], in: world.scratch.path)
        let record = try FileManager.default.contentsOfDirectory(atPath: "\(rae)/\(folder)/review")[0]
        #expect(audit.stdout.contains("History the server saw that no branch holds now")
                && audit.stdout.contains("added review records no history holds: \(folder)/review/\(record)"), "\(audit.stdout)\(audit.stderr)")
        let json = try coe(["audit", "--repo", world.server, "--format", "json"], in: world.scratch.path)
        #expect(json.stdout.contains("\"vanished\" : [") && json.stdout.contains("\"records_added\""), "\(json.stdout)")
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
