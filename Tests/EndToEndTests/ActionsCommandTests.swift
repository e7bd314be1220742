import Foundation
import Testing
import TestSupport

/// `coe actions` as a process: every COE's action items, filtered, in each format, and the overdue report's
/// exit code.
@Suite struct ActionsCommandTests {
    /// The example COE (six items, all done) and a second one whose A2 is open and due 2026-11-20, owned by
    /// a team the configuration does not know, and whose A1 is in progress and due 2027-01-15.
    func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: coes\nteams: [payments team, deployment tooling team, payments platform team]\n")
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        let second = "coes/2026-11-02-q8x2m4k7pw"
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(second)")
        let metadata = try fixture.scratch.read("\(second)/coe.yaml")
        try fixture.write("\(second)/coe.yaml", metadata.replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: 2026-11-02-q8x2m4k7pw"))
        // The second COE's items give no evidence.
        for action in 1...6 {
            let text = try fixture.scratch.read("\(second)/actions/A\(action).yaml")
            try fixture.write("\(second)/actions/A\(action).yaml",
                              text.split(separator: "\n").filter { !$0.hasPrefix("evidence:") }.joined(separator: "\n") + "\n")
        }
        let a2 = try fixture.scratch.read("\(second)/actions/A2.yaml")
        try fixture.write("\(second)/actions/A2.yaml", a2.replacingOccurrences(of: "owner: deployment tooling team", with: "owner: Release, \"Ops\"")
            .replacingOccurrences(of: "status: done\ndone_on: 2026-11-18\ndone_by: deployment tooling team\n", with: "status: open\n"))
        let a1 = try fixture.scratch.read("\(second)/actions/A1.yaml")
        let open = a1.split(separator: "\n").filter { !$0.hasPrefix("done_on:") && !$0.hasPrefix("done_by:") }
            .map { $0.hasPrefix("status:") ? "status: in-progress" : $0.hasPrefix("due:") ? "due: 2027-01-15" : String($0) }
        try fixture.write("\(second)/actions/A1.yaml", open.joined(separator: "\n") + "\n")
        // A long title that is not ASCII: cut by characters, not bytes.
        let a3 = try fixture.scratch.read("\(second)/actions/A3.yaml")
        try fixture.write("\(second)/actions/A3.yaml", a3.replacingOccurrences(
            of: "title: Add a canary stage that stops configuration rollouts on checkout errors",
            with: "title: Réduire à moins de 3 minutes le retour arrière de la configuration d’une région"))
        try fixture.commitAll("Two COEs")
        return fixture
    }

