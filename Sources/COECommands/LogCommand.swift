import ArgumentParser
import COEFormat
import COEHistory
import COEApp
import COEWorkspace
import GitKit

struct LogCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the commits that changed a COE, newest first, with what each changed.",
        discussion: """
            A commit is listed when it changed the COE's folder (a merge when it differs from every \
            parent, as a conflict resolution does). A COE whose folder moved keeps its history. \
            Each commit's changes are named in the document's terms: parts edited, action items added, \
            removed or changed (with the fields), timeline entries, status moves, and a flag on edits \
            made after the COE was approved. JSON schema: docs/history.md.

            A shallow clone has an incomplete history: the command refuses it (exit 2).

            Examples:
              coe log k7qm
              coe log k7qm --format json
              coe log k7qm --rev origin/main
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: "The revision to start from.")
    var rev = "HEAD"

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let start = try workspace.commit(at: rev)
        let source = GitTreeSource(repository: workspace.repository, tree: try workspace.repository.commit(start).tree, label: rev)
        let directory = try workspace.resolve(id, in: source)
        let coeID = String(directory.split(separator: "/").last ?? "")
        let entries = try Log.entries(ofCOE: coeID, at: directory, from: start, root: workspace.root,
                                      limits: workspace.configuration.readLimits, in: workspace.repository)
        switch format {
        case .text: context.output.write(LogRenderer.text(entries, style: context.outputStyle))
        case .json: context.output.write(exact: LogRenderer.json(entries))
        }
    }
}
