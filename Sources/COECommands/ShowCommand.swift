import ArgumentParser
import COEFormat
import COEApp
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

    @Argument(help: "The COE's id, a unique prefix of it, or its folder.")
    var id: String

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let directory = try workspace.resolve(id)
        let document = try COEReader.read(directory: directory, from: workspace.workingTree)
        let hash = try ContentHash.of(directory: directory, in: workspace.workingTree, repository: workspace.repository)
        switch format {
        case .text: context.output.write(ShowRenderer.text(document, contentHash: hash, style: context.outputStyle))
        case .json: context.output.write(ShowRenderer.json(document, contentHash: hash))
        }
    }
}