    @Test func listsFiltersAndReportsOverdueItems() throws {
        let fixture = try repository()
        let all = try coe(["actions", "--today", "2026-11-30", "--color", "never"], in: fixture.path)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasSuffix("12 action items, 2 open, 1 overdue\n"), "\(all.stdout)")
        #expect(all.stdout.contains("2026-11-02-q8x2m4k7pw  A2      Release, \"Ops\" (orphaned)  high      2026-11-20  -10d  -      open "), "\(all.stdout)")
        #expect(all.stdout.contains("2026-11-02-q8x2m4k7pw  A1      payments platform team     high      2027-01-15  46d   -      in-progress"),
                "\(all.stdout)")
        // Titles are cut to 60 characters, the 60th an ellipsis; a shorter one is whole.
        #expect(all.stdout.contains("  Require explicit connection-pool sizes in production config…\n"), "\(all.stdout)")
        #expect(all.stdout.contains("  Roll back one region's configuration in under 3 minutes\n"), "\(all.stdout)")
        #expect(all.stdout.contains("  Réduire à moins de 3 minutes le retour arrière de la config…\n"), "\(all.stdout)")
        // The overdue report: exit 1 when any, 0 when none.
        let overdue = try coe(["actions", "--overdue", "--today", "2026-11-30", "--color", "never"], in: fixture.path)
        #expect(overdue.status == 1 && overdue.stdout.hasSuffix("1 action item, 1 open, 1 overdue\n"), "\(overdue.stdout)")
        let none = try coe(["actions", "--overdue", "--today", "2026-11-19"], in: fixture.path)
        #expect(none.status == 0 && none.stdout == "No action items match.\n", "\(none.stdout)")
        // Filters combine.
        let json = try coe(["actions", "--today", "2026-11-30", "--status", "in-progress", "--coe", "q8x2", "--format", "json"], in: fixture.path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["action"] as? String == "A1" && rows[0]["days_left"] as? Int == 46
                && rows[0]["overdue"] as? Bool == false && rows[0]["coe"] as? String == "2026-11-02-q8x2m4k7pw", "\(json.stdout)")
        let owned = try coe(["actions", "--team", "payments team", "--today", "2026-11-30", "--format", "json"], in: fixture.path)
        let ownedRows = try #require(try JSONSerialization.jsonObject(with: Data(owned.stdout.utf8)) as? [[String: Any]])
        #expect(ownedRows.count == 2 && ownedRows.allSatisfy { $0["owner"] as? String == "payments team" }, "\(owned.stdout)")
        let before = try coe(["actions", "--due-before", "2026-10-31", "--today", "2026-11-30", "--format", "json"], in: fixture.path)
        #expect(try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [[String: Any]]).count == 3, "A1 and A4 of the first COE, A4 of the second")
        // Usage errors: a team the configuration does not know, a COE that does not exist.
        let team = try coe(["actions", "--team", "nobody"], in: fixture.path)
        #expect(team.status == 2 && team.stderr.contains("'nobody' is not a configured team"), "\(team.stderr)")
        #expect(try coe(["actions", "--coe", "zzzz"], in: fixture.path).status == 2)
    }

    @Test func csvAndMarkdownAreFitForOtherTools() throws {
        let fixture = try repository()
        let csv = try coe(["actions", "--overdue", "--today", "2026-11-30", "--format", "csv"], in: fixture.path)
        #expect(csv.status == 1)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "coe,coe_title,action,title,owner,priority,due,days_left,status,ticket,overdue,orphaned,slips,evidence")
        #expect(lines[1] == "2026-11-02-q8x2m4k7pw,Customers unable to complete checkout in the EU region,A2,"
                + "Show the rendered configuration per region in configuration reviews,\"Release, \"\"Ops\"\"\",high,2026-11-20,-10,open,"
                + "DEPLOY-9120,true,true,0,", "\(lines)")
        #expect(lines.count == 3 && lines[2].isEmpty)
        let markdown = try coe(["actions", "--overdue", "--today", "2026-11-30", "--format", "markdown"], in: fixture.path)
        #expect(markdown.stdout.contains("| `2026-11-02-q8x2m4k7pw` | A2 | Release, \"Ops\" | high | 2026-11-20 | **-10** |  | open | DEPLOY-9120 |"),
                "\(markdown.stdout)")
    }

    @Test func anUnreadableCOEIsNamedAndFailsTheRun() throws {
        let fixture = try repository()
        try fixture.write("coes/2026-11-02-q8x2m4k7pw/coe.yaml", "id: [\n")
        let result = try coe(["actions", "--today", "2026-11-30", "--color", "never"], in: fixture.path)
        #expect(result.status == 1 && result.stdout.contains("coes/2026-11-02-q8x2m4k7pw: could not be read")
                && result.stdout.contains("6 action items, 0 open, 0 overdue"), "\(result.stdout)")
    }
}

