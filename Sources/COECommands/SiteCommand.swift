import ArgumentParser
import COEApp
import COEFormat
import COEWorkspace

struct SiteCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build a static site of the published and closed COEs, for other teams to read.",
        discussion: """
            Reads the COEs as a commit has them (HEAD unless --rev) and writes into <out-dir>: \
            index.html (every published or closed COE, with filters by severity, status, team, \
            service, tag and year, and a search box over search-index.js, plain JavaScript, \
            nothing fetched), one page per COE (coes/<id>.html, as coe render --format html), \
            actions.html (open and overdue action items) and report.html (the process report, \
            as coe report). Secure COEs are left out of every page, file and index; team-only \
            COEs are marked. Only what changed is read and written again: a COE whose git tree \
            is the same keeps its page (a manifest in the git directory remembers). <out-dir> must \
            be new, empty, or a site coe made. See docs/render.md.

            Examples:
              coe site public
              coe site /srv/coes --rev origin/main --base-url https://coes.example.com/
            """)

    @Argument(help: ArgumentHelp("The folder to write the site into.", valueName: "out-dir"), completion: .directory)
    var output: String

    @Option(help: ArgumentHelp("Publish the COEs as this commit has them (a branch, tag or commit id).", valueName: "rev"))
    var rev = "HEAD"

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("Where the site will be served from: writes sitemap.xml with these addresses.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .customLong("no-report"), help: "Leave out the process report (it reads the whole history).")
    var noReport = false

    @Option(help: ArgumentHelp("List overdue action items as of this date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url is an http:// or https:// address")
        }
    }

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let folder = context.path(output)
        let outcome = try Site.generate(workspace: workspace, revision: rev, into: folder, today: try context.today(today),
                                        baseURL: baseURL, report: !noReport)
        context.output.line("\(output): \(outcome.published) COE\(outcome.published == 1 ? "" : "s") published; "
            + "\(outcome.rendered) page\(outcome.rendered == 1 ? "" : "s") written, \(outcome.kept) unchanged, \(outcome.removed) removed")
        if !outcome.problems.isEmpty {
            // Every COE that could be read is on the site; the others are findings.
            throw FormatError(outcome.problems)
        }
    }
}
