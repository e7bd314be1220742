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

    /// Diagnostics as an array of JSON objects: file, line, column, level, rule, message (a key is absent
    /// where its value does not apply).
    public static func json(_ diagnostics: [Diagnostic]) -> JSON {
        .array(diagnostics.sorted().map { diagnostic in
            .object(omittingNil: [
                ("file", JSON(diagnostic.file)), ("level", JSON(diagnostic.level.rawValue)), ("message", JSON(diagnostic.message)),
                ("line", diagnostic.position.map { JSON($0.line) }), ("column", diagnostic.position.map { JSON($0.column) }),
                ("rule", diagnostic.rule.map(JSON.init)),
            ])
        })
    }
}
