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

    func workspace(in context: CommandContext) throws -> Workspace { try Workspace(at: folder(in: context)) }
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

/// `coe actions --format`.
enum ActionsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown
}
