import Foundation
import Testing
import TestSupport

/// Local checks that match the gates (issue 14), with the built `coe` on real repositories: `lint --as
/// review`, `--min-level`, the pre-commit hook given file names, and a real shallow clone.
@Suite struct LocalChecksTests {
    let folder = "coes/\(exampleCOEID)"

    /// A repository holding the example COE as a draft whose impact gives a wrong percentage (I3: an
    /// error, which the draft floor reports as a warning).
    func draftWithAnError() throws -> GitFixture {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyExampleCOE(to: fixture.path + "/\(folder)")
        let metadata = try fixture.scratch.read("\(folder)/coe.yaml")
        try fixture.write("\(folder)/coe.yaml", metadata.replacingOccurrences(of: "status: closed", with: "status: draft"))
        let impact = try fixture.scratch.read("\(folder)/impact.md")
        try fixture.write("\(folder)/impact.md", impact.replacingOccurrences(of: "(7.6 percent) failed.", with: "(6.7 percent) failed."))
        try fixture.commitAll("Add a draft")
        return fixture
    }

    @Test func asReviewShowsTheErrorsSubmitRefuses() throws {
        let fixture = try draftWithAnError()
        let asWritten = try coe(["lint", "--today", "2026-11-22"], in: fixture.path)
        #expect(asWritten.status == 0, "\(asWritten.stdout)")
        #expect(asWritten.stdout.contains("\(folder)/impact.md:4:2: warning [I3]"), "\(asWritten.stdout)")
        // Submit lints as of its commit's date (GitFixture.identity's): so does this.
        let asReview = try coe(["lint", "--as", "review", "--today", "2026-11-01"], in: fixture.path)
        #expect(asReview.status == 1, "\(asReview.stdout)")
        #expect(asReview.stdout.contains("\(folder)/impact.md:4:2: error [I3]"), "\(asReview.stdout)")
        // Submit refuses what --as review reports as errors, and no more.
        let submit = try coe(["submit", exampleCOEID], in: fixture.path, environment: GitFixture.identity())
        #expect(submit.status == 1 && submit.stderr.contains("[I3]"), "\(submit.stderr)")
        let errors = asReview.stdout.split(separator: "\n").filter { $0.contains(": error [") }.count
        #expect(submit.stderr.contains("\(errors) error\(errors == 1 ? "" : "s")"), "\(submit.stderr)")
        let usage = try coe(["lint", "--as", "published"], in: fixture.path)
        #expect(usage.status == 2 && usage.stderr.contains("status"), "\(usage.stderr)")
    }

    @Test func minLevelFiltersWhatIsPrintedNotTheExitCode() throws {
        let fixture = try draftWithAnError()
        let hidden = try coe(["lint", "--min-level", "error", "--today", "2026-11-22"], in: fixture.path)
        #expect(hidden.status == 0 && !hidden.stdout.contains("warning ["), "\(hidden.stdout)")
        let errors = try coe(["lint", "--as", "review", "--min-level", "error", "--format", "json", "--today", "2026-11-22"], in: fixture.path)
        #expect(errors.status == 1 && errors.stdout.contains("\"I3\"") && !errors.stdout.contains("\"warning\""), "\(errors.stdout)")
        // Hidden warnings do not change the exit code either way.
        let warnings = try coe(["lint", "--min-level", "warning", "--today", "2026-11-22"], in: fixture.path)
        #expect(warnings.status == 0 && warnings.stdout.contains("warning [I3]"), "\(warnings.stdout)")
        #expect(try coe(["lint", "--min-level", "loud"], in: fixture.path).status == 2)
        #expect(try coe(["check", "--base", "HEAD", "--min-level", "loud"], in: fixture.path).status == 2)
    }

