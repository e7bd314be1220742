import ArgumentParser
import COEApp
import COEFormat
import COEHistory
import COEWorkspace

struct ReportCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The health of the COE process: statuses, response and review times, action items, month by month.",
        discussion: """
            Computed from the COEs of the work tree and from the history (as coe audit reads it), for \
            the COEs whose created date is within --since and --until (UTC dates). Medians and p90s \
            are nearest-rank. A COE that cannot be read is named, left out of every figure, and makes \
            the exit code 1; a shallow clone exits 2 (fetch full history). Every figure is defined in \
            docs/reports.md.

            Examples:
              coe report
              coe report --since 2026-09-01 --format markdown > review.md
              coe report --format json | jq '.actions.all.overdue'
            """)

    @Option(help: ArgumentHelp("Only COEs created on or after this date, YYYY-MM-DD (default: the first).", valueName: "date"))
    var since: CalendarDate?

    @Option(help: ArgumentHelp("Only COEs created on or before this date, YYYY-MM-DD (default: today).", valueName: "date"))
    var until: CalendarDate?

    @Option(help: ArgumentHelp("Compute ages and overdue items as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @Option(help: "The output format.")
    var format: ReportFormat = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        if let since, let until, until < since { throw ValidationError("--until \(until) is before --since \(since)") }
    }

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let configuration = workspace.configuration
        var (documents, unreadable) = try readCOEs(workspace)
        // The timeline only where coe.yaml lacks an event time: the report falls back on its milestones
        // (most COEs have all four, and their timelines are not read). A timeline that cannot be read then
        // makes the COE one that cannot be read, as any part the report needs.
        for (index, entry) in documents.enumerated().reversed() where entry.document.metadata.event.lacksATime {
            do {
                documents[index].document = try COEReader.read(directory: entry.directory, from: workspace.workingTree,
                                                               limits: configuration.readLimits, parts: [.actions, .timeline])
            } catch is FormatError {
                documents.remove(at: index)
                unreadable.append(entry.directory)
            }
        }
        unreadable.sort()
        let date = try context.today(today)
        let end = until ?? date
        if let since, end < since { throw ValidationError("--since \(since) is after \(until == nil ? "today, " : "--until ")\(end)") }
        // What history says of each COE, in coe audit's one walk (none before the first commit).
        let history = try workspace.repository.head().map { head in
            try Audit.run(from: head, root: configuration.root, configuration: configuration, in: workspace.repository).coes
        } ?? []
        let report = ProcessReport(documents: documents, unreadable: unreadable, history: history, configuration: configuration,
                                   since: since, until: end, today: date)
        switch format {
        case .text: context.output.write(ReportRenderer.text(report, style: context.outputStyle))
        case .markdown: context.output.write(ReportRenderer.markdown(report))
        case .json: context.output.write(exact: ReportRenderer.json(report))
        }
        if format != .text {
            for directory in unreadable { context.errors.line("coe: \(directory) could not be read; it is not counted") }
        }
        if !unreadable.isEmpty { throw ExitCode(1) }
    }
}
