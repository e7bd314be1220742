import ArgumentParser
import COEWorkflow

struct RetractCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "Withdraw your own comment or request for changes, in a commit of its own.",
        discussion: """
            For a comment made by mistake (the wrong COE, a question answered elsewhere). A retraction \
            is a record of its own that closes the thread; the comment stays in the review record, \
            marked retracted (records are never edited or removed, P11). Only the comment's author may \
            retract it (P10, refused with exit 1). See docs/workflow.md.

            Examples:
              coe retract k7qm 20261122T161500Z-3f9a -m "Meant for the other COE."
              coe retract k7qm 20261122T161500Z-3f9a
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "Your comment's id (or a unique prefix of it), as coe comments lists it.", completion: .commentIDs(of: "retract"))
    var comment: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(required: false, in: workspace, context: context)
        printOutcome(try workflow.retract(id, comment: comment, text: body), in: context)
    }
}
