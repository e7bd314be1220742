import COEFormat

/// P5: a COE is complete within 14 days of creation.
public struct Languishing: Rule {
    public static let description = RuleDescription(
        id: "P5", name: "Languishing COE", level: .warning, appliesToDrafts: true,
        checks: "A COE still in draft or review is not older than `limits.days_to_complete` (default 14) days (against today's date, or `--today`).",
        rationale: "\"A COE should be complete (approved) within 14 days of creation; a draft older than that is 'languishing' and reported.\"",
        fix: "Finish the draft and submit it, or get the review done.",
        triggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: draft
                team: identity
                owner: identity on-call engineer
                created: ↓2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """, today: "2026-03-17"),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: draft
                team: identity
                owner: identity on-call engineer
                created: 2026-03-03
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """, today: "2026-03-17"),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: approved
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """, today: "2026-03-17"),
        ])

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
