import ArgumentParser
import COEWorkflow

struct SubmitCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Move a COE from draft to review, in a commit of its own.",
        discussion: """
            The COE must be lint-clean at error level (coe lint). The commit changes only the status in \
            coe.yaml, carries the trailers COE-Id and COE-Status, and leaves your staged and unstaged work \
            as it was. The review period (rule P2) runs from this commit. See docs/workflow.md.

            Examples:
              coe submit k7qm
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        printOutcome(try openWorkflow(repository, in: context).0.submit(id), in: context)
    }
}
