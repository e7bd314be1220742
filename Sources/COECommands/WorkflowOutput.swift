import ArgumentParser
import COEApp
import COEFormat
import COEWorkflow
import COEWorkspace
import Foundation

/// What a workflow command prints when it made its commit.
func printOutcome(_ outcome: Workflow.Outcome, in context: CommandContext) {
    var lines = ["\(context.outputStyle.dim(outcome.commit.abbreviated(8))) \(outcome.subject)"]
    if let record = outcome.record { lines.append("  record \(record.id)") }
    lines += outcome.notes.map { "  \($0)" }
    context.output.write(lines.map { $0 + "\n" }.joined())
}

/// The text a command takes: `-m`, `--file`, or the editor.
struct TextOptions: ParsableArguments {
    @Option(name: [.short, .customLong("message")], help: "The text (Markdown). Without it (and without --file) the editor opens.")
    var message: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("Read the text from a file ('-': standard input), e.g. one saved after a failed commit.", valueName: "path"))
    var file: String?

    /// The text from `-m`, `--file`, or the editor opened on `template` (once `beforeEditor` passes);
    /// `required`: empty text is refused.
    func read(template: String = "", required: Bool, in workspace: Workspace, context: CommandContext,
              beforeEditor: () throws -> Void = {}) throws -> String {
        try MessageInput.read(message: message, file: file.map { $0 == "-" ? $0 : context.path($0) }, template: template, required: required,
                              repository: workspace.repository, environment: context.environment, readInput: context.readInput,
                              beforeEditor: beforeEditor)
    }
}

/// The workflow of the repository `options` names, as the context's identity (git's variables) makes commits.
func openWorkflow(_ options: RepositoryOptions, in context: CommandContext) throws -> (Workflow, Workspace) {
    let workspace = try options.workspace(in: context)
    return (try Workflow(workspace: workspace, environment: context.environment), workspace)
}
