import Foundation
import Testing
import TestSupport

/// coe as hooks of the real pre-commit framework (installed from PyPI into a virtual environment),
/// which builds this package with `swift build -c release` from a clone at the tested commit.
@Suite struct PreCommitFrameworkTests {
    @Test(.timeLimit(.minutes(12)))
    func theFrameworkBuildsCoeAndRunsBothHooks() throws {
        // The framework's virtual environment is kept under .build (never committed) and reused.
        let cache = packageRoot + "/.build/pre-commit-framework"
        let venv = cache + "/venv"
        if !FileManager.default.isExecutableFile(atPath: venv + "/bin/pre-commit") {
            try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
            let created = try run("/usr/bin/env", ["python3", "-m", "venv", venv], in: cache)
            #expect(created.status == 0, "\(created.stderr)")
            let installed = try run(venv + "/bin/pip", ["install", "-q", "pre-commit"], in: cache)
            try #require(installed.status == 0, "pip install pre-commit: \(installed.stderr)")
        }
        // One build per tested commit: the framework's clones of earlier commits are removed, not piled up.
        try? FileManager.default.removeItem(atPath: cache + "/home")
        let revision = try run("/usr/bin/git", ["rev-parse", "HEAD"], in: packageRoot).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let environment = ["PRE_COMMIT_HOME": cache + "/home", "PATH": venv + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]

        let server = try GitFixture(bare: true)
        let fixture = try GitFixture()
        try fixture.git(["remote", "add", "origin", server.path])
        try fixture.write(".pre-commit-config.yaml", """
            repos:
              - repo: \(packageRoot)
                rev: \(revision)
                hooks:
                  - id: coe-lint
                  - id: coe-process

            """)
        try copyExampleCOE(to: fixture.path + "/coes/\(exampleCOEID)")
        let text = try fixture.scratch.read("coes/\(exampleCOEID)/coe.yaml")
        try fixture.write("coes/\(exampleCOEID)/coe.yaml", text.replacingOccurrences(of: "status: closed", with: "status: draft"))
        let install = try run(venv + "/bin/pre-commit", ["install", "--hook-type", "pre-commit", "--hook-type", "pre-push"], in: fixture.path, environment: environment)
        #expect(install.status == 0, "\(install.stderr)")
        try fixture.git(["add", "-A"])
        // The first commit makes the framework clone this package at the tested commit and build it (minutes).
        let first = try run("/usr/bin/git", ["commit", "-q", "-m", "Add the COE"], in: fixture.path, environment: environment.merging(GitFixture.identity()) { $1 })
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")

        try fixture.write("coes/\(exampleCOEID)/coe.yaml", try fixture.scratch.read("coes/\(exampleCOEID)/coe.yaml") + "colour: red\n")
        try fixture.git(["add", "-A"])
        let blocked = try run("/usr/bin/git", ["commit", "-q", "-m", "Add a colour"], in: fixture.path, environment: environment.merging(GitFixture.identity()) { $1 })
        #expect(blocked.status != 0 && (blocked.stdout + blocked.stderr).contains("[S3] unknown key 'colour'"), "\(blocked.stdout)\(blocked.stderr)")
        // The framework sets PRE_COMMIT=1: the way round the hook is the framework's.
        #expect((blocked.stdout + blocked.stderr).contains("SKIP=coe-lint git commit skips this hook"), "\(blocked.stdout)\(blocked.stderr)")
        try fixture.git(["checkout", "-q", "HEAD", "--", "."])

        // A COE with an error committed past the hook: `pre-commit run --all-files` passes every file's name,
        // and the hook lints every COE they are in (it used to report Passed, having nothing staged).
        try fixture.write("coes/\(exampleCOEID)/coe.yaml", try fixture.scratch.read("coes/\(exampleCOEID)/coe.yaml") + "colour: red\n")
        try fixture.git(["commit", "-q", "--no-verify", "-am", "Past the hook"])
        let all = try run(venv + "/bin/pre-commit", ["run", "coe-lint", "--all-files"], in: fixture.path, environment: environment)
        #expect(all.status == 1 && all.stdout.contains("Failed") && all.stdout.contains("[S3] unknown key 'colour'"), "\(all.stdout)\(all.stderr)")
        let named = try run(venv + "/bin/pre-commit", ["run", "coe-lint", "--files", "coes/\(exampleCOEID)/summary.md"], in: fixture.path,
                            environment: environment)
        #expect(named.status == 1 && named.stdout.contains("[S3] unknown key 'colour'"), "\(named.stdout)\(named.stderr)")
        try fixture.git(["reset", "-q", "--hard", "HEAD~1"])
        let clean = try run(venv + "/bin/pre-commit", ["run", "coe-lint", "--all-files"], in: fixture.path, environment: environment)
        #expect(clean.status == 0 && clean.stdout.contains("Passed"), "\(clean.stdout)\(clean.stderr)")

        // A forbidden move pushed: draft → approved, by hand.
        try fixture.write("coes/\(exampleCOEID)/coe.yaml", text.replacingOccurrences(of: "status: closed", with: "status: approved"))
        try fixture.git(["commit", "-q", "--no-verify", "-am", "Approve directly"], environment: GitFixture.identity(date: "2026-11-02T10:00:00Z"))
        let push = try run("/usr/bin/git", ["push", "origin", "main"], in: fixture.path, environment: environment)
        #expect(push.status != 0 && (push.stdout + push.stderr).contains("[P1] draft → approved is not an allowed status move"), "\(push.stdout)\(push.stderr)")

        // A shallow clone (CI's default): the hook lints what is staged, with a note that names from
        // history were not looked for, and never fails for want of history.
        let shallow = fixture.path + "-shallow"
        defer { try? FileManager.default.removeItem(atPath: shallow) }
        let cloned = try run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + fixture.path, shallow], in: fixture.path)
        try #require(cloned.status == 0, "\(cloned.stderr)")
        let metadata = shallow + "/coes/\(exampleCOEID)/coe.yaml"
        try (try String(contentsOfFile: metadata, encoding: .utf8) + "colour: red\n").write(toFile: metadata, atomically: true, encoding: .utf8)
        #expect(try run("/usr/bin/git", ["add", "-A"], in: shallow).status == 0)
        let lint = try run(venv + "/bin/pre-commit", ["run", "coe-lint"], in: shallow, environment: environment)
        let output = lint.stdout + lint.stderr
        #expect(lint.status == 1 && output.contains("[S3] unknown key 'colour'") && output.contains("note [B1.history] a shallow clone")
                && !output.contains("history is incomplete"), "\(output)")
    }
}
