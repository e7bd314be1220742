import Foundation
import Testing
import TestSupport

/// `coe lint` as a process on real repositories: exit codes, formats, the index, names from history.
@Suite struct LintCommandTests {
    let folder = "coes/\(exampleCOEID)"

    func repositoryWithExample() throws -> GitFixture {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(folder)")
        try fixture.commitAll("Add example COE")
        return fixture
    }

    func replace(_ fixture: GitFixture, _ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old))
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    @Test func cleanExitsZeroErrorsExitOne() throws {
        let fixture = try repositoryWithExample()
        let clean = try coe(["lint", "--today", "2026-11-22"], in: fixture.path)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout == "0 errors, 0 warnings in 1 COE\n")
        try replace(fixture, "impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        let bad = try coe(["lint", "k7qm", "--today", "2026-11-22"], in: fixture.path + "/coes")
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\(folder)/impact.md:4:2: error [I3] 18,432 of 241,106 is 7.6 percent, not 6.7"))
        let usage = try coe(["lint", "--format", "xml"], in: fixture.path)
        #expect(usage.status == 2)
        let missing = try coe(["lint", "nope"], in: fixture.path)
        #expect(missing.status == 2 && missing.stderr.contains("no COE with id 'nope'"))
    }

    @Test func lintsFoldersByPathLikeDocsExamples() throws {
        let fixture = try GitFixture()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/docs/examples/\(exampleCOEID)")
        try fixture.commitAll("docs")
        let result = try coe(["lint", "docs/examples", "--today", "2026-11-22"], in: fixture.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("in 1 COE\n"))
        let outside = try ScratchFolder()
        #expect(try coe(["lint", outside.path], in: fixture.path).status == 2)
    }

    @Test func stagedReadsTheIndexNotTheWorkTree() throws {
        let fixture = try repositoryWithExample()
        // Nothing staged: nothing to check.
        let nothing = try coe(["lint", "--staged"], in: fixture.path)
        #expect(nothing.status == 0 && nothing.stdout == "0 errors, 0 warnings in 0 COEs\n")
        // Stage a wrong percentage, then fix it only in the work tree.
        try replace(fixture, "impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        try fixture.git(["add", "-A"])
        try replace(fixture, "impact.md", "(6.7 percent) failed.", "(7.6 percent) failed.")
        let staged = try coe(["lint", "--staged", "--today", "2026-11-22"], in: fixture.path)
        #expect(staged.status == 1, "\(staged.stdout)")
        #expect(staged.stdout.contains("[I3]"))
        #expect(try coe(["lint", "--today", "2026-11-22"], in: fixture.path).status == 0)
        // The other way round: clean in the index, broken only on disk.
        try fixture.git(["add", "-A"])
        try replace(fixture, "impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        #expect(try coe(["lint", "--staged", "--today", "2026-11-22"], in: fixture.path).status == 0)
    }

    @Test func namesFromTheRepositoryHistoryAreFound() throws {
        let fixture = try repositoryWithExample()
        try fixture.write("notes.txt", "x\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "by Jordan"], environment: GitFixture.identity(name: "Jordan Rivera", email: "jordan@example.com"))
        try replace(fixture, "analysis.md", "The change was reviewed,", "The change was reviewed by jordan rivera's team,")
        let result = try coe(["lint", "--today", "2026-11-22"], in: fixture.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(folder)/analysis.md:7:28: error [B1.history]"), "\(result.stdout)")
        // The names are cached in the git directory, never in the work tree.
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/.git/coe/people"))
        #expect(try fixture.git(["status", "--porcelain", "--", ".git"]).isEmpty)
    }

    @Test func formatsForMachines() throws {
        let fixture = try repositoryWithExample()
        try replace(fixture, "impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        let json = try coe(["lint", "--format", "json", "--today", "2026-11-22"], in: fixture.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["errors"] == 1)
        let github = try coe(["lint", "--format", "github", "--today", "2026-11-22"], in: fixture.path)
        #expect(github.stdout.hasPrefix("::error file=\(folder)/impact.md,line=4,col=2,title=coe I3::"))
        let sarif = try coe(["lint", "--format", "sarif", "--today", "2026-11-22"], in: fixture.path)
        #expect((try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])?["version"] as? String == "2.1.0")
        #expect(!json.stdout.contains("\u{1B}[") && !github.stdout.contains("\u{1B}["))
    }

    @Test func configurationMistakesAreReported() throws {
        let fixture = try repositoryWithExample()
        try fixture.write(".coe.yaml", "rules:\n  B44: off\n")
        let result = try coe(["lint", "--today", "2026-11-22"], in: fixture.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains(".coe.yaml:2:3: error [S3] unknown rule 'B44' in rules; did you mean 'B4'?"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("1 error, 0 warnings in 1 COE\n"), "the configuration is not counted as a COE")
    }

    @Test func rulesCommandListsEveryRule() throws {
        let fixture = try GitFixture()
        let result = try coe(["rules"], in: fixture.path)
        #expect(result.status == 0)
        // The lint rules, then a header and the process rules (P1–P7, P10–P13), then a header and the gate rules.
        #expect(result.stdout.split(separator: "\n").count == 57 + 1 + 11 + 1 + 3)
        #expect(result.stdout.contains("P10            error   Who resolves a thread\n"), "\(result.stdout)")
        #expect(result.stdout.contains("I3             error   Ratio arithmetic"))
        #expect(result.stdout.contains("process rules (docs/process-rules.md):\nP1             error   Allowed status moves\n"))
    }
}
