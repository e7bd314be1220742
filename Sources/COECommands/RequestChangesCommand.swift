import ArgumentParser
import COEWorkflow

struct RequestChangesCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-changes",
        abstract: "Ask for changes before approval, in a commit of its own.",
        discussion: """
            Recorded like a comment that must be resolved before anyone can approve (rule P4). \
            See docs/workflow.md.

            Examples:
              coe request-changes k7qm -m "The whys stop at a person; go on to the process."
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(template: "What must change before approval.", required: true, in: workspace,
                                 context: context) { try workflow.preflight(id) }
        printOutcome(try workflow.requestChanges(id, text: body), in: context)
    }
}
