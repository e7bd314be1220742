import ArgumentParser
import COEFormat
import COEApp
import COEProcess
import COEWorkflow
import COEWorkspace

struct ShowCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a COE in the terminal, its parts in canonical order.",
        discussion: """
            The COE is named by its id, a unique prefix of the id or of its random part, or its folder. \
            A COE that cannot be read is not shown: each problem is printed as path:line:column.

            Examples:
              coe show 2026-11-03-k3f9x2qm7a
              coe show k3f9
              coe show k3f9 --format json
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let directory = try workspace.resolve(id)
        let document = try COEReader.read(directory: directory, from: workspace.workingTree, limits: workspace.configuration.readLimits)
        // Approvals are counted as the workflow and the gates count them, which needs the COE's creator from history.
        let facts = try Workflow.standingFacts(document, at: directory, in: workspace.workingTree, workspace: workspace,
                                               head: try workspace.repository.head())
        switch format {
        case .text: context.output.write(ShowRenderer.text(document, approvals: facts.approvals, style: context.outputStyle))
        case .json: context.output.write(exact: ShowRenderer.json(document, approvals: facts.approvals))
        }
    }
}
