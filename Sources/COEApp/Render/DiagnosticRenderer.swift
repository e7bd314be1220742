import COEFormat

/// Diagnostics as `path:line:col: level [RULE] message` lines.
public enum DiagnosticRenderer {
    public static func text(_ diagnostics: [Diagnostic], style: TextStyle) -> String {
        diagnostics.sorted().map { diagnostic in
            var location = diagnostic.file
            if let position = diagnostic.position { location += ":\(position.line):\(position.column)" }
            let level: String
            switch diagnostic.level {
            case .error: level = style.red(style.bold("error"))
            case .warning: level = style.yellow(style.bold("warning"))
            case .note: level = style.cyan("note")
            }
            let rule = diagnostic.rule.map { " [\($0)]" } ?? ""
            return "\(style.bold(location)): \(level)\(rule) \(diagnostic.message)"
        }.joined(separator: "\n")
    }

    /// Diagnostics as JSON objects: file, line, column, level, rule, message.
    public static func jsonObjects(_ diagnostics: [Diagnostic]) -> [[String: Any]] {
        diagnostics.sorted().map { diagnostic in
            var object: [String: Any] = ["file": diagnostic.file, "level": diagnostic.level.rawValue, "message": diagnostic.message]
            if let position = diagnostic.position {
                object["line"] = position.line
                object["column"] = position.column
            }
            if let rule = diagnostic.rule { object["rule"] = rule }
            return object
        }
    }
}
