import ArgumentParser
import COEFormat
import COEHistory
import COEApp
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
            Every COE is a folder of plain-text files under the COE root (default coes/).
            Run 'coe <command> --help' for a command's options and examples.

            Exit codes: 0 success, 1 findings (problems in documents, or a process rule refusing a
            review step), 2 usage or I/O error.
            """,
        version: "0.1.0",
        subcommands: [InitCommand.self, NewCommand.self, ListCommand.self, ShowCommand.self, LintCommand.self, RulesCommand.self, LogCommand.self,
                      BlameCommand.self, AuditCommand.self, SubmitCommand.self, StatusCommand.self, WithdrawCommand.self, CommentCommand.self,
                      ReplyCommand.self, ResolveCommand.self, CommentsCommand.self, ApproveCommand.self, RequestChangesCommand.self,
                      RecoverCommand.self, CheckCommand.self, HooksCommand.self, HookCommand.self])

    public init() {}

    /// Runs `coe` with the process's arguments and exits with its exit code.
    public static func main() {
        do {
            // Git runs `coe hook <name>` on every commit and push: its arguments are fixed, so it skips
            // the general parser (about a millisecond of a hook's budget).
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.count >= 2, arguments[0] == "hook", !arguments.contains(where: { $0.hasPrefix("-") }) {
                var hook = HookCommand()
                hook.name = arguments[1]
                hook.arguments = Array(arguments.dropFirst(2))
                try hook.validate()
                try hook.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            Foundation.exit(report(error))
        }
    }

    /// Prints an error the way users should see it and returns the exit code (2 for every usage or I/O error).
    static func report(_ error: Error) -> Int32 {
        let style = TextStyle.forStream(2)
        let prefix = "coe: " + style.red(style.bold("error")) + ": "
        switch error {
        case let error as FormatError:
            printError(DiagnosticRenderer.text(error.diagnostics, style: style))
        case let error as WorkspaceError:
            printError(prefix + error.message)
        case let error as GitError where error.isMissingObject:
            // Wherever coe met it, a missing object means the history could not be read whole.
            printError(prefix + IncompleteHistory(.missingObject(error.description)).description)
        case let error as GitError:
            printError(prefix + error.description)
        case let error as SourceError:
            printError(prefix + error.description)
        case let error as IncompleteHistory:
            printError(prefix + error.description)
        case let error as WorkflowError:
            if case .refused = error {
                // A process rule said no: a finding, exit 1.
                printError("coe: " + style.red(style.bold("refused")) + ": " + error.description)
                return 1
            }
            printError(prefix + error.description)
        default:
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                return 0
            }
            printError(message)
        }
        return 2
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
