import ArgumentParser
import COEFormat
import COEApp
import COEWorkspace

struct ListCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the COEs: id, severity, status, age in days, title and folder.",
        discussion: """
            A listing reads each COE's coe.yaml alone, taking it from the read cache in the git \
            directory when the file has not changed. Without filters, a COE whose coe.yaml cannot be \
            read is listed as 'unreadable' and makes the exit code 1; 'coe show <id>' says what is \
            wrong with it, and 'coe lint' checks every part and the folder's files.

            Examples:
              coe list
              coe list --status review
              coe list --team payments --since 2026-01-01
              coe list --severity SEV-1 --service checkout
              coe list --format json | jq '.[] | select(.severity == "SEV-1")'
            """)

    @OptionGroup var filter: COEFilterOptions

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @Option(help: ArgumentHelp("Compute ages as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let filters = filter.filters
        // A COE that cannot be read is listed when nothing is filtered: with a filter, nothing says it passes.
        let rows = try workspace.loadMetadata().map { directory, result in
            switch result {
            case .success(let metadata): return ListRow(directory: directory, metadata: metadata, problems: [])
            case .failure(let error): return ListRow(directory: directory, metadata: nil, problems: error.diagnostics)
            }
        }.filter { row in row.metadata.map { filters.matches($0) } ?? (filters == COEFilters()) }
        let date = try context.today(today)
        switch format {
        case .text: context.output.write(ListRenderer.text(rows, today: date, style: context.outputStyle))
        case .json: context.output.write(exact: ListRenderer.json(rows, today: date))
        }
        if rows.contains(where: { $0.metadata == nil }) { throw ExitCode(1) }
    }
}
