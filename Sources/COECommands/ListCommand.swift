import ArgumentParser
import COEFormat
import COEApp
import COEWorkspace

struct ListCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the COEs: id, severity, status, age in days, title and folder.",
        discussion: """
            A COE whose files cannot be read is listed as 'unreadable' and makes the exit code 1; \
            'coe show <id>' says what is wrong with it.

            Examples:
              coe list
              coe list --status review
              coe list --format json | jq '.[] | select(.severity == "SEV-1")'
            """)

    @Option(help: ArgumentHelp("Only COEs with this status.", valueName: "status"))
    var status: COEStatus?

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @Option(help: ArgumentHelp("Compute ages as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let rows = try workspace.loadAll().map { directory, result in
            switch result {
            case .success(let document): return ListRow(directory: directory, document: document, problems: [])
            case .failure(let error): return ListRow(directory: directory, document: nil, problems: error.diagnostics)
            }
        }.filter { row in status.map { row.document?.metadata.status == $0 } ?? true }
        let date = try context.today(today)
        switch format {
        case .text: context.output.write(ListRenderer.text(rows, today: date, style: context.outputStyle))
        case .json: context.output.write(exact: ListRenderer.json(rows, today: date))
        }
        if rows.contains(where: { $0.document == nil }) { throw ExitCode(1) }
    }
}
