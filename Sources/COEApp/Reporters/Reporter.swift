import COEFormat
import COELint

/// Turns lint results into text for a place: a terminal, a program, a code-scanning UI, a CI log.
public protocol Reporter {
    func report(_ results: [LintResult]) -> String
}

/// The formats lint results can be printed in (`coe lint --format`, `coe check --format`).
public enum LintFormat: String, CaseIterable, Sendable {
    /// For people: `TextReporter`.
    case text
    /// For programs: `JSONReporter` (docs/rules.md#json-output).
    case json
    /// For code-scanning UIs: `SARIFReporter`.
    case sarif
    /// For GitHub Actions annotations: `GitHubReporter`.
    case github

    /// True for the formats read by programs (JSON, SARIF), written exactly; the others are text for
    /// people, written through `TerminalText`.
    public var isForPrograms: Bool { self == .json || self == .sarif }

    /// The reporter of this format; `style` colours the text format only.
    public func reporter(style: TextStyle) -> any Reporter {
        switch self {
        case .text: return TextReporter(style: style)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .github: return GitHubReporter()
        }
    }
}

extension Array where Element == LintResult {
    /// Every finding, in order: by COE folder, then file, position, rule.
    var allFindings: [Diagnostic] { flatMap(\.findings) }

    /// How many COEs were checked (the configuration's own findings and the notes about the repository are not a COE).
    var coeCount: Int { filter(\.isCOE).count }

    /// Errors and warnings of every result.
    var errorCount: Int { reduce(0) { $0 + $1.errorCount } }
    var warningCount: Int { reduce(0) { $0 + $1.warningCount } }

    /// "2 errors, 1 warning in 3 COEs".
    var summary: String {
        let errors = errorCount, warnings = warningCount, coes = coeCount
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(coes) COE\(coes == 1 ? "" : "s")"
    }
}
