import ArgumentParser
import COEWorkflow

struct ApproveCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a COE's current content, in a commit of its own.",
        discussion: """
            Refused (exit 1) before the review period has passed since the commit that moved the COE \
            into review (rule P2; the message says when approval becomes possible), by the COE's author \
            or owner, by someone not on the COE's reviewers: or review.reviewers when either names \
            reviewers (a bar raiser excepted; P3), and while \
            a comment is unresolved (P4). The approval records the content it approves; any later change \
            to the content voids it. With enough approvals (review.approvals, and a bar raiser's for a \
            SEV-1 where bar raisers are configured) the COE moves to approved in the same commit. \
            See docs/workflow.md.

            Examples:
              coe approve k7qm
              coe approve k7qm -m "Thorough; the second why branch was the key."
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(required: false, in: workspace, context: context)
        printOutcome(try workflow.approve(id, text: body), in: context)
    }
}
