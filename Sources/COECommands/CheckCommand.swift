import ArgumentParser
import COEFormat
import COEGates
import COELint
import COEApp
import COEWorkspace
import Foundation
import GitKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a pull request's commits as the server would (for CI).",
        discussion: """
            The range is the pull request's own: commits reachable from --head and not from the merge
            base of --base and --head. The COEs they change are linted as --head has them; every status
            move and approval in the range is judged by the process rules (P1–P4, P6, by commit dates;
            docs/process-rules.md); an approved COE must still have approvals that count (P7). The
            configuration is the merge base's.
            A shallow clone is refused (exit 2): CI must fetch the full history (fetch-depth: 0).

            COE_NOW (seconds since 1970, or a time) replaces the clock for the countdown.
            Exit codes: 0 no errors, 1 errors, 2 usage or I/O problem. See docs/hooks.md and docs/ci/.

            Examples:
              coe check --base origin/main --head HEAD
              coe check --base origin/main --head HEAD --format markdown > comment.md
              coe check --base "$BASE_SHA" --head "$HEAD_SHA" --format github
            """)

    @Option(help: "The branch the pull request goes into.")
    var base: String

    @Option(help: "The pull request's last commit.")
    var head: String = "HEAD"

    @Option(help: ArgumentHelp("Output format: \((Reporters.names + ["markdown"]).joined(separator: ", ")).", valueName: "format"))
    var format = "text"

    @OptionGroup var repository: RepositoryOptions

    func validate() throws {
        guard Reporters.names.contains(format) || format == "markdown" else {
            throw ValidationError("--format must be one of \((Reporters.names + ["markdown"]).joined(separator: ", "))")
        }
    }

    func run() throws {
        let repository = try Repository.discover(from: self.repository.repo ?? FileManager.default.currentDirectoryPath)
        let now = try clockNow()
        let result = try RangeCheck.run(repository: repository, base: base, head: head, now: now)
        if format == "markdown" {
            print(CheckRenderer.markdown(result, now: now), terminator: "")
        } else {
            print(Reporters.reporter(named: format, colours: TextStyle.forStream(1).enabled)!.report(result.report.results), terminator: "")
        }
        if result.report.errorCount > 0 { throw ExitCode(1) }
    }
}
