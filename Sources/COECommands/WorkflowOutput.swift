import ArgumentParser
import COEFormat
import COEApp
import COEWorkflow
import COEWorkspace
import Foundation

/// What a workflow command prints when it made its commit.
func printOutcome(_ outcome: Workflow.Outcome) {
    let style = TextStyle.forStream(1)
    print("\(style.dim(outcome.commit.abbreviated(8))) \(outcome.subject)")
    if let record = outcome.record { print("  record \(record.id)") }
    for note in outcome.notes { print("  \(note)") }
}

/// The text a command takes: `-m`, `--file`, or the editor.
struct TextOptions: ParsableArguments {
    @Option(name: [.short, .customLong("message")], help: "The text (Markdown). Without it (and without --file) the editor opens.")
    var message: String?

    @Option(name: .customLong("file"), help: ArgumentHelp("Read the text from a file ('-': standard input), e.g. one saved after a failed commit.", valueName: "path"))
    var file: String?

    /// The text from `-m`, `--file`, or the editor opened on `template` (once `beforeEditor` passes);
    /// `required`: empty text is refused.
    func read(template: String = "", required: Bool, in workspace: Workspace, beforeEditor: () throws -> Void = {}) throws -> String {
        try MessageInput.read(message: message, file: file, template: template, required: required, repository: workspace.repository,
                              beforeEditor: beforeEditor)
    }
}
