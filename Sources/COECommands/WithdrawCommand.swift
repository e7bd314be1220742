import ArgumentParser
import COEWorkflow

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Move a COE from review back to draft, in a commit of its own.",
        discussion: """
            Submitting it again starts a new review period. See docs/workflow.md.

            Examples:
              coe withdraw k7qm
            """)

    @Argument(help: "The COE's id, a unique prefix of it, or its folder.")
    var id: String

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        printOutcome(try Workflow(workspace: try repository.workspace()).withdraw(id))
    }
}
