import ArgumentParser
import COEWorkflow

struct RecoverCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Finish or undo a coe command that was interrupted, and list the texts saved but not sent.",
        discussion: """
            A coe command killed while committing leaves a journal in the git directory. Every workflow \
            command first finishes it (its commit had landed: the index and work tree are brought to it) \
            or undoes it (it had not: what it staged is unstaged; its text stays saved). This command does \
            only that, so that a plain 'git commit' after an interruption commits nothing of coe's. \
            See docs/robustness.md.

            Examples:
              coe recover
            """)

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let notes = try Workflow.recover(in: workspace)
        var out = (notes.isEmpty ? "nothing to recover" : notes.joined(separator: "\n")) + "\n"
        let saved = Workflow.savedTexts(in: workspace)
        if !saved.isEmpty {
            out += "texts saved but not sent (send one with the same command and --file <path>):\n"
            out += saved.map { "  \($0)\n" }.joined()
        }
        context.output.write(out)
    }
}
