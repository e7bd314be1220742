import COEFormat

/// R1: how the event was detected is a structured field.
public struct DetectionSourceGiven: Rule {
    public static let description = RuleDescription(
        id: "R1", name: "Detection source given", level: .error,
        checks: "coe.yaml gives `detection_source` (alarm, customer, internal-report or team).",
        rationale: "\"How the event was detected: by an alarm (automated) or by a customer / someone outside the team. Detection source is a structured field.\"",
        fix: "Add `detection_source:` to coe.yaml.",
        triggering: [
            RuleExample("coe.yaml", """
                ↓id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
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
                reviewers: [identity-lead@example.com]

                """),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
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
                detection_source: customer
                reviewers: [identity-lead@example.com]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard context.metadata.detectionSource == nil else { return [] }
        return [finding(context.metadataFile, SourcePosition(line: 1, column: 1), "no detection_source: say whether an alarm, a customer, someone outside the team or the team found it")]
    }
}
