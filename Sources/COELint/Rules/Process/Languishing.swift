import COEFormat
import COEProcess

/// P5: a COE is complete within 14 days of creation. The check is the process rule's (`CompleteInTime`);
/// lint reports it at the `created` line.
public struct Languishing: Rule {
    static let process = CompleteInTime.description

    public static let description = RuleDescription(
        id: process.id, name: process.name, level: process.level, appliesToDrafts: true,
        checks: process.checks,
        rationale: process.rationale,
        fix: process.fix,
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
        // Only a draft or a COE in review can languish (`CompleteInTime`): today is read only for those, so that the
        // findings cache keeps the others' findings across days.
        let status = context.metadata.status
        let facts = ProcessFacts(coe: ProcessFacts.COE(context.metadata), configuration: context.configuration,
                                 today: status == .draft || status == .review ? context.today : nil)
        return CompleteInTime().check(facts, .standing).map {
            finding(context.metadataFile, context.metadata.texts["created"]?.position, $0.message)
        }
    }
}
