import Foundation
import Testing
import TestSupport

/// `coe init`, `new`, `list` and `show` run as processes against real repositories.
@Suite struct CommandTests {
    func repositoryWithExample() throws -> GitFixture {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("Add example COE")
        return fixture
    }

    @Test func initCreatesARepositoryAndIsIdempotent() throws {
        let scratch = try ScratchFolder()
        let first = try coe(["init", "coes-repo"], in: scratch.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Created a git repository"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/coes-repo/.coe.yaml"))
        let again = try coe(["init"], in: scratch.path + "/coes-repo")
        #expect(again.status == 0 && again.stdout.contains("already exists"))
        let outside = try coe(["init"], in: scratch.path)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("not inside a git repository"))
    }

    @Test func newListAndShowFromASubfolder() throws {
        let fixture = try repositoryWithExample()
        let created = try coe(["new", "Delayed order confirmation e-mails", "--severity", "SEV-4", "--team", "notifications",
                               "--created", "2026-11-20"], in: fixture.path + "/coes")
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.stdout.split(separator: " ").dropFirst().first.map(String.init))
        #expect(id.hasPrefix("2026-11-20-"))

        let list = try coe(["list", "--today", "2026-11-22"], in: fixture.path + "/coes")
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains(exampleCOEID) && lines[1].contains("closed") && lines[1].contains("39d"))
        #expect(lines[2].contains(id) && lines[2].contains("draft") && lines[2].contains("2d") && lines[2].contains("SEV-4"))

        let json = try coe(["list", "--format", "json", "--status", "draft", "--today", "2026-11-22"], in: fixture.path)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["id"] as? String == id && rows.first?["age_days"] as? Int == 2 && rows.first?["path"] as? String == "coes/\(id)")

        let show = try coe(["show", "k7qm"], in: fixture.path + "/coes/\(exampleCOEID)/actions")
        #expect(show.status == 0, "\(show.stderr)")
        let parts = ["## Summary", "## Metrics and graphs", "## Customer impact", "## Incident response analysis",
                     "## Post-incident analysis", "## Timeline", "## Five whys", "## Action items", "## Lessons learned"]
        let offsets = parts.map { show.stdout.range(of: $0)?.lowerBound }
        #expect(offsets.allSatisfy { $0 != nil })
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())
        #expect(!show.stdout.contains("\u{1B}["), "no colours when not on a terminal")
        #expect(show.stdout.contains("[root cause]"))
    }

    @Test func newPrintsJSONForScripts() throws {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: \"post \\\"mortems\\\"\"\n")
        let created = try coe(["new", "Search results missing", "--severity", "SEV-3", "--team", "search", "--format", "json"], in: fixture.path)
        #expect(created.status == 0, "\(created.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])
        let id = try #require(object["id"])
        #expect(object["path"] == "post \"mortems\"/\(id)")
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/post \"mortems\"/\(id)/coe.yaml"))
    }

    @Test func repoOptionWorksFromAnywhere() throws {
        let fixture = try repositoryWithExample()
        let elsewhere = try ScratchFolder()
        let show = try coe(["show", exampleCOEID, "--format", "json", "--repo", fixture.path], in: elsewhere.path)
        #expect(show.status == 0, "\(show.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == exampleCOEID)
        #expect((object["actions"] as? [[String: Any]])?.count == 6)
    }

    /// A document that cannot be read is a finding: exit 1 for show as for list (README, "Exit codes").
    @Test func badDocumentsGivePositionedErrorsAndExitOne() throws {
        let fixture = try repositoryWithExample()
        let folder = "coes/\(exampleCOEID)"
        try fixture.write("\(folder)/actions/A3.yaml", "title: Canary stage\npriority: urgent\nowner: [a, b]\n")
        let show = try coe(["show", exampleCOEID], in: fixture.path)
        #expect(show.status == 1)
        #expect(show.stdout.isEmpty)
        #expect(show.stderr.contains("\(folder)/actions/A3.yaml:2:11: error 'priority' must be one of high, medium, low; found 'urgent'"))
        #expect(show.stderr.contains("\(folder)/actions/A3.yaml:3:8: error 'owner' must be a single value"))
        // A listing reads coe.yaml only (and checks the folder's entries): a bad action item is lint's and show's.
        #expect(try coe(["list"], in: fixture.path).status == 0)
        let metadata = fixture.path + "/\(folder)/coe.yaml"
        let text = try String(contentsOfFile: metadata, encoding: .utf8)
        try text.replacingOccurrences(of: "severity: SEV-2", with: "severity: SEV-9").write(toFile: metadata, atomically: true, encoding: .utf8)
        let list = try coe(["list"], in: fixture.path)
        #expect(list.status == 1)
        #expect(list.stdout.contains("unreadable"))
    }

    @Test func usageErrorsExitTwoAndHelpHasExamples() throws {
        let fixture = try GitFixture()
        let bogus = try coe(["list", "--bogus"], in: fixture.path)
        #expect(bogus.status == 2)
        let missing = try coe(["new", "Title"], in: fixture.path)
        #expect(missing.status == 2 && missing.stderr.contains("--severity"))
        let long = try coe(["new", Array(repeating: "word", count: 20).joined(separator: " "), "--severity", "SEV-2", "--team", "x"], in: fixture.path)
        #expect(long.status == 2 && long.stderr.contains("fewer than 20"))
        let traversal = try coe(["show", "../../etc"], in: fixture.path)
        #expect(traversal.status == 2 && traversal.stderr.contains("not a COE id"))
        for command in ["init", "new", "list", "show"] {
            let help = try coe([command, "--help"], in: fixture.path)
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command) --help has examples")
        }
    }
}
