import ArgumentParser
import COEWorkflow

struct WithdrawCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Move a COE from review back to draft, in a commit of its own.",
        discussion: """
            Submitting it again starts a new review period. See docs/workflow.md.

            Examples:
              coe withdraw k7qm
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        printOutcome(try openWorkflow(repository, in: context).0.withdraw(id), in: context)
    }
}
