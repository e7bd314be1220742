import COEFormat
import COELint

/// `path:line:col: level [RULE] message`, one line each (`DiagnosticRenderer`), then a summary line.
public struct TextReporter: Reporter {
    let style: TextStyle

    /// A reporter that styles its text with `style` (plain for a pipe, a file or a test).
    public init(style: TextStyle) { self.style = style }

    public func report(_ results: [LintResult]) -> String {
        var lines = results.allFindings.map { DiagnosticRenderer.line($0, style: style) }
        let errors = results.errorCount, warnings = results.warningCount
        let colour: [TextStyle.Attribute] = errors > 0 ? [.bold, .red] : warnings > 0 ? [.yellow] : [.green]
        lines.append(style.paint(results.summary, colour))
        return lines.joined(separator: "\n") + "\n"
    }
}
