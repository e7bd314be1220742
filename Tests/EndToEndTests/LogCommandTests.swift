import Foundation
import Testing
import TestSupport

/// `coe log` as a process.
@Suite struct LogCommandTests {
    @Test func logListsChangesAsTextAndJSON() throws {
        let fixture = try GitFixture()
        let folder = "coes/\(exampleCOEID)"
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(folder)")
        try fixture.commitAll("Add the COE", date: "2026-11-01T10:00:00Z")
        let text = try fixture.scratch.read("\(folder)/actions/A6.yaml")
        try fixture.write("\(folder)/actions/A6.yaml", text.replacingOccurrences(of: "due: 2026-11-27", with: "due: 2027-01-15"))
        let edit = try fixture.commitAll("Move A6", date: "2026-11-02T09:30:00+01:00")

        let log = try coe(["log", "k7qm"], in: fixture.path)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.hasPrefix("commit \(edit)\nAuthor: Casey Author <author@example.com>\nDate:   2026-11-02T09:30:00+01:00\n\n    Move A6\n\n  - A6 due 2026-11-27 → 2027-01-15\n"))
        #expect(log.stdout.contains("    Add the COE\n\n  - created\n"))

        let json = try coe(["log", exampleCOEID, "--format", "json"], in: fixture.path)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(Set(entries[0].keys) == ["commit", "author", "date", "committer_date", "subject", "path", "status_from", "status_to", "after_approval", "changes"])
        #expect(entries[0]["commit"] as? String == edit)
        let change = try #require((entries[0]["changes"] as? [[String: Any]])?.first)
        #expect(change["kind"] as? String == "action-changed" && change["item"] as? String == "A6" && change["field"] as? String == "due")
        #expect(change["from"] as? String == "2026-11-27" && change["to"] as? String == "2027-01-15")

        let older = try coe(["log", "k7qm", "--rev", "HEAD~1", "--format", "json"], in: fixture.path)
        #expect((try JSONSerialization.jsonObject(with: Data(older.stdout.utf8)) as? [Any])?.count == 1)
        #expect(try coe(["log", "k7qm", "--rev", "no-such-branch"], in: fixture.path).status == 2)
    }

    @Test func aShallowCloneExitsTwo() throws {
        let fixture = try GitFixture()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("one")
        try fixture.write("README", "x\n")
        try fixture.commitAll("two")
        let scratch = try ScratchFolder()
        try run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + fixture.path, "shallow"], in: scratch.path)
        let result = try coe(["log", "k7qm"], in: scratch.path + "/shallow")
        #expect(result.status == 2)
        #expect(result.stderr.contains("history is incomplete"))
        let blame = try coe(["blame", "k7qm"], in: scratch.path + "/shallow")
        #expect(blame.status == 2 && blame.stderr.contains("history is incomplete"))
    }

    /// Objects left out by a partial clone: every history command stops with exit 2 and says why.
    @Test func aPartialCloneExitsTwo() throws {
        let fixture = try GitFixture()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("one")
        let yaml = fixture.path + "/coes/\(exampleCOEID)/coe.yaml"
        try fixture.write("coes/\(exampleCOEID)/coe.yaml", try String(contentsOfFile: yaml, encoding: .utf8) + "# edited\n")
        try fixture.commitAll("two")
        try fixture.git(["config", "uploadpack.allowFilter", "true"])
        let scratch = try ScratchFolder()
        try run("/usr/bin/git", ["clone", "-q", "--filter=tree:0", "file://" + fixture.path, "partial"], in: scratch.path)
        for command in [["log", "k7qm"], ["audit"], ["check", "--base", "HEAD~1", "--head", "HEAD"]] {
            let result = try coe(command, in: scratch.path + "/partial")
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr.contains("history is incomplete") && result.stderr.contains("partial clone"), "\(command): \(result.stderr)")
        }
    }
}
