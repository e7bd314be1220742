import COEFormat

/// Diagnostics as text, `path:line:col: level [RULE] message`, one a line: the one text form of a
/// diagnostic, whether lint found it (`coe lint`, the hooks, `coe check`) or a document could not be read.
public enum DiagnosticRenderer {
    /// Diagnostics sorted (file, position, rule), one a line, without a final newline.
    public static func text(_ diagnostics: [Diagnostic], style: TextStyle) -> String {
        diagnostics.sorted().map { line($0, style: style) }.joined(separator: "\n")
    }

    /// One diagnostic's line (a multi-line message stays as it is).
    public static func line(_ diagnostic: Diagnostic, style: TextStyle) -> String {
        var location = diagnostic.file
        if let position = diagnostic.position { location += ":\(position.line):\(position.column)" }
        let level: String
        switch diagnostic.level {
        case .error: level = style.paint("error", .bold, .red)
        case .warning: level = style.paint("warning", .bold, .yellow)
        case .note: level = style.cyan("note")
        }
        let rule = diagnostic.rule.map { " [\($0)]" } ?? ""
        return "\(style.bold(location)): \(level)\(rule) \(diagnostic.message)"
    }

    /// One diagnostic's JSON members, the same in every output (the lint schema, docs/rules.md): `file`,
    /// `level`, `message`, `rule`, and `line` and `column` (`null` for a finding about a whole file).
    public static func members(_ diagnostic: Diagnostic) -> [(String, JSON)] {
        [("file", JSON(diagnostic.file)), ("level", JSON(diagnostic.level.rawValue)), ("message", JSON(diagnostic.message)),
         ("rule", JSON(diagnostic.rule)), ("line", JSON(diagnostic.position?.line)), ("column", JSON(diagnostic.position?.column))]
    }

    /// Diagnostics as a JSON array, sorted.
    public static func json(_ diagnostics: [Diagnostic]) -> JSON {
        .array(diagnostics.sorted().map { .object(members($0)) })
    }
}