    @Test func preCommitLintsTheCOEsOfTheFilesItIsGiven() throws {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyExampleCOE(to: fixture.path + "/\(folder)")
        let metadata = try fixture.scratch.read("\(folder)/coe.yaml")
        try fixture.write("\(folder)/coe.yaml", metadata + "colour: red\n")
        try fixture.commitAll("A COE with an unknown key, committed without the hook")
        // Nothing staged: git's own pre-commit has nothing to check.
        #expect(try coe(["hook", "pre-commit"], in: fixture.path).status == 0)
        // Named files (the pre-commit framework's --all-files): their COEs are linted, other files ignored.
        let named = try coe(["hook", "pre-commit", ".coe.yaml", "\(folder)/summary.md"], in: fixture.path)
        #expect(named.status == 1 && named.stderr.contains("[S3] unknown key 'colour'"), "\(named.stderr)")
        #expect(named.stderr.contains("git commit --no-verify skips this hook"), "\(named.stderr)")
        // Run by the framework (PRE_COMMIT=1), the way out is the framework's.
        let framework = try coe(["hook", "pre-commit", "\(folder)/coe.yaml"], in: fixture.path, environment: ["PRE_COMMIT": "1"])
        #expect(framework.status == 1 && framework.stderr.contains("SKIP=coe-lint git commit skips this hook"), "\(framework.stderr)")
        // Paths are read from the current folder, as a shell gives them.
        let relative = try coe(["hook", "pre-commit", "\(exampleCOEID)/summary.md"], in: fixture.path + "/coes")
        #expect(relative.status == 1, "\(relative.stderr)")
        #expect(try coe(["hook", "pre-commit", "README.md"], in: fixture.path).status == 0)
    }

    /// A real `git clone --depth 1`: lint and the pre-commit hook work, with a note for B1.history;
    /// every command that needs the history refuses it, saying `git fetch --unshallow`.
    @Test func aShallowCloneLintsAndNamesUnshallow() throws {
        let origin = try GitFixture()
        #expect(try coe(["init"], in: origin.path).status == 0)
        try copyExampleCOE(to: origin.path + "/\(folder)")
        try origin.commitAll("Add the COE")
        try origin.write("notes.txt", "one\n")
        try origin.commitAll("Notes", date: "2026-11-02T10:00:00Z")
        try origin.write("notes.txt", "two\n")
        try origin.commitAll("More notes", date: "2026-11-03T10:00:00Z")
        let scratch = try ScratchFolder()
        let clone = scratch.path + "/clone"
        let cloned = try run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + origin.path, clone], in: scratch.path)
        try #require(cloned.status == 0, "\(cloned.stderr)")
        #expect(try run("/usr/bin/git", ["rev-parse", "--is-shallow-repository"], in: clone).stdout == "true\n")

        let lint = try coe(["lint", "--today", "2026-11-22"], in: clone)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect(lint.stdout.contains(".git: note [B1.history] a shallow clone") && lint.stdout.contains("git fetch --unshallow"), "\(lint.stdout)")
        #expect(lint.stdout.hasSuffix("0 errors, 0 warnings in 1 COE\n"), "\(lint.stdout)")
        #expect(try coe(["lint", "--staged"], in: clone).status == 0)
        #expect(try coe(["show", exampleCOEID], in: clone).status == 0)
        #expect(try coe(["list"], in: clone).status == 0)

        // The pre-commit hook, as git runs it, on a staged change.
        let impact = try String(contentsOfFile: clone + "/\(folder)/impact.md", encoding: .utf8)
        try impact.replacingOccurrences(of: "(7.6 percent) failed.", with: "(6.7 percent) failed.")
            .write(toFile: clone + "/\(folder)/impact.md", atomically: true, encoding: .utf8)
        #expect(try run("/usr/bin/git", ["add", "-A"], in: clone).status == 0)
        let hook = try coe(["hook", "pre-commit"], in: clone, environment: ["COE_NOW": "2026-11-22T12:00:00Z"])
        #expect(hook.status == 1 && hook.stderr.contains("[I3]") && !hook.stderr.contains("partial clone"), "\(hook.stderr)")

        // Review steps that judge the history (an approval's period and approver) are refused too.
        for arguments in [["log", exampleCOEID], ["blame", exampleCOEID], ["audit"], ["check", "--base", "HEAD"], ["approve", "k7qm"]] {
            let refused = try coe(arguments, in: clone, environment: GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com"))
            #expect(refused.status == 2 && refused.stderr.contains("git fetch --unshallow"), "\(arguments): \(refused.stderr)")
        }
    }
}
