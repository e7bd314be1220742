import COEFormat
import COELint

/// Turns lint results into text for a place: a terminal, a program, a code-scanning UI, a CI log.
public protocol Reporter {
    /// The `--format` name.
    static var name: String { get }
    func report(_ results: [LintResult]) -> String
}

/// The reporters, by `--format` name.
public enum Reporters {
    public static let names = ["text", "json", "sarif", "github"]

    public static func reporter(named name: String, colours: Bool) -> (any Reporter)? {
        switch name {
        case TextReporter.name: return TextReporter(colours: colours)
        case JSONReporter.name: return JSONReporter()
        case SARIFReporter.name: return SARIFReporter()
        case GitHubReporter.name: return GitHubReporter()
        default: return nil
        }
    }
}

extension Array where Element == LintResult {
    /// Every finding, in order: by COE folder, then file, position, rule.
    var allFindings: [Diagnostic] { flatMap(\.findings) }

    /// How many COEs were checked (the configuration's own findings are not a COE).
    var coeCount: Int { filter { !$0.isConfiguration }.count }

    /// "2 errors, 1 warning in 3 COEs".
    var summary: String {
        let errors = reduce(0) { $0 + $1.errorCount }, warnings = reduce(0) { $0 + $1.warningCount }, coes = coeCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(coes) COE\(coes == 1 ? "" : "s")"
    }
}
