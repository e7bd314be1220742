import COEFormat

/// P5: a COE is complete (approved) within `limits.days_to_complete` days of its creation.
public struct CompleteInTime: ProcessRule {
    public static let description = ProcessRuleDescription(
        id: "P5", name: "Languishing COE", level: .warning,
        judges: "The COE as it stands, on a given day.",
        checks: "A COE still in draft or review is not older than `limits.days_to_complete` (default 14) days, counted from its "
            + "`created` date to today (or `--today`).",
        rationale: "\"A COE should be complete (approved) within 14 days of creation; a draft older than that is 'languishing' "
            + "and reported.\"",
        fix: "Finish the draft and submit it, or get the review done.",
        enforcedBy: "`coe lint` (as lint rule P5, which runs this rule), and so `coe submit`, the pre-commit hook and `coe check`.",
        bad: [
            ProcessExample("Still in review 20 days after creation", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-10T10:00:00Z"),
                .standing(at: "2026-11-21T10:00:00Z"),
            ]),
        ],
        good: [
            ProcessExample("Approved, 20 days after creation", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-10T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-11T11:00:00Z", moving: true),
                .standing(at: "2026-11-21T10:00:00Z"),
            ]),
            ProcessExample("A draft 14 days old", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .standing(at: "2026-11-15T10:00:00Z"),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case .standing = event, let today = facts.today, let created = facts.coe.created, let status = facts.coe.status,
              status == .draft || status == .review else { return [] }
        let age = created.days(until: today)
        let limit = facts.configuration.daysToComplete
        guard age > limit else { return [] }
        return [finding("created \(age) days ago and still in \(status.rawValue); complete a COE within \(limit) days",
                        hint: status == .draft ? "finish the draft and submit it (coe submit \(facts.coe.id))" : "get the review done")]
    }
}
