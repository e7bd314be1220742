import COEFormat

/// T1: a title has fewer than 20 words.
public struct TitleLength: Rule {
    public static let description = RuleDescription(
        id: "T1", name: "Title length", level: .error, appliesToDrafts: true,
        checks: "The title has fewer than 20 words.",
        rationale: "\"Fewer than 20 words.\" A title is read in lists and subjects; the story belongs in the summary.",
        fix: "State the customer-facing problem in fewer words; move detail to the summary.",
        bad: RuleExample(file: "coe.yaml", replacing: "title: Customers unable to complete checkout in the EU region",
                         with: "title: Customers unable to complete checkout in the EU region for almost an hour during the morning peak on a busy weekday", line: 2, column: 8),
        good: RuleExample(file: "coe.yaml", replacing: "title: Customers unable to complete checkout in the EU region",
                          with: "title: Customers unable to complete checkout in the EU region"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let count = context.metadata.title.split(whereSeparator: { $0.isWhitespace }).count
        guard count >= 20 else { return [] }
        return [finding(context.metadataFile, context.metadata.texts["title"]?.position, "the title has \(count) words; keep it under 20")]
    }
}
