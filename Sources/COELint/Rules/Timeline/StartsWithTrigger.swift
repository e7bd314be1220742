import COEFormat

/// L4: the timeline starts with the first trigger, not with the page.
public struct StartsWithTrigger: Rule {
    public static let description = RuleDescription(
        id: "L4", name: "Starts with the trigger", level: .error,
        checks: "The first entry is at or before the start of impact, and an entry marked TRIGGER is not after it.",
        rationale: "\"Starts with the first trigger (e.g. the deployment), not with the page. The first entry is before START OF IMPACT or equal to it.\"",
        fix: "Add the event that set things off (a deployment, a configuration change, a traffic surge) as the first entry, marked TRIGGER.",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: ↓2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  event: A deployment of the sign-in service started.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: ↓2026-03-01T14:07:00Z
                  milestone: TRIGGER
                  event: The deployment pointed the session store at a read-only replica.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let entries = context.document.timeline
        guard let first = entries.min(by: { $0.at < $1.at }),
              let start = entries.first(where: { $0.milestone == .startOfImpact })?.at ?? context.metadata.event.start else { return [] }
        var findings: [Diagnostic] = []
        if first.at > start {
            findings.append(finding(context.timelineFile, first.texts["at"]?.position ?? first.position,
                                    "the timeline starts at \(first.at), after the start of impact (\(start)); start with the trigger"))
        }
        for trigger in entries where trigger.milestone == .trigger && trigger.at > start && trigger.at != first.at {
            findings.append(finding(context.timelineFile, trigger.texts["at"]?.position ?? trigger.position, "the TRIGGER entry is after the start of impact"))
        }
        return findings
    }
}
