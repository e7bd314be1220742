import ArgumentParser
import COEApp
import COEFormat
import COEHistory
import COEWorkflow
import COEWorkspace
import Foundation
import GitKit

/// `coe`: Correction of Error documents in git.
public struct COECommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coe",
        abstract: "Write, check and review Correction of Error documents (COEs) in a git repository.",
        discussion: """
            Every COE is a folder of plain-text files under the COE root (default coes/). \
            Run 'coe <command> --help' for a command's options and examples.

            Exit codes: 0 success, 1 findings (problems in documents, or a process rule refusing a \
            review step), 2 usage or I/O error.
            """,
        version: COEVersion.current,
        subcommands: [InitCommand.self, NewCommand.self, ListCommand.self, SearchCommand.self, RelatedCommand.self, ActionsCommand.self, ActionCommand.self, RemindCommand.self, ReportCommand.self, ShowCommand.self, RenderCommand.self, GraphCommand.self, SiteCommand.self, LintCommand.self, RulesCommand.self, LogCommand.self,
                      BlameCommand.self, AuditCommand.self, SubmitCommand.self, StatusCommand.self, WithdrawCommand.self, CommentCommand.self,
                      ReplyCommand.self, ResolveCommand.self, RetractCommand.self, ImportCommand.self, CommentsCommand.self, ApproveCommand.self, RequestChangesCommand.self,
                      RecoverCommand.self, CheckCommand.self, HooksCommand.self, HookCommand.self])

    public init() {}

    /// Runs `coe` with the process's arguments and exits with its exit code.
    public static func main() {
        Foundation.exit(run(Array(CommandLine.arguments.dropFirst()), in: .process()))
    }

    /// Runs `coe` with `arguments` (without the program's name) in `context` and returns the exit code:
    /// 0 success, 1 findings, 2 usage or I/O error. Output goes only to the context's streams.
    public static func run(_ arguments: [String], in context: CommandContext) -> Int32 {
        var context = context
        do {
            // Git runs `coe hook <name>` on every commit and push: its arguments are fixed, so it skips
            // the general parser (about a millisecond of a hook's budget). Anything else about it, an
            // unknown hook included, goes through the parser, whose messages show the command's usage.
            if arguments.count >= 2, arguments[0] == "hook", HookCommand.names.contains(arguments[1]),
               !arguments.contains(where: { $0.hasPrefix("-") }) {
                var hook = HookCommand()
                hook.name = arguments[1]
                hook.arguments = Array(arguments.dropFirst(2))
                try hook.run(in: context)
                return 0
            }
            if let unknown = unknownCommand(arguments) {
                context.errors.line("coe: " + context.errorStyle.paint("error", .bold, .red) + ": " + unknown)
                return 2
            }
            var command = try parseAsRoot(arguments)
            if let command = command as? any ContextualCommand {
                context.color = command.colorOptions.color
                try command.run(in: context)
            } else {
                // `coe` alone and `coe help`: swift-argument-parser's own, which end in a help request.
                try command.run()
            }
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            return report(error, in: context)
        }
    }

    /// Why `coe <name>` or `coe help <name>` names no command, with the nearest command's name (a usage
    /// error, exit 2); nil when the name is a command, or not a name at all (an option).
    static func unknownCommand(_ arguments: [String]) -> String? {
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
        let name = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        guard let name, !name.hasPrefix("-"), !names.contains(name) else { return nil }
        let near = nearest(name, in: names).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown command '\(name)'\(near) ('coe --help' lists the commands)"
    }

    /// Prints an error the way users should see it and returns the exit code, by the one rule (README,
    /// "Exit codes"): 1 for a finding (a document, a COE or .coe.yaml, that cannot be read or used, a
    /// process rule's refusal), 0 for help and the version, 2 for every usage or I/O error.
    static func report(_ error: Error, in context: CommandContext) -> Int32 {
        let style = context.errorStyle
        let prefix = "coe: " + style.paint("error", .bold, .red) + ": "
        switch error {
        case let error as FormatError:
            // A document, a COE or .coe.yaml, that cannot be read or used: a finding, whatever the command.
            context.errors.line(DiagnosticRenderer.text(error.diagnostics, style: style))
            return 1
        case let error as WorkspaceError:
            context.errors.line(prefix + error.message)
        case let error as GitError where error.isMissingObject:
            // Wherever coe met it, a missing object means the history could not be read whole.
            context.errors.line(prefix + IncompleteHistory(.missingObject(error.description)).description)
        case let error as GitError:
            context.errors.line(prefix + error.description)
        case let error as SourceError:
            context.errors.line(prefix + error.description)
        case let error as IncompleteHistory:
            context.errors.line(prefix + error.description)
        case let error as WorkflowError:
            if case .refused = error {
                // A process rule said no: a finding, exit 1.
                context.errors.line("coe: " + style.paint("refused", .bold, .red) + ": " + error.description)
                return 1
            }
            context.errors.line(prefix + error.description)
        default:
            let message = fullMessage(for: error, columns: context.columns)
            if exitCode(for: error) == .success {
                // As `print` wrote it: help ends with a blank line.
                context.output.write(message + "\n")
                return 0
            }
            context.errors.line(message)
        }
        return 2
    }
}
