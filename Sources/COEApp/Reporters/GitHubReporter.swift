import COEFormat
import COELint

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, shown as annotations.
public struct GitHubReporter: Reporter {

    public init() {}

    public func report(_ results: [LintResult]) -> String {
        var lines: [String] = results.allFindings.map { finding in
            let command: String
            switch finding.level {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = ["file=\(escapeProperty(finding.file))"]
            if let position = finding.position {
                properties.append("line=\(position.line)")
                properties.append("col=\(position.column)")
            }
            properties.append("title=\(escapeProperty("coe " + (finding.rule ?? "format")))")
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(finding.message))"
        }
        lines.append(results.summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escaping the runner expects in a message.
    func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping the runner expects in a property value.
    func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
