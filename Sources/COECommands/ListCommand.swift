import ArgumentParser
import COEFormat
import COEApp
import COEWorkspace

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the COEs: id, severity, status, age in days, title and folder.",
        discussion: """
            A COE whose files cannot be read is listed as 'unreadable' and makes the exit code 1;
            'coe show <id>' says what is wrong with it.

            Examples:
              coe list
              coe list --status review
              coe list --format json | jq '.[] | select(.severity == "SEV-1")'
            """)

    @Option(help: ArgumentHelp("Only COEs with this status (\(COEStatus.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "status"))
    var status: COEStatus?

    @Option(help: "The output format.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Compute ages as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        let workspace = try repository.workspace()
        let rows = try workspace.loadAll().map { directory, result in
            switch result {
            case .success(let document): return ListRow(directory: directory, document: document, problems: [])
            case .failure(let error): return ListRow(directory: directory, document: nil, problems: error.diagnostics)
            }
        }.filter { row in status.map { row.document?.metadata.status == $0 } ?? true }
        let date = COECommands.today(today)
        switch format {
        case .text: print(ListRenderer.text(rows, today: date, style: .forStream(1)), terminator: "")
        case .json: print(ListRenderer.json(rows, today: date), terminator: "")
        }
        if rows.contains(where: { $0.document == nil }) { throw ExitCode(1) }
    }
}
