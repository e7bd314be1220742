import ArgumentParser
import COEFormat
import COEGates
import COELint
import COEApp
import COEWorkspace
import Foundation
import GitKit

struct HookCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run the check of a git hook (the installed hook scripts call this).",
        discussion: """
            pre-commit    lint the staged versions of the COEs the commit touches, and
                          of the COEs holding the files named (the pre-commit framework
                          names them); exit 1 on errors.
            pre-push      read the pushed refs from standard input (or PRE_COMMIT_FROM_REF
                          and PRE_COMMIT_TO_REF from the pre-commit framework) and check
                          the process rules for the new commits; exit 1 when one is broken.
            pre-receive   on the server: dates, process rules (review periods from the
                          server's own record of when it first saw each commit), lint and
                          approvals for every pushed commit; exit 1 refuses the push.
            post-receive  on the server: record when each new commit that changed a COE
                          was first seen.

            COE_NOW (seconds since 1970, or a time such as 2026-11-22T16:15:00Z) replaces the clock \
            (the server hooks' now, pre-commit's today), for tests and for servers whose clock is \
            managed elsewhere. \
            See docs/hooks.md.
            """)

    @Argument(help: "pre-commit, pre-push, pre-receive or post-receive.")
    var name: String

    @Argument(parsing: .captureForPassthrough, help: "The arguments git gives the hook (pre-commit: files whose COEs to lint).")
    var arguments: [String] = []

    @OptionGroup var colorOptions: ColorOptions

    /// The hooks there is a check for.
    static let names = ["pre-commit", "pre-push", "pre-receive", "post-receive"]

    func validate() throws {
        guard Self.names.contains(name) else {
            throw ValidationError("unknown hook '\(name)'; one of pre-commit, pre-push, pre-receive, post-receive")
        }
    }

    func run(in context: CommandContext) throws {
        let reporter = TextReporter(style: context.errorStyle)
        switch name {
        case "pre-commit":
            let workspace = try Workspace.checked(at: context.currentDirectory)
            // The pre-commit framework names the files it runs on (pass_filenames), from the repository's top.
            let files = arguments.map { Self.fromTop(context.path($0), workTree: workspace.workTree) }
            let results = try Hooks.preCommit(workspace: workspace, today: try context.today(nil), files: files)
            // Run by the pre-commit framework (which sets PRE_COMMIT=1), the hook is skipped by its id.
            let skip = context.environment["PRE_COMMIT"] == "1" ? "SKIP=coe-lint git commit" : "git commit --no-verify"
            try finish(results, reporter: reporter, in: context,
                       blocked: "commit blocked by coe: fix the errors above (\(skip) skips this hook; the server checks again)")
        case "pre-push":
            let environment = context.environment
            let workspace = try Workspace.checked(at: context.currentDirectory)
            var updates: [RefUpdate]
            let repository = workspace.repository
            if let from = environment["PRE_COMMIT_FROM_REF"], let to = environment["PRE_COMMIT_TO_REF"], !to.isEmpty {
                // The pre-commit framework gives the range in the environment, not on standard input.
                updates = [RefUpdate(ref: "", old: from.isEmpty ? nil : try? repository.resolveCommit(from), new: try repository.resolveCommit(to))]
            } else if environment["PRE_COMMIT"] == "1" {
                // The framework gives no range when the push includes a root commit: every commit the remote lacks.
                let branch = environment["PRE_COMMIT_LOCAL_BRANCH"].flatMap { $0.isEmpty ? nil : $0 } ?? "HEAD"
                updates = [RefUpdate(ref: "", old: nil, new: try repository.resolveCommit(branch))]
            } else {
                updates = RefUpdate.parsePrePush(input(context))
            }
            let report = try Hooks.prePush(workspace: workspace, remote: arguments.first ?? environment["PRE_COMMIT_REMOTE_NAME"], updates: updates)
            try finish(report.results, reporter: reporter, in: context,
                       blocked: "push blocked by coe: a status move in these commits breaks a process rule")
        case "pre-receive":
            let repository = try Repository.discover(from: context.currentDirectory)
            let updates = RefUpdate.parseReceive(input(context))
            let report = try Hooks.preReceive(repository: repository, updates: updates, now: try context.now())
            let checked = "\(report.commits) commit\(report.commits == 1 ? "" : "s")"
            try finish(report.results, reporter: reporter, in: context, blocked: "push refused by coe (checked \(checked))")
        default:
            let repository = try Repository.discover(from: context.currentDirectory)
            let updates = RefUpdate.parseReceive(input(context))
            _ = try Hooks.postReceive(repository: repository, updates: updates, now: try context.now())
        }
    }

    /// A path as from the repository's top (git's and the framework's way of naming files).
    static func fromTop(_ path: String, workTree: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let top = URL(fileURLWithPath: workTree).standardizedFileURL.resolvingSymlinksInPath().path
        return absolute.hasPrefix(top + "/") ? String(absolute.dropFirst(top.count + 1)) : path
    }

    func input(_ context: CommandContext) -> String { String(decoding: context.readInput(), as: UTF8.self) }

    /// Findings go to standard error (git shows a server's as "remote: …"); errors exit 1.
    func finish(_ results: [LintResult], reporter: TextReporter, in context: CommandContext, blocked: String) throws {
        let relevant = results.filter { !$0.findings.isEmpty }
        guard !relevant.isEmpty else { return }
        context.errors.line(reporter.report(relevant))
        if relevant.contains(where: { $0.errorCount > 0 }) {
            // Each rule's documentation is in the binary: `coe rules <ID>` prints it wherever the pusher is.
            let rules = Set(relevant.flatMap { $0.findings.filter { $0.level == .error }.compactMap(\.rule) }).sorted()
            let explain = rules.isEmpty ? "" : "; coe rules \(rules.joined(separator: " ")) says what each rule checks and what to do"
            context.errors.line("coe: \(blocked)\(explain) (docs/hooks.md)")
            throw ExitCode(1)
        }
    }
}
