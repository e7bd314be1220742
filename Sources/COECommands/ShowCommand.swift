import ArgumentParser
import COEFormat
import COEApp
import COEWorkflow
import COEWorkspace

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a COE in the terminal, its parts in canonical order.",
        discussion: """
            The COE is named by its id, a unique prefix of the id or of its random part, or its folder.
            A COE that cannot be read is not shown: each problem is printed as path:line:column.

            Examples:
              coe show 2026-11-03-k3f9x2qm7a
              coe show k3f9
              coe show k3f9 --format json
            """)

    @Argument(help: "The COE's id, a unique prefix of it, or its folder.")
    var id: String

    @Option(help: "The output format.")
    var format: OutputFormat = .text

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let workspace = try repository.workspace()
        let directory = try workspace.resolve(id)
        let document = try COEReader.read(directory: directory, from: workspace.workingTree, limits: workspace.configuration.readLimits)
        let hash = try ContentHash.of(directory: directory, in: workspace.workingTree, repository: workspace.repository)
        switch format {
        case .text: print(ShowRenderer.text(document, contentHash: hash, style: .forStream(1)), terminator: "")
        case .json: print(ShowRenderer.json(document, contentHash: hash), terminator: "")
        }
    }
}
