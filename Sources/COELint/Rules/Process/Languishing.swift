import COEFormat

/// P5: a COE is complete within 14 days of creation.
public struct Languishing: Rule {
    public static let description = RuleDescription(
        id: "P5", name: "Languishing COE", level: .warning, appliesToDrafts: true,
        checks: "A COE still in draft or review is not older than `limits.days_to_complete` (default 14) days (against today's date, or `--today`).",
        rationale: "\"A COE should be complete (approved) within 14 days of creation; a draft older than that is 'languishing' and reported.\"",
        fix: "Finish the draft and submit it, or get the review done.",
        bad: RuleExample(file: "coe.yaml", replacing: "status: closed", with: "status: review", line: 7, column: 10),
        good: RuleExample(file: "coe.yaml", replacing: "status: closed", with: "status: closed"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let metadata = context.metadata
        guard metadata.status == .draft || metadata.status == .review else { return [] }
        let age = metadata.created.days(until: context.today)
        guard age > context.configuration.daysToComplete else { return [] }
        return [finding(context.metadataFile, metadata.texts["created"]?.position,
                        "created \(age) days ago and still in \(metadata.status.rawValue); complete a COE within \(context.configuration.daysToComplete) days")]
    }
}
