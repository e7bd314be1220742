import Foundation
import Testing
import TestSupport

/// The CI examples of docs/ci/ (which no test can run: they need GitHub and GitLab) keep what issue 14
/// asked of them: apt-get update before apt-get install, the built coe cached between runs and built only
/// without it, and a comment that cannot fail the job on a pull request from a fork.
@Suite struct CIExamplesTests {
    func example(_ name: String) throws -> String { try String(contentsOfFile: packageRoot + "/docs/ci/" + name, encoding: .utf8) }

    @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
    func updateBeforeInstallAndTheBinaryCached(_ name: String) throws {
        let text = try example(name)
        let update = try #require(text.range(of: "apt-get update"), "\(name) runs apt-get update")
        let install = try #require(text.range(of: "apt-get install"), "\(name) installs")
        #expect(update.lowerBound < install.lowerBound, "\(name): update before install")
        #expect(text.contains("COE_REF") && text.contains("cache"), "\(name) caches the built coe by the coe it pins")
        #expect(text.contains("scripts/install.sh") && text.contains("--prefix"), "\(name) installs into the cached prefix")
        #expect(text.contains("coe check --base"), "\(name)")
    }

    @Test func forksDoNotFailOnTheComment() throws {
        let github = try example("github-actions.yml")
        #expect(github.contains("if: steps.cache.outputs.cache-hit != 'true'"))
        #expect(github.contains("github.event.pull_request.head.repo.full_name == github.repository"))
        #expect(github.contains("continue-on-error: true"))
        #expect(github.contains("GITHUB_STEP_SUMMARY"))
        let gitlab = try example("gitlab-ci.yml")
        #expect(gitlab.contains("if [ ! -x .coe-tool/bin/coe ]"))
        #expect(gitlab.contains("|| echo \"coe: could not comment"))
    }

    /// The options the examples give exist (a usage error would fail every pull request).
    @Test func theCommandsTheyRunParse() throws {
        let scratch = try ScratchFolder()
        for format in ["github", "markdown"] {
            let result = try coe(["check", "--base", "origin/main", "--head", "HEAD", "--format", format], in: scratch.path)
            #expect(result.status == 2 && !result.stderr.contains("Usage:"), "\(result.stderr)")   // not a repository: an I/O error, not a usage one
        }
    }
}
