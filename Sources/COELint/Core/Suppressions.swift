import COEFormat

/// Inline suppressions: `<!-- coe-ignore B4: reason -->` in Markdown, `# coe-ignore B4, I2: reason` in YAML.
///
/// A directive silences the named rules on its own line and on the next non-blank
/// line. It must carry a reason after the colon; one without is itself a finding
/// (rule `suppression`), and silences nothing. In Markdown it must be in an HTML
/// comment as `MarkdownScan` finds one: a directive shown in code is an example.
public struct Suppression: Sendable {
    public let file: String
    public let position: SourcePosition
    public let rules: [String]
    public let reason: String?
    /// The lines it covers.
    public let lines: ClosedRange<Int>

    /// `coe-ignore`, the rules, then `:` and the reason. The rules may be missing (`coe-ignore: reason`): such a
    /// directive is still one, and is reported for naming no rule instead of being passed over.
    static let directive = Pattern("coe-ignore(?![A-Za-z0-9_-])[ \\t]*([A-Za-z0-9.,_ \\t-]*?)[ \\t]*(?::[ \\t]*(.*?))?[ \\t]*(?:-->|$)")

    /// Every directive in the COE's files. In Markdown a directive is a comment: one in code, or in the text, is not.
    public static func all(in document: COEDocument) -> [Suppression] {
        var result: [Suppression] = []
        let parts = [document.summary, document.impact, document.response, document.analysis]
        for (file, text) in document.sources where text.containsBytes("coe-ignore") {
            // The UTF-16 ranges of the comments a Markdown directive must be in; nil for YAML.
            let comments = file.hasSuffix(".md")
                ? (parts.first { $0.file == file }?.markdown ?? MarkdownScan(text)).segments(.comment).map(\.utf16) : nil
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var lineStart = 0
            for (index, line) in lines.enumerated() {
                defer { lineStart += line.utf16.count + 1 }
                guard line.contains("coe-ignore"), let match = directive.firstMatch(in: String(line)) else { continue }
                if let comments, !comments.contains(where: { $0.contains(lineStart + match.range.location) }) { continue }
                let ids = (match.groups[1]?.text ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
                let reason = match.groups[2]?.text.trimmingWhitespaceAndComment()
                let column = String(decoding: String(line).utf16.prefix(match.range.location), as: UTF16.self).unicodeScalars.count + 1
                // The directive's own line and the next line that is not blank (1-based line numbers).
                var next = index + 1
                while next < lines.count, lines[next].allSatisfy({ $0 == " " || $0 == "\t" }) { next += 1 }
                let lastLine = max(index + 1, min(next + 1, lines.count))
                result.append(Suppression(file: file, position: SourcePosition(line: index + 1, column: column), rules: ids,
                                          reason: (reason?.isEmpty ?? true) ? nil : reason, lines: (index + 1)...lastLine))
            }
        }
        return result.sorted { ($0.file, $0.position) < ($1.file, $1.position) }
    }

    /// True when this suppression silences `finding`.
    func covers(_ finding: Diagnostic) -> Bool {
        guard reason != nil, finding.file == file, let rule = finding.rule, let line = finding.position?.line else { return false }
        return lines.contains(line) && rules.contains { $0 == rule || rule.hasPrefix($0 + ".") }
    }
}

extension String {
    func trimmingWhitespaceAndComment() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "-" || last == ">" { text = text.dropLast() }
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        return String(text)
    }
}
