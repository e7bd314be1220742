import COEFormat

/// R2: the response and post-incident analyses say enough to learn from.
public struct AnalysisDepth: Rule {
    static let minimumWords = 40

    public static let description = RuleDescription(
        id: "R2", name: "Analysis depth", level: .warning,
        checks: "The incident response analysis and the post-incident analysis each have at least \(minimumWords) words once written.",
        rationale: "\"How the team did during the event, and what it understood while it was happening; what was learned since.\"",
        fix: "Describe how the team responded, what it knew at each point, and what it has learned since.",
        bad: RuleExample(file: "analysis.md", with: "The template used library defaults.\n", line: 1, column: 1),
        good: RuleExample(file: "analysis.md", with: String(repeating: "The template filled missing keys from library defaults, which nobody reviewed. ", count: 4) + "\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        [(context.document.response, Part.response), (context.document.analysis, Part.analysis)].compactMap { prose, part in
            guard !prose.isEmpty else { return nil }
            let count = context.prose(part).words.count
            guard count < Self.minimumWords else { return nil }
            return finding(prose.file, SourcePosition(line: 1, column: 1), "\(part.title.lowercased()) has \(count) words; say how the team responded and what it learned")
        }
    }
}
