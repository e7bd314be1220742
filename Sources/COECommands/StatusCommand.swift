import ArgumentParser
import COEFormat
import COEWorkflow

struct StatusCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Move a COE to another status, in a commit of its own.",
        discussion: """
            Allowed moves (rule P1): draft → review → approved → published → closed, and review → draft. \
            Anything else is refused with the allowed moves listed (exit 1). Approval is made with \
            coe approve; publishing needs the approvals to still count (the content unchanged since); \
            closing needs every action item done (rule P6). See docs/workflow.md.

            Examples:
              coe status k7qm published
              coe status k7qm closed
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The status to move to: draft, review, published or closed (approved is reached with coe approve).")
    var status: COEStatus

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        printOutcome(try openWorkflow(repository, in: context).0.move(id, to: status), in: context)
    }
}
