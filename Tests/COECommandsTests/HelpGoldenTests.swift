import COECommands
import Foundation
import Testing
import TestSupport

/// `--help` of `coe` and of every command, at 80 columns, against golden files (Golden/help/).
@Suite struct HelpGoldenTests {
    /// `coe`, every command, and every command of a group (`action add`).
    static let commands = [""] + COECommand.configuration.subcommands.flatMap { command -> [String] in
        let name = command.configuration.commandName ?? ""
        return [name] + command.configuration.subcommands.map { "\(name) \($0.configuration.commandName ?? "")" }
    }
    /// Commands that only group others (`action`): their help lists the group, with no examples and no options.
    static let groups = Set(COECommand.configuration.subcommands.filter { !$0.configuration.subcommands.isEmpty }
        .map { $0.configuration.commandName ?? "" })

    static func arguments(_ command: String) -> [String] {
        command.isEmpty ? ["--help"] : command.split(separator: " ").map(String.init) + ["--help"]
    }

    @Test(arguments: commands)
    func help(_ command: String) throws {
        let scratch = try ScratchFolder()
        let arguments = Self.arguments(command)
        let result = coeInProcess(arguments, in: scratch.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(command.isEmpty || result.stdout.contains("Examples:") || command == "hook" || Self.groups.contains(command),
                "\(command) --help has examples")
        Golden.check(Golden.transcript(arguments, result), "help/\(command.isEmpty ? "coe" : command.replacingOccurrences(of: " ", with: "-")).txt")
    }

    /// At 80 columns no line is longer (but the usage line, which swift-argument-parser never wraps), and
    /// no example command is broken: each line of Examples is a command, a comment, or goes on a line
    /// that ends in a backslash. Every command takes --color.
    @Test(arguments: commands)
    func fitsEightyColumns(_ command: String) throws {
        let scratch = try ScratchFolder()
        let text = coeInProcess(Self.arguments(command), in: scratch.path).stdout
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command) --help: \(line)")
        }
        var inExamples = false, continued = false
        for line in lines {
            if line == "Examples:" { inExamples = true; continue }
            if line.isEmpty { inExamples = false; continue }
            guard inExamples else { continue }
            #expect(continued || line.hasPrefix("  coe ") || line.hasPrefix("  # "), "\(command) --help: an example broken: \(line)")
            continued = line.hasSuffix("\\")
        }
        #expect(command.isEmpty || Self.groups.contains(command) || text.contains("--color <when>"), "\(command) takes --color")
    }

    @Test func statusListsEveryStatusAndRevItsDefaultOnce() throws {
        let scratch = try ScratchFolder()
        let status = coeInProcess(["status", "--help"], in: scratch.path).stdout
        let argument = status.components(separatedBy: "<status>").dropFirst(2).first ?? ""
        for name in ["draft", "review", "approved", "published", "closed"] {
            #expect(argument.components(separatedBy: "(values:").first?.contains(name) == true, "status --help names \(name): \(argument)")
        }
        for command in ["log", "blame", "audit"] {
            let help = coeInProcess([command, "--help"], in: scratch.path).stdout
            #expect(help.components(separatedBy: "default: HEAD").count == 2, "\(command) --help shows --rev's default once:\n\(help)")
        }
    }

    @Test func unknownCommandsAreUsageErrorsWithASuggestion() throws {
        let scratch = try ScratchFolder()
        let help = coeInProcess(["help", "nosuch"], in: scratch.path)
        #expect(help.status == 2 && help.stdout.isEmpty, "\(help.stdout)")
        #expect(help.stderr == "coe: error: unknown command 'nosuch' ('coe --help' lists the commands)\n", "\(help.stderr)")
        let typo = coeInProcess(["lnt"], in: scratch.path)
        #expect(typo.status == 2 && typo.stderr.contains("unknown command 'lnt'; did you mean 'lint'?"), "\(typo.stderr)")
        let helpTypo = coeInProcess(["help", "statsu"], in: scratch.path)
        #expect(helpTypo.status == 2 && helpTypo.stderr.contains("did you mean 'status'?"), "\(helpTypo.stderr)")
        #expect(coeInProcess(["help", "help"], in: scratch.path).status == 0)
    }

    /// `coe help <command>` is the same text.
    @Test func helpSubcommand() throws {
        let scratch = try ScratchFolder()
        #expect(coeInProcess(["help", "lint"], in: scratch.path).stdout == coeInProcess(["lint", "--help"], in: scratch.path).stdout)
    }
}
