import ArgumentParser
import COEFormat
import COEGates
import COELint
import COEApp
import COEWorkspace
import Foundation
import GitKit

struct CheckCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a pull request's commits as the server would (for CI).",
        discussion: """
            The range is the pull request's own: commits reachable from --head and not from the merge \
            base of --base and --head. The COEs they change are linted as --head has them; every status \
            move, review record and removal in the range is judged by the process rules (P1–P4, P6, \
            P10–P13, by commit dates; docs/process-rules.md); an approved COE must still have approvals \
            that count (P7). The configuration is the merge base's. A shallow clone is refused (exit \
            2): CI must fetch the full history (fetch-depth: 0, or git fetch --unshallow). Every commit \
            of the range is scanned for secrets (B6), in files of any kind. With --allowed-signers (and \
            --keyring for OpenPGP), signatures are verified as the server verifies them (P12, P13).

            COE_NOW (seconds since 1970, or a time) replaces the clock for the countdown. \
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

    @Option(help: "The output format: those of coe lint, or markdown for a pull-request comment.")
    var format: CheckFormat = .text

    @OptionGroup var level: LevelOptions

    @Option(help: ArgumentHelp("An allowed-signers file (git's gpg.ssh.allowedSignersFile format) to verify SSH signatures with.",
                                valueName: "file"))
    var allowedSigners: String?

    @Option(help: ArgumentHelp("A GnuPG home folder holding the OpenPGP keys to verify signatures with.", valueName: "folder"))
    var keyring: String?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let repository = try Repository.discover(from: self.repository.folder(in: context))
        let now = try context.now()
        for path in [allowedSigners, keyring].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) does not exist")
        }
        let verifier = allowedSigners == nil && keyring == nil ? nil : SignatureVerifier(allowedSigners: allowedSigners, keyring: keyring)
        let result = try RangeCheck.run(repository: repository, base: base, head: head, now: now, verifier: verifier)
        if let lintFormat = format.lintFormat {
            context.output.write(level.printed(result.report.results), as: lintFormat, style: context.outputStyle)
        } else {
            context.output.write(CheckRenderer.markdown(result, now: now))
        }
        if result.report.errorCount > 0 { throw ExitCode(1) }
    }
}
