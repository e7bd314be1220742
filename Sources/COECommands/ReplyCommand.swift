import ArgumentParser
import COEWorkflow

struct ReplyCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Reply to a review comment, in a commit of its own.",
        discussion: """
            A reply does not resolve the comment; coe resolve does. See docs/workflow.md.

            Examples:
              coe reply k7qm 20261122T161500Z-3f9a -m "Added the EU numbers to impact.md."
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The comment's id (or a unique prefix of it), as coe comments lists it.", completion: .commentIDs(of: "reply"))
    var comment: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(template: "Your reply to comment \(comment).", required: true, in: workspace,
                                 context: context) { try workflow.preflight(id) }
        printOutcome(try workflow.reply(id, to: comment, text: body), in: context)
    }
}
