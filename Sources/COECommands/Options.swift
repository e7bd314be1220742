import ArgumentParser
import COEApp
import COEFormat
import COELint
import COEWorkspace
import Foundation

/// Options every command that reads a repository takes.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Work on the repository containing this folder (default: the current folder).", valueName: "path"))
    var repo: String?

    /// The folder to find the repository from: `--repo`, else the current folder.
    func folder(in context: CommandContext) -> String { repo.map(context.path) ?? context.currentDirectory }

    /// The repository's workspace, its configuration checked (`Workspace.checked`); a command that lints
    /// (`lints`) reports the configuration's problems among its findings instead.
    func workspace(in context: CommandContext, lints: Bool = false) throws -> Workspace {
        lints ? try Workspace(at: folder(in: context)) : try Workspace.checked(at: folder(in: context))
    }
}

/// The filters of the commands that list COEs (`coe list`, `coe search`): `COEFilters`, one definition.
struct COEFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only COEs of this severity (SEV-1 … SEV-5).", valueName: "severity"))
    var severity: IncidentSeverity?

    @Option(help: ArgumentHelp("Only COEs of this team (in any case).", valueName: "team"))
    var team: String?

    @Option(help: ArgumentHelp("Only COEs naming this service (in any case).", valueName: "service"))
    var service: String?

    @Option(help: ArgumentHelp("Only COEs with this tag (in any case).", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("Only COEs with this status.", valueName: "status"))
    var status: COEStatus?

    @Option(help: ArgumentHelp("Only COEs created on or after this date, YYYY-MM-DD.", valueName: "date"))
    var since: CalendarDate?

    @Option(help: ArgumentHelp("Only COEs created on or before this date, YYYY-MM-DD.", valueName: "date"))
    var until: CalendarDate?

    var filters: COEFilters {
        COEFilters(severity: severity, team: team, service: service, tag: tag, status: status, since: since, until: until)
    }
}

extension Workspace {
    /// The workspace of the repository containing `folder`, refusing a configuration with problems. The one
    /// exit-code rule (README, "Exit codes"): a problem in a document, a COE or `.coe.yaml`, is a finding
    /// (exit 1) whatever the command, so a rule setting that names no rule stops a command as a level that
    /// is not one does (reading the configuration refuses that): both are errors at .coe.yaml:line:column.
    static func checked(at folder: String) throws -> Workspace {
        let workspace = try Workspace(at: folder)
        let problems = LintSession.configurationProblems(workspace.configuration)
        if !problems.isEmpty { throw FormatError(problems) }
        return workspace
    }
}

// MARK: --format
// One enum per set of formats: swift-argument-parser lists its values in --help and refuses any other
// value as a usage error (exit 2) that names the valid ones.

/// `--format` of the commands that print text for people or JSON for programs.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `coe lint --format`: the lint reporters.
extension LintFormat: ExpressibleByArgument {}

extension CommandOutput {
    /// Lint results in `format`: JSON and SARIF exactly, the others as text for people.
    func write(_ results: [LintResult], as format: LintFormat, style: TextStyle) {
        let text = format.reporter(style: style).report(results)
        if format.isForPrograms { write(exact: text) } else { write(text) }
    }
}

/// `coe check --format`: the lint reporters, and a Markdown summary for a pull-request comment.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, github, markdown

    /// The lint reporter's format; nil for Markdown, which `CheckRenderer` writes.
    var lintFormat: LintFormat? {
        switch self {
        case .text: .text
        case .json: .json
        case .sarif: .sarif
        case .github: .github
        case .markdown: nil
        }
    }
}

/// `coe rules --format`: a line per rule, or the whole reference (docs/rules.md).
enum RulesFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown
}

// MARK: Other values

/// `--min-level` of `coe lint` and `coe check`: the least severe finding printed (`note` prints every one).
/// It filters only what is printed: the exit code comes from every finding, so hidden errors still exit 1.
struct LevelOptions: ParsableArguments {
    @Option(name: .customLong("min-level"),
            help: ArgumentHelp("Print only findings at this level or above: note (all), warning or error. The exit code still counts every error.",
                               valueName: "level"))
    var minimum: Diagnostic.Level = .note

    /// The results as printed.
    func printed(_ results: [LintResult]) -> [LintResult] {
        minimum == .note ? results : results.map { $0.keeping(atLeast: minimum) }
    }
}

extension Diagnostic.Level: ExpressibleByArgument, CaseIterable {
    public static var allCases: [Diagnostic.Level] { [.note, .warning, .error] }
}

extension JudgedAs: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension IncidentSeverity: ExpressibleByArgument {
    public init?(argument: String) {
        let normalised = argument.uppercased()
        self.init(rawValue: normalised.hasPrefix("SEV-") ? normalised : normalised.replacingOccurrences(of: "SEV", with: "SEV-"))
    }
}

extension COEStatus: ExpressibleByArgument {}
extension ActionStatus: ExpressibleByArgument {}
extension ActionPriority: ExpressibleByArgument {}

/// `coe remind --format`.
enum RemindFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `coe actions --format`.
enum ActionsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown
}

/// `coe report --format`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}
