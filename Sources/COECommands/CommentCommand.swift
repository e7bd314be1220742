import ArgumentParser
import COEWorkflow

struct CommentCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Add a review comment to a COE, in a commit of its own.",
        discussion: """
            The comment is a new file under the COE's review/ folder, so comments made on two branches \
            merge without conflict. It stays open until resolved (coe resolve), and an open comment \
            blocks approval (rule P4). If the commit cannot be made, the text is saved under the git \
            directory and the path printed; give it back with --file. See docs/workflow.md.

            Examples:
              coe comment k7qm -m "The impact misses the EU customers."
              coe comment k7qm --part impact --line 3 -m "Which region?"
              coe comment k7qm --item A3 -m "Is 2026-12-01 realistic?"
              coe comment k7qm                 # opens the editor
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: "The part the comment is about (summary, impact, timeline, actions, …).", completion: .list(Workflow.commentParts))
    var part: String?

    @Option(help: "The line of the part's file.")
    var line: Int?

    @Option(help: "An action item's id (A3) or a timeline entry's time.")
    var item: String?

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(template: "Your review comment on \(id). Lines starting with # are left out.", required: true,
                                 in: workspace, context: context) { try workflow.preflight(id) }
        printOutcome(try workflow.comment(id, text: body, part: part, line: line, item: item), in: context)
    }
}
