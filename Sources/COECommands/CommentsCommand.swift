import ArgumentParser
import COEApp
import COEWorkflow

struct CommentsCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "comments",
        abstract: "List a COE's review comments, replies, resolutions and approvals.",
        discussion: """
            Read from the COE as HEAD has it. An approval counts while the content it approved is \
            unchanged. JSON schema: docs/workflow.md.

            Examples:
              coe comments k7qm
              coe comments k7qm --open
              coe comments k7qm --format json
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Flag(help: "Only the comments still open.")
    var open = false

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let review = try Workflow.reviewState(id, in: workspace)
        switch format {
        case .text:
            context.output.write(ReviewRenderer.text(id: review.id, state: review.state, approvals: review.approvals,
                                                     onlyOpen: open, style: context.outputStyle))
        case .json:
            context.output.write(exact: ReviewRenderer.json(id: review.id, state: review.state, approvals: review.approvals, onlyOpen: open))
        }
    }
}
