import COEFormat

/// T1: a title has fewer than 20 words.
public struct TitleLength: Rule {
    public static let description = RuleDescription(
        id: "T1", name: "Title length", level: .error, appliesToDrafts: true,
        checks: "The title has fewer than 20 words.",
        rationale: "\"Fewer than 20 words.\" A title is read in lists and subjects; the story belongs in the summary.",
        fix: "State the customer-facing problem in fewer words; move detail to the summary.",
        triggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: ↓Customers unable to sign in to the mobile app for twenty minutes during the afternoon peak on a busy Sunday
                severity: SEV-3
                status: review
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

                """),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app for twenty minutes during the afternoon peak on a Sunday
                severity: SEV-3
                status: review
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

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let count = context.metadata.title.split(whereSeparator: { $0.isWhitespace }).count
        guard count >= 20 else { return [] }
        return [finding(context.metadataFile, context.metadata.texts["title"]?.position, "the title has \(count) words; keep it under 20")]
    }
}
