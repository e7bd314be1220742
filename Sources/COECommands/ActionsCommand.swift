import ArgumentParser
import COEApp
import COEFormat
import COEHistory
import COEWorkspace
import Foundation

struct ActionsCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the action items of every COE: owner, priority, due date, days left, status, ticket.",
        discussion: """
            Filters combine. With --overdue the exit code is 1 when any item is overdue (open or in \
            progress, past its due date): the scheduled report of policy violations (rule A5). Owners \
            that are not a configured team or role are marked orphaned (A8). A COE that cannot be read \
            is named, and makes the exit code 1. Columns and the CSV header: docs/actions.md.

            Examples:
              coe actions --status open
              coe actions --overdue --format markdown > overdue.md
              coe actions --owner "payments team" --due-before 2026-12-31
              coe actions --format csv > actions.csv
            """)

    @Option(help: ArgumentHelp("Only items owned by this team or role (in any case).", valueName: "owner"))
    var owner: String?

    @Option(help: ArgumentHelp("Only items owned by this team, which must be one of the configuration's teams.", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only items of this priority.", valueName: "priority"))
    var priority: ActionPriority?

    @Option(help: ArgumentHelp("Only items in this state: open, in-progress, done, replaced.", valueName: "status"))
    var status: ActionStatus?

    @Flag(help: "Only overdue items; exit 1 when there are any.")
    var overdue = false

    @Option(help: ArgumentHelp("Only items due before this date, YYYY-MM-DD.", valueName: "date"))
    var dueBefore: CalendarDate?

    @Option(name: .customLong("coe"), help: ArgumentHelp("Only the items of this COE (its id, a unique prefix, or its folder).", valueName: "id"),
            completion: .coeIDs)
    var coe: String?

    @Flag(help: "Check each done item's evidence (only done items are listed); exit 1 when any does not hold.")
    var verify = false

    @Option(help: ArgumentHelp("Compute days left as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @Option(help: "The output format.")
    var format: ActionsFormat = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let configuration = workspace.configuration
        if let team, !configuration.teams.contains(where: { $0.lowercased() == team.lowercased() }) {
            throw ValidationError("'\(team)' is not a configured team (teams: in .coe.yaml: \(configuration.teams.joined(separator: ", ")))")
        }
        var (documents, unreadable) = try readCOEs(workspace)
        if let coe {
            // The one way a COE reference is read (an id, a unique prefix, or a folder), as coe show reads it.
            let directory = try workspace.resolve(coe)
            documents = documents.filter { $0.directory == directory }
            unreadable = unreadable.filter { $0 == directory }
        }
        let date = try context.today(today)
        let wanted = [owner, team].compactMap { $0?.lowercased() }
        var rows = ActionRow.rows(documents, today: date, configuration: configuration).filter { row in
            let item = row.item
            return wanted.allSatisfy { $0 == item.owner?.lowercased() }
                && priority.map { item.priority == $0 } ?? true
                && status.map { item.status == $0 } ?? true
                && (!overdue || row.overdue)
                && dueBefore.map { due in item.due.map { $0 < due } ?? false } ?? true
                && (!verify || item.status == .done)
        }
        var unavailable: [String] = []
        if verify {
            let check = EvidenceCheck(repository: workspace.repository, root: workspace.workTree, configuration: configuration)
            for index in rows.indices { rows[index].verdict = check.verify(rows[index].item) }
            unavailable = check.unavailable
        }
        switch format {
        case .text: context.output.write(ActionsRenderer.text(rows, unreadable: unreadable, verified: verify, style: context.outputStyle))
        case .json: context.output.write(exact: ActionsRenderer.json(rows))
        case .csv: context.output.write(exact: ActionsRenderer.csv(rows, verified: verify))
        case .markdown: context.output.write(ActionsRenderer.markdown(rows, verified: verify))
        }
        if !unreadable.isEmpty && format != .text {
            for directory in unreadable { context.errors.line("coe: \(directory) could not be read; its action items are not listed") }
        }
        for path in unavailable {
            context.errors.line("coe: evidence repository '\(path)' (evidence.repositories in .coe.yaml) cannot be opened; its commits were not searched")
        }
        if !unreadable.isEmpty || (overdue && rows.contains(where: \.overdue)) || rows.contains(where: { $0.verdict?.holds == false }) {
            throw ExitCode(1)
        }
    }
}

/// Every COE of the work tree, its metadata and `parts` read (its action items unless told), and the folders
/// of those that cannot be: `coe actions`, `coe remind` and `coe report`.
func readCOEs(_ workspace: Workspace, parts: Set<Part> = [.actions]) throws
    -> (documents: [(directory: String, document: COEDocument)], unreadable: [String]) {
    var documents: [(directory: String, document: COEDocument)] = []
    var unreadable: [String] = []
    for (directory, result) in try workspace.loadAll(parts: parts) {
        switch result {
        case .success(let document): documents.append((directory, document))
        case .failure: unreadable.append(directory)
        }
    }
    return (documents, unreadable)
}
