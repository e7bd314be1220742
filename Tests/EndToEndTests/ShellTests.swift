import Foundation
import Testing
import TestSupport

/// `scripts/install.sh` into a temporary prefix, its man pages read with the real `man`, and the bash
/// completion it installs asking the real binary for the ids of a real repository (docs/shell.md).
@Suite struct ShellTests {
    /// Installs the binary the tests run (and the generate-manual built beside it) under a new prefix.
    func install() throws -> (prefix: String, scratch: ScratchFolder) {
        let scratch = try ScratchFolder()
        let prefix = scratch.path + "/prefix"
        let built = URL(fileURLWithPath: coeBinary).deletingLastPathComponent().path
        let installed = try run("/bin/bash", [packageRoot + "/scripts/install.sh", "--built", built, "--prefix", prefix], in: scratch.path)
        try #require(installed.status == 0, "\(installed.stdout)\(installed.stderr)")
        return (prefix, scratch)
    }

    /// The environment of a shell whose PATH starts at the prefix (man finds its pages from there).
    func environment(_ prefix: String) -> [String: String] {
        ["PATH": prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "MANWIDTH": "80"]
    }

    @Test func installsTheBinaryManPagesAndCompletions() throws {
        let installed = try install()   // the scratch folder lives as long as this
        let prefix = installed.prefix
        for file in ["bin/coe", "bin/git-coe", "share/man/man1/coe.1", "share/man/man1/coe.lint.1", "share/man/man1/git-coe.1",
                     "share/bash-completion/completions/coe", "share/zsh/site-functions/_coe", "share/fish/vendor_completions.d/coe.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        // Every command has a page, which man reads without a warning.
        let pages = Set(try FileManager.default.contentsOfDirectory(atPath: prefix + "/share/man/man1"))
        let overview = try coe(["--help"], in: prefix).stdout
        let commands = overview.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0.allSatisfy { $0.isLowercase || $0 == "-" } } ?? []
        #expect(commands.count > 20 && commands.contains("lint"), "\(commands)")
        for command in commands + ["help"] { #expect(pages.contains("coe.\(command).1"), "\(command) has a page") }
        // A group's commands have pages of their own (coe.action.done.1).
        let grouped = ["action.add", "action.done", "action.move", "action.note"]
        #expect(pages == Set((commands + grouped).map { "coe.\($0).1" } + ["coe.1", "coe.help.1", "git-coe.1"]), "\(pages.sorted())")
        let lint = try run("/usr/bin/man", ["-l", prefix + "/share/man/man1/coe.lint.1"], in: prefix, environment: environment(prefix))
        #expect(lint.status == 0 && lint.stderr.isEmpty, "\(lint.stderr)")
        #expect(lint.stdout.contains("coe lint") && lint.stdout.contains("--as") && lint.stdout.contains("coe lint k7qm --as review"), "\(lint.stdout)")
        // man coe and git coe --help, found from the PATH (no MANPATH).
        let man = try run("/usr/bin/env", ["-u", "MANPATH", "man", "coe"], in: prefix, environment: environment(prefix))
        #expect(man.status == 0 && man.stdout.contains("Correction of Error"), "\(man.stderr)")
        let help = try run("/usr/bin/env", ["-u", "MANPATH", "git", "coe", "--help"], in: prefix, environment: environment(prefix))
        #expect(help.status == 0 && help.stdout.contains("Correction of Error"), "\(help.stdout)\(help.stderr)")
        // The installed coe renders from any folder: its templates are in the binary, not beside it.
        let repository = try GitFixture()
        try repository.write(".coe.yaml", "root: coes\n")
        try copyExampleCOE(to: repository.path + "/coes/" + exampleCOEID)
        try FileManager.default.createDirectory(atPath: repository.path + "/docs/notes", withIntermediateDirectories: true)
        let rendered = try run(prefix + "/bin/coe", ["render", "k7qm", "--format", "html"], in: repository.path + "/docs/notes")
        #expect(rendered.status == 0 && rendered.stdout.contains("<h2 id=\"h-whys\">Five whys</h2>"), "\(rendered.stderr)")
        // The completion scripts call back into coe for ids and comment ids.
        for script in ["share/bash-completion/completions/coe", "share/zsh/site-functions/_coe", "share/fish/vendor_completions.d/coe.fish"] {
            #expect(try String(contentsOfFile: prefix + "/" + script, encoding: .utf8).contains("---completion"), "\(script)")
        }
    }

    /// What bash offers for the line `words` (the last being completed), with the installed script.
    func complete(_ words: [String], prefix: String, in directory: String) throws -> [String] {
        let line = words.joined(separator: " ")
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source '\(prefix)/share/bash-completion/completions/coe'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _coe coe '\(words[words.count - 1])' '\(words[words.count - 2])'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try run("/bin/bash", ["-c", script], in: directory, environment: environment(prefix))
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// A repository holding the example COE and one comment on it, and the comment's id.
    func repositoryWithAComment() throws -> (GitFixture, String) {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyExampleCOE(to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("Add the COE")
        let comment = try coe(["comment", exampleCOEID, "-m", "Which region?"], in: fixture.path,
                              environment: GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com", date: "2026-11-02T10:00:00Z"))
        try #require(comment.status == 0, "\(comment.stderr)")
        let comments = try coe(["comments", exampleCOEID, "--format", "json"], in: fixture.path)
        let commentID = try #require(comments.stdout.components(separatedBy: "\"id\" : \"").dropFirst().first?.components(separatedBy: "\"").first)
        return (fixture, commentID)
    }

    @Test func bashCompletesIdsPartsFormatsAndCommentsFromARealRepository() throws {
        let installed = try install()   // the scratch folder lives as long as this
        let prefix = installed.prefix
        let (fixture, commentID) = try repositoryWithAComment()

        #expect(try complete(["coe", "show", ""], prefix: prefix, in: fixture.path) == [exampleCOEID])
        #expect(try complete(["coe", "approve", "2026"], prefix: prefix, in: fixture.path) == [exampleCOEID])
        #expect(try complete(["coe", "reply", exampleCOEID, ""], prefix: prefix, in: fixture.path) == [commentID])
        #expect(try complete(["coe", "comment", exampleCOEID, "--part", "im"], prefix: prefix, in: fixture.path) == ["impact"])
        #expect(try complete(["coe", "lint", "--format", ""], prefix: prefix, in: fixture.path) == ["text", "json", "sarif", "github"])
        // From outside the repository, --repo says where to look.
        let elsewhere = try ScratchFolder()
        #expect(try complete(["coe", "log", "--repo", fixture.path, ""], prefix: prefix, in: elsewhere.path) == [exampleCOEID])
        #expect(try complete(["coe", "show", ""], prefix: prefix, in: elsewhere.path).isEmpty)
    }

    /// What fish offers for `line` with the installed script (`complete -C`, an interactive fish without
    /// the user's configuration), the candidates without their descriptions.
    func fish(_ line: String, prefix: String, in directory: String) throws -> [String] {
        let script = "source '\(prefix)/share/fish/vendor_completions.d/coe.fish'; complete -C '\(line)'"
        let result = try run("/usr/bin/fish", ["--no-config", "--interactive", "--command", script], in: directory, environment: environment(prefix))
        #expect(result.status == 0 && !result.stdout.contains("Error"), "\(result.stdout)\(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    }

    @Test func fishCompletesIdsAndCommentsFromARealRepository() throws {
        let installed = try install()   // the scratch folder lives as long as this
        let prefix = installed.prefix
        let (fixture, commentID) = try repositoryWithAComment()
        // fish 3's commandline cannot give the cursor's place in a word as the generated script asks;
        // install.sh rewrites that call (docs/shell.md), and the ids come from the repository.
        #expect(try fish("coe show ", prefix: prefix, in: fixture.path) == [exampleCOEID])
        #expect(try fish("coe approve 2026", prefix: prefix, in: fixture.path) == [exampleCOEID])
        #expect(try fish("coe reply \(exampleCOEID) ", prefix: prefix, in: fixture.path) == [commentID])
        #expect(try fish("coe lint --format ", prefix: prefix, in: fixture.path) == ["text", "json", "sarif", "github"])
    }
}
