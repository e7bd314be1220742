import ArgumentParser
import COEFormat
import COEWorkspace
import Foundation

/// Options every command that reads a repository takes.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Work on the repository containing this folder (default: the current folder).", valueName: "path"))
    var repo: String?

    func workspace() throws -> Workspace { try Workspace(at: repo) }
}

/// Text for people, JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

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

/// Today's date in UTC, or the one given with --today (for reproducible output).
func today(_ given: CalendarDate?) -> CalendarDate {
    given ?? CalendarDate(utcSeconds: Int64(Date().timeIntervalSince1970))
}