extension ActionsCommandTests {
    @Test func remindGroupsWhatIsDueSoonAndOverdueByOwner() throws {
        let fixture = try repository()
        // 2026-11-18: A2 of the second COE is due in 2 days; 2027-01-14: A1 due tomorrow, A2 long overdue.
        let soon = try coe(["remind", "--today", "2026-11-18", "--color", "never"], in: fixture.path)
        #expect(soon.status == 0 && soon.stdout == "Release, \"Ops\"\n  due 2026-11-20 (in 2 days): A2 Show the rendered configuration "
                + "per region in configuration reviews (2026-11-02-q8x2m4k7pw, DEPLOY-9120)\n", "\(soon.stdout)")
        let later = try coe(["remind", "--today", "2027-01-14", "--format", "markdown"], in: fixture.path)
        #expect(later.stdout.contains("**payments platform team**\n\n- due 2027-01-15 (in 1 day): A1 ")
                && later.stdout.contains("**Release, \"Ops\"**\n\n- **overdue since 2026-11-20 (55 days)**: A2 "), "\(later.stdout)")
        let json = try coe(["remind", "--today", "2027-01-14", "--days", "0", "--format", "json"], in: fixture.path)
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(groups.count == 1 && groups[0]["owner"] as? String == "Release, \"Ops\"", "\(json.stdout)")
        let none = try coe(["remind", "--today", "2026-11-01"], in: fixture.path)
        #expect(none.stdout == "Nothing overdue or due within 2 days.\n", "\(none.stdout)")
        #expect(try coe(["remind", "--days", "-1"], in: fixture.path).status == 2)
    }

    /// `--verify`: each done item's evidence, by kind: a commit on the default branch of this repository or
    /// of a configured one, a link of a configured form, a ticket id of the configured form.
    @Test func verifyChecksEachDoneItemsEvidence() throws {
        let fixture = try repository()
        let other = try GitFixture()
        try other.write("README", "another repository\n")
        let elsewhere = try other.commitAll("Elsewhere")
        try fixture.write("side.txt", "x\n")
        try fixture.git(["checkout", "-q", "-b", "side"])
        let unmerged = try fixture.commitAll("Not merged")
        try fixture.git(["checkout", "-q", "main"])
        let merged = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.write(".coe.yaml", "root: coes\nteams: [payments team, deployment tooling team, payments platform team]\n"
                          + "evidence:\n  repositories: [\(other.path)]\n  urls: [https://git.example.com/]\n")
        let first = "coes/\(exampleCOEID)/actions"
        func evidence(_ action: String, _ value: String?) throws {
            let text = try fixture.scratch.read("\(first)/\(action).yaml")
            let kept = text.split(separator: "\n").filter { !$0.hasPrefix("evidence:") }.joined(separator: "\n") + "\n"
            try fixture.write("\(first)/\(action).yaml", kept + (value.map { "evidence: \"\($0)\"\n" } ?? ""))
        }
        try evidence("A1", String(merged.prefix(10)))
        try evidence("A2", "\(elsewhere.prefix(12)) PAY-4471")
        try evidence("A3", String(unmerged.prefix(10)))
        try evidence("A4", "https://elsewhere.example.com/pull/1")
        try evidence("A5", "done, trust me")
        try evidence("A6", "0123456789abcdef0123 deadbeef0")
        // A tag named like a commit id is not a commit id.
        try fixture.git(["tag", "deadbeef0", "HEAD"])
        try fixture.commitAll("Evidence")
        let result = try coe(["actions", "--verify", "--coe", exampleCOEID, "--format", "json", "--today", "2026-11-30"], in: fixture.path)
        #expect(result.status == 1, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        func problems(_ action: String) -> [String] {
            let row = rows.first { $0["action"] as? String == action }
            return ((row?["verification"] as? [String: Any])?["problems"] as? [String]) ?? ["(no verification)"]
        }
        #expect(problems("A1").isEmpty && problems("A2").isEmpty, "\(result.stdout)")
        #expect(problems("A3").first?.contains("not on main") == true && problems("A3").first?.contains("not merged") == true, "\(problems("A3"))")
        #expect(problems("A4").first?.contains("is not a link to https://git.example.com/") == true, "\(problems("A4"))")
        #expect(problems("A5").count == 1 && problems("A5")[0].contains("'done trust me' is not a commit id, a link or a ticket id"), "\(problems("A5"))")
        #expect(problems("A6").first?.hasPrefix("commit 0123456789abcdef0123 is not in this repository, \(other.path)") == true
                && problems("A6").count == 2 && problems("A6")[1].hasPrefix("commit deadbeef0 is not in this repository"), "\(problems("A6"))")
        // Only done items are verified; an item done without evidence is reported.
        let second = try coe(["actions", "--verify", "--coe", "q8x2", "--today", "2026-11-30", "--color", "never"], in: fixture.path)
        #expect(second.status == 1 && second.stdout.contains("done without evidence") && !second.stdout.contains(" A2 ")
                && second.stdout.contains("whose evidence does not hold"), "\(second.stdout)")
        let csv = try coe(["actions", "--verify", "--coe", exampleCOEID, "--format", "csv"], in: fixture.path)
        #expect(csv.stdout.hasPrefix(ActionsCSV.header + ",evidence_holds,evidence_problems\r\n"), "\(csv.stdout)")
    }

    /// The first item of a COE that has none (no `actions/` folder) is checked as lint checks it too.
    @Test func theFirstItemOfACOEWithoutItemsIsLinted() throws {
        let fixture = try repository()
        try fixture.git(["rm", "-q", "-r", "coes/2026-11-02-q8x2m4k7pw/actions"])
        try fixture.commitAll("No items yet")
        let environment = GitFixture.identity(date: "2026-11-03T10:00:00Z")
        let incomplete = try coe(["action", "add", "q8x2m4k7pw", "--title", "Page when the pool is 80% busy for 5 minutes", "--owner",
                                  "payments team", "--priority", "high", "--due", "2026-11-20"], in: fixture.path, environment: environment)
        #expect(incomplete.status == 1 && incomplete.stderr.contains("[A1]") && incomplete.stderr.contains("actions/A1.yaml"),
                "\(incomplete.stderr)")
        let added = try coe(["action", "add", "q8x2m4k7pw", "--title", "Page when the pool is 80% busy for 5 minutes", "--owner",
                             "payments team", "--priority", "high", "--due", "2026-11-20", "--ticket", "PAY-4510",
                             "--description", "An alarm on the pool's busy share."], in: fixture.path, environment: environment)
        #expect(added.status == 0 && added.stdout.contains("add action A1"), "\(added.stdout)\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/coes/2026-11-02-q8x2m4k7pw/actions/A1.yaml"))
    }
}

enum ActionsCSV {
    static let header = "coe,coe_title,action,title,owner,priority,due,days_left,status,ticket,overdue,orphaned,slips,evidence"
}
