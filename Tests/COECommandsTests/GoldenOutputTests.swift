import COEFormat
import Foundation
import Testing
import TestSupport

/// Every command's whole output, text and JSON, on a repository whose history is fixed, run in-process
/// through COECommands and compared with the golden files under Golden/ (see `Golden`).
@Suite struct GoldenOutputTests {
    /// The review itself (its steps' goldens are checked while it is made), then what reads it: as
    /// HEAD has it (log, blame, audit, comments, check) and as the work tree has it (list, show, lint).
    @Test func readingAReviewedCOE() throws {
        let repo = try GoldenRepository.reviewed(checked: true)
        let id = GoldenRepository.id
        try repo.golden("log/text.txt", ["log", "k7qm"], expect: 0)
        try repo.golden("log/json.txt", ["log", id, "--format", "json"], expect: 0)
        try repo.golden("log/rev.txt", ["log", "k7qm", "--rev", "base"], expect: 0)
        try repo.golden("blame/text.txt", ["blame", "k7qm", "metadata", "actions", "timeline"], expect: 0)
        try repo.golden("blame/json.txt", ["blame", "k7qm", "timeline", "--format", "json"], expect: 0)
        try repo.golden("audit/text.txt", ["audit"], expect: 0)
        try repo.golden("audit/json.txt", ["audit", "--format", "json"], expect: 0)
        try repo.golden("comments/text.txt", ["comments", "k7qm"], expect: 0)
        try repo.golden("comments/open.txt", ["comments", "k7qm", "--open"], expect: 0)
        try repo.golden("comments/json.txt", ["comments", "k7qm", "--format", "json"], expect: 0)
        try repo.golden("comments/open-json.txt", ["comments", "k7qm", "--open", "--format", "json"], expect: 0)
        for format in ["text", "json", "sarif", "github", "markdown"] {
            try repo.golden("check/\(format).txt", ["check", "--base", "base", "--head", "HEAD", "--format", format], expect: 0)
        }
        try repo.golden("list/text.txt", ["list", "--today", "2026-11-22"], expect: 0)
        try repo.golden("list/json.txt", ["list", "--format", "json", "--today", "2026-11-22"], expect: 0)
        try repo.golden("show/text.txt", ["show", "k7qm"], expect: 0)
        try repo.golden("show/json.txt", ["show", id, "--format", "json"], expect: 0)
        try repo.golden("lint/clean.txt", ["lint", "--today", "2026-11-22"], expect: 0)

        // A wrong percentage and a COE that cannot be read, in the work tree only.
        try repo.edit("impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        try repo.fixture.write("coes/2026-11-05-bbbbbbbbbb/coe.yaml", "id: 2026-11-05-bbbbbbbbbb\ntitle: Broken\nseverity: SEV-9\n")
        for format in ["text", "json", "sarif", "github"] {
            try repo.golden("lint/\(format).txt", ["lint", "--today", "2026-11-22", "--format", format], expect: 1)
        }
        try repo.golden("lint/one.txt", ["lint", "k7qm", "--today", "2026-11-22"], in: repo.path + "/coes", expect: 1)
        try repo.golden("list/unreadable.txt", ["list", "--today", "2026-11-22"], expect: 1)
        try repo.golden("list/unreadable-json.txt", ["list", "--format", "json", "--today", "2026-11-22"], expect: 1)
        try repo.golden("list/status.txt", ["list", "--status", "approved", "--today", "2026-11-22"], expect: 0)
        try repo.golden("show/unreadable.txt", ["show", "2026-11-05-bbbbbbbbbb"], expect: 1)
    }

    /// The hooks as git runs them: findings on standard error, the reason for refusing on its last line.
    @Test func hooks() throws {
        let repo = try GoldenRepository.reviewed()
        try repo.golden("hooks/install.txt", ["hooks", "install"], expect: 0)
        try repo.golden("hooks/uninstall.txt", ["hooks", "uninstall"], expect: 0)
        try repo.golden("hook/pre-commit-nothing.txt", ["hook", "pre-commit"], expect: 0)
        try repo.edit("impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
        try repo.fixture.git(["add", "-A"])
        try repo.golden("hook/pre-commit.txt", ["hook", "pre-commit"], expect: 1)
        let head = try repo.fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let zero = String(repeating: "0", count: 40)
        try repo.golden("hook/pre-push.txt", ["hook", "pre-push", "origin"], input: "refs/heads/main \(head) refs/heads/main \(zero)\n", expect: 0)
        // A server that has only the first commit and sees the whole review arrive at once measures the
        // review period by its own clock: the push is refused.
        let server = try ScratchFolder("coe-server")
        try run("/usr/bin/git", ["clone", "-q", "--bare", repo.path, "."], in: server.path)
        let base = try repo.fixture.git(["rev-parse", "base"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try run("/usr/bin/git", ["update-ref", "refs/heads/main", base], in: server.path)
        var normaliser = try Normaliser(folder: repo.path, fixture: repo.fixture)
        normaliser.replace(server.path, with: "<server>")
        let input = "\(base) \(head) refs/heads/main\n"
        let refused = repo.coe(["hook", "pre-receive"], in: server.path, input: input)
        #expect(refused.status == 1)
        Golden.check(normaliser.apply(Golden.transcript(["hook", "pre-receive"], refused, stdin: input)), "hook/pre-receive.txt")
    }

    /// `init` and `new`, which make things: a repository, a COE from the template (its id's random part
    /// is the only thing normalised), and what lint says of a new draft.
    @Test func scaffolding() throws {
        let scratch = try ScratchFolder()
        var normaliser = try Normaliser(folder: scratch.path, label: "<scratch>")
        func golden(_ name: String, _ arguments: [String], in directory: String, expect status: Int32) {
            let result = coeInProcess(arguments, in: directory, environment: ["COE_NOW": GoldenRepository.now])
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            Golden.check(normaliser.apply(Golden.transcript(arguments, result)), name)
        }
        golden("init/create.txt", ["init", "coes-repo"], in: scratch.path, expect: 0)
        let repo = scratch.path + "/coes-repo"
        golden("init/again.txt", ["init"], in: repo, expect: 0)
        golden("init/outside.txt", ["init"], in: scratch.path, expect: 2)
        let created = coeInProcess(["new", "Search results missing", "--severity", "SEV-3", "--team", "search", "--format", "json"], in: repo,
                                   environment: ["COE_NOW": GoldenRepository.now])
        let id = try #require(created.stdout.firstMatch(of: /2026-11-22-[0-9a-z]{10}/).map { String($0.output) })
        normaliser.replace(id, with: "2026-11-22-xxxxxxxxxx")
        Golden.check(normaliser.apply(Golden.transcript(["new", "Search results missing", "--severity", "SEV-3", "--team", "search",
                                                         "--format", "json"], created)), "new/json.txt")
        let text = coeInProcess(["new", "Delayed order confirmation e-mails", "--severity", "sev4", "--team", "notifications",
                                 "--created", "2026-11-20"], in: repo + "/coes", environment: [:])
        let second = try #require(text.stdout.firstMatch(of: /2026-11-20-[0-9a-z]{10}/).map { String($0.output) })
        normaliser.replace(second, with: "2026-11-20-xxxxxxxxxx")
        Golden.check(normaliser.apply(Golden.transcript(["new", "Delayed order confirmation e-mails", "--severity", "sev4", "--team",
                                                         "notifications", "--created", "2026-11-20"], text)), "new/text.txt")
        golden("new/list.txt", ["list"], in: repo, expect: 0)
        golden("new/show.txt", ["show", second], in: repo, expect: 0)
        golden("new/lint.txt", ["lint"], in: repo, expect: 0)
    }

    /// The rules: one line each; the Markdown reference is docs/rules.md itself (RulesDocumentTests).
    @Test func rules() throws {
        let scratch = try ScratchFolder()
        let text = coeInProcess(["rules"], in: scratch.path)
        Golden.check(Golden.transcript(["rules"], text), "rules/text.txt")
        let markdown = coeInProcess(["rules", "--format", "markdown"], in: scratch.path)
        #expect(markdown.status == 0)
        #expect(markdown.stdout == (try String(contentsOfFile: packageRoot + "/docs/rules.md", encoding: .utf8)))
    }

    /// Mistakes in the command line are usage errors: exit 2, with the valid values where there is a list.
    @Test func usageErrors() throws {
        let repo = try GoldenRepository.reviewed()
        let runs: [(String, [String])] = [
            ("format-lint", ["lint", "--format", "xml"]), ("format-check", ["check", "--base", "base", "--format", "html"]),
            ("format-show", ["show", "k7qm", "--format", "yaml"]), ("format-rules", ["rules", "--format", "json"]),
            ("color", ["list", "--color", "sometimes"]), ("unknown-option", ["list", "--bogus"]),
            ("missing-option", ["new", "Title"]), ("unknown-part", ["blame", "k7qm", "middle"]),
            ("unknown-hook", ["hook", "post-commit"]), ("unknown-id", ["show", "nope"]), ("not-an-id", ["show", "../../etc"]),
            ("unknown-rev", ["log", "k7qm", "--rev", "no-such-branch"]), ("bad-now", ["check", "--base", "base"]),
            ("unknown-command", ["frobnicate"]), ("approve-directly", ["status", "k7qm", "approved"]),
        ]
        for (name, arguments) in runs {
            let extra = name == "bad-now" ? ["COE_NOW": "yesterday"] : [:]
            try repo.golden("errors/\(name).txt", arguments, extra: extra, expect: 2)
        }
        try repo.golden("errors/version.txt", ["--version"], expect: 0)
    }
}
