import COEFormat

/// S2: the metadata every COE carries.
public struct MetadataComplete: Rule {
    public static let description = RuleDescription(
        id: "S2", name: "Metadata complete", level: .error,
        checks: "coe.yaml gives an owner, the event's start, detection, mitigation and end times, and at least one reviewer.",
        rationale: "\"Metadata every COE carries: a stable id, title, severity (SEV-1…SEV-5), status, owning team, owner (a role or team alias, not a person's name), event start and end, detection time, mitigation time, created date, reviewers, confidentiality level (public / team-only / secure), related COEs.\"",
        fix: "Fill the missing keys of coe.yaml (docs/format.md#coeyaml).",
        triggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: review
                team: identity
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """, fileFinding: "coe.yaml"),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                ↓event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
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
                ↓reviewers: []

                """),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in to the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity team
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:25:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-bar-raiser@example.com]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let metadata = context.metadata
        let file = context.metadataFile
        var findings: [Diagnostic] = []
        if metadata.owner?.isEmpty ?? true { findings.append(finding(file, nil, "no owner: name the role or team alias that owns this COE")) }
        let eventPosition = metadata.positions["event"]
        let times: [(String, Timestamp?)] = [("start", metadata.event.start), ("detected", metadata.event.detected),
                                             ("mitigated", metadata.event.mitigated), ("end", metadata.event.end)]
        for (key, value) in times where value == nil {
            findings.append(finding(file, eventPosition, "no event.\(key) time"))
        }
        if metadata.reviewers.isEmpty { findings.append(finding(file, metadata.positions["reviewers"], "no reviewers")) }
        return findings
    }
}
