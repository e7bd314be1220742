import ArgumentParser
import COEApp
import COEWorkflow

struct CommentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comments",
        abstract: "List a COE's review comments, replies, resolutions and approvals.",
        discussion: """
            Read from the COE as HEAD has it. An approval counts while the content it approved is
            unchanged. JSON schema: docs/workflow.md.

            Examples:
              coe comments k7qm
              coe comments k7qm --open
              coe comments k7qm --format json
            """)

    @Argument(help: "The COE's id, a unique prefix of it, or its folder.")
    var id: String

    @Flag(help: "Only the comments still open.")
    var open = false

    @Option(help: "The output format.")
    var format: OutputFormat = .text

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let workspace = try repository.workspace()
        let review = try Workflow.reviewState(id, in: workspace)
        switch format {
        case .text:
            let text = ReviewRenderer.text(id: review.id, state: review.state, approvals: review.approvals, onlyOpen: open,
                                           style: .forStream(1))
            print(text, terminator: "")
        case .json:
            print(ReviewRenderer.json(id: review.id, state: review.state, approvals: review.approvals, onlyOpen: open), terminator: "")
        }
    }
}
