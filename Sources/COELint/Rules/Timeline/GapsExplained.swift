import COEFormat

/// L5: gaps of more than 15 minutes inside the impact window are explained.
public struct GapsExplained: Rule {
    static let maximumGapMinutes: Int64 = 15

    public static let description = RuleDescription(
        id: "L5", name: "Gaps explained", level: .warning,
        checks: "Between the start and end of impact, an entry that follows the previous one by more than 15 minutes carries `gap_explanation`.",
        rationale: "\"A gap of more than 15 minutes between entries inside the impact window carries an explanation.\"",
        fix: "Add the missing events, or say what the team was doing in `gap_explanation`.",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - ↓at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.
                  gap_explanation: The rollback ran the pipeline's full test suite; nothing else happened.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

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

                - at: 2026-03-01T14:50:00Z
                  event: The incident commander closed the incident.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let entries = context.document.timeline.sorted { $0.at < $1.at }
        let event = context.metadata.event
        guard let start = entries.first(where: { $0.milestone == .startOfImpact })?.at ?? event.start,
              let end = entries.first(where: { $0.milestone == .endOfImpact })?.at ?? event.end else { return [] }
        return zip(entries, entries.dropFirst()).compactMap { previous, entry in
            let gap = entry.at.seconds - previous.at.seconds
            guard gap > Self.maximumGapMinutes * 60, previous.at.seconds < end.seconds, entry.at.seconds > start.seconds,
                  entry.gapExplanation?.isEmpty ?? true else { return nil }
            return finding(context.timelineFile, entry.position, "\(gap / 60) minutes pass between \(previous.at) and \(entry.at) during the impact; add the events or a gap_explanation")
        }
    }
}
