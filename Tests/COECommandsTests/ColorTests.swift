import Foundation
import Testing
import TestSupport

/// `--color auto|always|never` on every command: auto colours a terminal only, and never with `NO_COLOR`
/// (or `TERM=dumb`); always wins over `NO_COLOR`, as no-color.org asks of a flag given by name.
@Suite struct ColorTests {
    static let escape = "\u{1B}["

    /// Colours made visible (`\e[1;31m`), for golden files that can be read.
    static func visible(_ text: String) -> String { text.replacingOccurrences(of: "\u{1B}", with: "\\e") }

    @Test func autoColoursATerminalOnlyAndNeverWithNoColor() throws {
        let repo = try GoldenRepository.reviewed()
        let arguments = ["lint", "--today", "2026-11-22"]
        #expect(repo.coe(arguments, terminal: true).stdout.contains(Self.escape))
        #expect(!repo.coe(arguments, terminal: false).stdout.contains(Self.escape))
        #expect(!repo.coe(arguments, extra: ["NO_COLOR": "1"], terminal: true).stdout.contains(Self.escape))
        #expect(!repo.coe(arguments, extra: ["TERM": "dumb"], terminal: true).stdout.contains(Self.escape))
        #expect(repo.coe(arguments, extra: ["NO_COLOR": ""], terminal: true).stdout.contains(Self.escape), "an empty NO_COLOR is not set")
        #expect(repo.coe(arguments + ["--color", "always"], extra: ["NO_COLOR": "1"]).stdout.contains(Self.escape))
        #expect(!repo.coe(arguments + ["--color", "never"], terminal: true).stdout.contains(Self.escape))
    }

    /// Every command takes `--color`, and a command's errors follow it too.
    @Test func everyCommandTakesColor() throws {
        let repo = try GoldenRepository.reviewed()
        for command in HelpGoldenTests.commands where !command.isEmpty && !HelpGoldenTests.groups.contains(command) {
            let help = repo.coe(HelpGoldenTests.arguments(command))
            #expect(help.stdout.contains("--color <when>"), "\(command) takes --color")
        }
        let error = repo.coe(["show", "nope", "--color", "always"])
        #expect(error.status == 2 && error.stderr.hasPrefix("coe: \u{1B}[1;31merror\u{1B}[0m: no COE with id 'nope'"), "\(error.stderr)")
        #expect(repo.coe(["show", "nope"], terminal: true).stderr.hasPrefix("coe: \u{1B}[1;31merror"))
        #expect(repo.coe(["show", "nope"], extra: ["NO_COLOR": "1"], terminal: true).stderr.hasPrefix("coe: error: "))
    }

    /// Coloured output as a whole, escape sequences shown as `\e`.
    @Test func colouredOutput() throws {
        let repo = try GoldenRepository.reviewed()
        try repo.edit("impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        for (name, arguments) in [("lint", ["lint", "--today", "2026-11-22", "--color", "always"]), ("show", ["show", "k7qm", "--color", "always"]),
                                  ("list", ["list", "--today", "2026-11-22", "--color", "always"]),
                                  ("comments", ["comments", "k7qm", "--color", "always"])] {
            let result = repo.coe(arguments)
            let normaliser = try Normaliser(folder: repo.path, fixture: repo.fixture)
            Golden.check(Self.visible(normaliser.apply(Golden.transcript(arguments, result))), "color/\(name).txt")
        }
        try repo.fixture.git(["add", "-A"])
        let hook = repo.coe(["hook", "pre-commit"], terminal: true)
        #expect(hook.status == 1)
        Golden.check(Self.visible(Golden.transcript(["hook", "pre-commit"], hook)), "color/hook-pre-commit.txt")
    }
}
