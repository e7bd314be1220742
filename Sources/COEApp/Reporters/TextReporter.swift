import COEFormat
import COELint

/// `path:line:col: level [RULE] message`, one line each, then a summary line.
public struct TextReporter: Reporter {
    public static let name = "text"
    let colours: Bool

    public init(colours: Bool) { self.colours = colours }

    private func paint(_ text: String, _ code: String) -> String { colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    public func report(_ results: [LintResult]) -> String {
        var lines: [String] = []
        for finding in results.allFindings {
            var location = finding.file
            if let position = finding.position { location += ":\(position.line):\(position.column)" }
            let level: String
            switch finding.level {
            case .error: level = paint("error", "1;31")
            case .warning: level = paint("warning", "1;33")
            case .note: level = paint("note", "36")
            }
            lines.append("\(paint(location, "1")): \(level)\(finding.rule.map { " [\($0)]" } ?? "") \(finding.message)")
        }
        let summary = results.summary
        let errors = results.reduce(0) { $0 + $1.errorCount }, warnings = results.reduce(0) { $0 + $1.warningCount }
        lines.append(errors > 0 ? paint(summary, "1;31") : warnings > 0 ? paint(summary, "33") : paint(summary, "32"))
        return lines.joined(separator: "\n") + "\n"
    }
}
