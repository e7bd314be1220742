import ArgumentParser
import COEFormat
import COEHistory
import COEApp
import COEWorkspace
import GitKit

struct BlameCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "Show who last changed each line of a COE, and each action item and timeline entry.",
        discussion: """
            Reads the committed COE at --rev (default HEAD); changes not yet committed are not shown. \
            Parts: \(Blame.partNames.joined(separator: ", ")) (default: all). An action item is \
            its whole file; a timeline entry is its lines up to the next entry.

            Examples:
              coe blame k7qm
              coe blame k7qm actions
              coe blame k7qm timeline --format json
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The parts to blame (default: all).", completion: .list(Blame.partNames))
    var parts: [String] = []

    @Option(help: "The revision to read.")
    var rev = "HEAD"

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        for part in parts where !Blame.partNames.contains(part) {
            throw ValidationError("unknown part '\(part)'; parts are \(Blame.partNames.joined(separator: ", "))")
        }
    }

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let commit = try workspace.commit(at: rev)
        let source = GitTreeSource(repository: workspace.repository, tree: try workspace.repository.commit(commit).tree, label: rev)
        let directory = try workspace.resolve(id, in: source)
        let result = try Blame.blame(directory: directory, parts: parts, at: commit, root: workspace.root,
                                      limits: workspace.configuration.readLimits, in: workspace.repository)
        switch format {
        case .text: context.output.write(BlameRenderer.text(result, style: context.outputStyle))
        case .json: context.output.write(exact: BlameRenderer.json(result))
        }
    }
}
