import COEApp
import Foundation
import Testing
import TestSupport

/// What documents, commits and names hold reaches a terminal escaped, in every command's text output
/// (`TerminalText`, through `CommandOutput`); JSON keeps it exact.
@Suite struct TerminalTextTests {
    /// Clear the screen, set the window title, write the clipboard (OSC 52), a C1 CSI, a carriage
    /// return that rewrites the line, a bell, and a right-to-left override.
    static let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}\u{1B}]52;c;cm0gLXJm\u{07}\u{009B}31m\rfake\u{202E}txt"
    /// The same as YAML writes it in a double-quoted scalar.
    static let hostileYAML = #"\e[2J\e]0;owned\a\e]52;c;cm0gLXJm\a\x9B31m\rfake\u202Etxt"#

    /// Every scalar a terminal would act on rather than show, except colour sequences (coe's own: any
    /// written by a document would have its ESC shown escaped).
    static func hidden(_ text: String) -> [Unicode.Scalar] {
        let own = #/\x{1B}\[[0-9;]*m/#
        return text.replacing(own, with: "").unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || [0x061C, 0x200E, 0x200F].contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
    }

    @Test func hostileTextIsShownEscapedInEveryCommandAndExactInJSON() throws {
        let repo = try GoldenRepository.reviewed()
        let hostileName = "Mallory \u{1B}]0;x\u{07}Author"
        try repo.edit("coe.yaml", "title: Customers unable to complete checkout in the EU region",
                      "title: \"Checkout \(Self.hostileYAML) outage\"")
        try repo.edit("whys.yaml", "because: Checkout requests to the payment gateway timed out after 3 seconds.",
                      "because: \"Timeouts \(Self.hostileYAML).\"")
        try repo.fixture.git(["add", "-A"])
        try repo.fixture.git(["commit", "-q", "-m", "Retitle \(Self.hostile)"],
                             environment: GitFixture.identity(name: hostileName, email: "m@example.com", date: "2026-11-03T09:00:00Z"))
        let comment = repo.coe(["comment", "k7qm", "-m", "Look: \(Self.hostile)"], as: .rae, at: "2026-11-03T10:00:00Z")
        #expect(comment.status == 0, "\(comment.stderr)")

        let runs: [[String]] = [
            ["list", "--today", "2026-11-22"], ["show", "k7qm"], ["log", "k7qm"], ["blame", "k7qm", "metadata", "whys"],
            ["comments", "k7qm"], ["audit"], ["lint", "--today", "2026-11-22"], ["lint", "--today", "2026-11-22", "--format", "github"],
            ["check", "--base", "base", "--head", "HEAD"], ["check", "--base", "base", "--head", "HEAD", "--format", "markdown"],
        ]
        for arguments in runs {
            for color in ["never", "always"] {
                let result = repo.coe(arguments + ["--color", color])
                let output = result.stdout + result.stderr
                #expect(Self.hidden(output).isEmpty, "\(arguments) --color \(color): \(Self.hidden(output).map { $0.escaped(asASCII: true) })")
                #expect(output.contains(#"\u{1B}"#), "\(arguments) --color \(color) shows the escape escaped")
            }
        }
        let show = repo.coe(["show", "k7qm"]).stdout
        #expect(show.contains(#"Checkout \u{1B}[2J\u{1B}]0;owned\u{07}\u{1B}]52;c;cm0gLXJm\u{07}\u{009B}31m\rfake\u{202E}txt outage"#), "\(show)")

        // JSON keeps every character: the title read back is the title written.
        for arguments in [["show", "k7qm", "--format", "json"], ["list", "--format", "json"]] {
            let json = repo.coe(arguments).stdout
            #expect(json.contains(#"\u001b[2J"#), "\(arguments)")
            #expect(json.contains("\u{9B}31m") && json.contains("\u{202E}"), "\(arguments): exact, as JSON allows")
        }
        let log = try JSONSerialization.jsonObject(with: Data(repo.coe(["log", "k7qm", "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(log?.contains { $0["subject"] as? String == "Retitle \(Self.hostile)" } == true)
        let comments = repo.coe(["comments", "k7qm", "--format", "json"]).stdout
        #expect(comments.contains(#"Look: \u001b[2J"#))
    }

    /// An error message quoting what the user typed is escaped too.
    @Test func errorsAreEscaped() throws {
        let repo = try GoldenRepository.reviewed()
        let result = repo.coe(["show", "no\u{1B}[2Jpe"])
        #expect(result.status == 2)
        #expect(Self.hidden(result.stderr).isEmpty && result.stderr.contains(#"\u{1B}[2J"#), "\(result.stderr)")
    }

    @Test func theSanitiserEscapesControlsAndKeepsColours() {
        #expect(TerminalText.escaped("a\tb\nc") == "a\tb\nc")
        #expect(TerminalText.escaped("a\u{1B}b\u{0}c\u{7F}\u{85}\u{202E}\u{2067}\u{061C}") == #"a\u{1B}b\0c\u{7F}\u{0085}\u{202E}\u{2067}\u{061C}"#)
        #expect(TerminalText.escaped("café — 東京 ✓") == "café — 東京 ✓", "printable text as it is")
        // Each alone, past the byte scan that lets plain text through untouched.
        for hidden in ["\u{85}", "\u{9F}", "\u{7F}", "\u{1}", "\u{200E}", "\u{202A}", "\u{2069}", "\u{061C}"] {
            #expect(TerminalText.escaped("é" + hidden) == "é" + hidden.unicodeScalars.first!.escaped(asASCII: true), "\(hidden.unicodeScalars.first!.value)")
        }
        // ASCII text whose only hidden character is one byte: each is found by the look at the bytes alone.
        #expect(TerminalText.escaped("plain\rline") == #"plain\rline"#)
        #expect(TerminalText.escaped("del\u{7F}") == #"del\u{7F}"#)
        #expect(TerminalText.escaped("bell\u{07}") == #"bell\u{07}"#)
        let style = TextStyle(.always, isTerminal: false, environment: [:])
        let shown = TerminalText.shown(style.red("\u{1B}[2J") + " and " + "\u{1B}[31m")
        #expect(shown == "\u{1B}[31m" + #"\u{1B}[2J"# + "\u{1B}[0m and " + #"\u{1B}[31m"#, "\(shown)")
    }

    /// Table columns are as wide as their widest cell in characters, whatever its bytes: accents and CJK (more bytes
    /// than characters) and a carriage return before a newline (two bytes, one character) pad as one character each.
    @Test func tableColumnsAreCountedInCharacters() {
        let style = TextStyle(.never, isTerminal: false, environment: [:])
        let table = TextTable.render([["A", "B"], ["é", "x"], ["東", "y"], ["ab", "z"], ["a\r\n", "w"]], style: style)
        #expect(table == "A   B\né   x\n東   y\nab  z\na\r\n  w\n", "\(table.debugDescription)")
    }
}
