import COEFormat

/// S4: related COEs are linked by ids that exist.
public struct RelatedCOEsExist: Rule {
    public static let description = RuleDescription(
        id: "S4", name: "Related COEs exist", level: .error,
        checks: "Every id in `related` names a COE in the repository (and not this one).",
        rationale: "\"Related COEs (same trigger, separate root causes) link to each other by id; a link to an id that does not exist is an error.\"",
        fix: "Correct the id (run `coe list`), or remove the link.",
        triggering: [
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
                detection_source: alarm
                reviewers: [identity-lead@example.com]
                related: ↓[2026-02-11-q8m2c4v7tx]

                """, otherCOEs: ["2026-02-11-q8m2c4v7tz"]),
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
                detection_source: alarm
                reviewers: [identity-lead@example.com]
                related: ↓[2026-03-02-m8r4t6v2kc]

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
                detection_source: alarm
                reviewers: [identity-lead@example.com]
                related: [2026-02-11-q8m2c4v7tz]

                """, otherCOEs: ["2026-02-11-q8m2c4v7tz"]),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.metadata.related.compactMap { id in
            if id == context.metadata.id { return finding(context.metadataFile, context.metadata.texts["related"]?.position, "a COE cannot be related to itself") }
            guard !context.isKnown(id) else { return nil }
            return finding(context.metadataFile, context.metadata.texts["related"]?.position, "related COE '\(id)' does not exist in this repository")
        }
    }
}
