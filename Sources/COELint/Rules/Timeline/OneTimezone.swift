import COEFormat

/// L1: one timezone throughout.
public struct OneTimezone: Rule {
    public static let description = RuleDescription(
        id: "L1", name: "One timezone", level: .error,
        checks: "Every time in the timeline and in coe.yaml's event uses the same UTC offset as the first one.",
        rationale: "\"One timezone throughout (UTC preferred); a mixed offset is an error.\"",
        fix: "Write every time in the same offset, preferably UTC (Z).",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:05:00Z
                  event: Sign-ins began to fail.

                - at: ↓2026-03-01T15:09:00+01:00
                  event: The sign-in error alarm paged the identity on-call engineer.

                """),
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
                  detected: 2026-03-01T15:09:00+01:00
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:05:00Z
                  event: Sign-ins began to fail.

                - at: 2026-03-01T14:09:00+00:00
                  event: The sign-in error alarm paged the identity on-call engineer.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let event = context.metadata.event
        let reference = [event.start, event.detected, event.mitigated, event.end].compactMap { $0 }.first ?? context.document.timeline.first?.at
        guard let reference else { return [] }
        var findings: [Diagnostic] = []
        for (key, time) in [("start", event.start), ("detected", event.detected), ("mitigated", event.mitigated), ("end", event.end)] {
            if let time, time.offsetMinutes != reference.offsetMinutes {
                findings.append(finding(context.metadataFile, context.metadata.positions["event"], "event.\(key) is in \(time.offsetText), the rest in \(reference.offsetText)"))
            }
        }
        for entry in context.document.timeline where entry.at.offsetMinutes != reference.offsetMinutes {
            findings.append(finding(context.timelineFile, entry.texts["at"]?.position ?? entry.position,
                                    "\(entry.at) is in \(entry.at.offsetText); the timeline uses \(reference.offsetText)"))
        }
        return findings
    }
}
