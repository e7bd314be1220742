import ArgumentParser
import COEApp
import COEFormat
import COEWorkspace

struct RemindCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Per owner, the open action items due within a few days and the overdue ones.",
        discussion: """
            Ready to paste into a chat message or a mail; nothing is sent. Exit code 0 (the overdue \
            report that fails is coe actions --overdue); 1 when a COE cannot be read. See docs/actions.md.

            Examples:
              coe remind
              coe remind --days 7 --format markdown
            """)

    @Option(help: ArgumentHelp("Items due within this many days, besides the overdue ones.", valueName: "days"))
    var days: Int = 2

    @Option(help: ArgumentHelp("Count days as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @Option(help: "The output format.")
    var format: RemindFormat = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        guard (0...365).contains(days) else { throw ValidationError("--days is a whole number from 0 to 365") }
    }

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let (documents, unreadable) = try readCOEs(workspace)
        let rows = ActionRow.rows(documents, today: try context.today(today), configuration: workspace.configuration)
        let groups = RemindRenderer.byOwner(rows, within: days)
        switch format {
        case .text: context.output.write(RemindRenderer.text(groups, within: days, style: context.outputStyle))
        case .markdown: context.output.write(RemindRenderer.markdown(groups, within: days))
        case .json: context.output.write(exact: RemindRenderer.json(groups))
        }
        for directory in unreadable { context.errors.line("coe: \(directory) could not be read; its action items are not included") }
        if !unreadable.isEmpty { throw ExitCode(1) }
    }
}
