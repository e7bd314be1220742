import COECommands
import Foundation
import Testing
import TestSupport

/// `--help` of `coe` and of every command, at 80 columns, against golden files (Golden/help/).
@Suite struct HelpGoldenTests {
    static let commands = [""] + COECommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }

    @Test(arguments: commands)
    func help(_ command: String) throws {
        let scratch = try ScratchFolder()
        let arguments = command.isEmpty ? ["--help"] : [command, "--help"]
        let result = coeInProcess(arguments, in: scratch.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(command.isEmpty || result.stdout.contains("Examples:") || command == "hook", "\(command) --help has examples")
        Golden.check(Golden.transcript(arguments, result), "help/\(command.isEmpty ? "coe" : command).txt")
    }

    /// `coe help <command>` is the same text.
    @Test func helpSubcommand() throws {
        let scratch = try ScratchFolder()
        #expect(coeInProcess(["help", "lint"], in: scratch.path).stdout == coeInProcess(["lint", "--help"], in: scratch.path).stdout)
    }
}
