import ArgumentParser
import COEWorkflow

struct ResolveCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve a review comment, saying what was changed, in a commit of its own.",
        discussion: """
            The answer stays in the COE's review record (rule P4). Only the person who opened the \
            comment or a listed reviewer may resolve it; the COE's author only their own comments, and \
            a request for changes only its author or a bar raiser (P10, refused with exit 1). See \
            docs/workflow.md.

            Examples:
              coe resolve k7qm 20261122T161500Z-3f9a -m "impact.md now gives the EU count."
              coe resolve k7qm 20261122T161500Z-3f9a
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The comment's id (or a unique prefix of it), as coe comments lists it.", completion: .commentIDs(of: "resolve"))
    var comment: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(required: false, in: workspace, context: context)
        printOutcome(try workflow.resolve(id, comment: comment, text: body), in: context)
    }
}
