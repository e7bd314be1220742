import ArgumentParser
import COEFormat
import COEApp
import COEWorkspace

struct NewCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a COE from the template and print its id and folder.",
        discussion: """
            The title states the problem as customers saw it, in fewer than 20 words (rule T1). \
            The id is the creation date plus a random part, so COEs created on different \
            branches never collide. The new COE is a draft; its files hold guidance comments.

            Examples:
              coe new "Customers unable to complete checkout in one region" \\
                --severity SEV-2 --team payments
              coe new "Delayed order e-mails" --severity SEV-4 --team notifications \\
                --owner "notifications on-call engineer"
            """)

    @Argument(help: "The customer-facing problem, fewer than 20 words.")
    var title: String

    @Option(help: ArgumentHelp("SEV-1 (worst) to SEV-5.", valueName: "SEV-n"))
    var severity: IncidentSeverity

    @Option(help: "The owning team.")
    var team: String

    @Option(help: "A role or team alias that owns the document (default: the team). Never a person's name.")
    var owner: String?

    @Option(help: ArgumentHelp("The creation date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var created: CalendarDate?

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let request = Creator.Request(title: title, severity: severity, team: team, owner: owner, created: try context.today(created))
        let (metadata, directory) = try Creator.create(request, in: workspace)
        switch format {
        case .text:
            context.output.write("Created \(metadata.id) in \(directory)/\nFill in its parts, then commit; 'coe show \(metadata.id)' shows it.\n")
        case .json:
            context.output.write(exact: JSONText.text(["id": JSON(metadata.id), "path": JSON(directory)]))
        }
    }
}
