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

/// Now, in seconds since 1970: `COE_NOW` when set (seconds, or a time such as 2026-11-22T16:15:00Z),
/// else the clock. The server hooks and `coe check` use it, so tests and managed servers can set it.
func clockNow() throws -> Int64 {
    guard let text = ProcessInfo.processInfo.environment["COE_NOW"], !text.isEmpty else { return Int64(Date().timeIntervalSince1970) }
    if let seconds = Int64(text) { return seconds }
    guard let stamp = Timestamp(text) else { throw ValidationError("COE_NOW '\(text)' is neither seconds since 1970 nor a time such as 2026-11-22T16:15:00Z") }
    return stamp.seconds
}
