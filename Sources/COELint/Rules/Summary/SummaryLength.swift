import COEFormat

/// Y3: the summary is short.
public struct SummaryLength: Rule {
    public static let description = RuleDescription(
        id: "Y3", name: "Summary length", level: .warning,
        checks: "The summary has at most 250 words.",
        rationale: "\"Self-critical and short: a summary over ~250 words is a warning.\"",
        fix: "Keep what a reader needs to decide whether to read on; move detail to the analysis.",
        triggering: [
            RuleExample("summary.md", "↓" + String(repeating: tenWords, count: 25) + "Done.\n"),
        ],
        nonTriggering: [
            RuleExample("summary.md", String(repeating: tenWords, count: 25)),
        ])

    /// A sentence of ten words: 25 of them are exactly the limit.
    static let tenWords = "The pipeline ran every test again before the rollback deployed.\n"

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        let count = unit.words.count
        guard count > 250 else { return [] }
        return [finding(unit.file, unit.start, "the summary has \(count) words; keep it under about 250")]
    }
}
