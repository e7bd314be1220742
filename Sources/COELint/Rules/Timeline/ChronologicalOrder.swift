import COEFormat

/// L2: entries are in chronological order.
public struct ChronologicalOrder: Rule {
    public static let description = RuleDescription(
        id: "L2", name: "Chronological order", level: .error,
        checks: "Each timeline entry is at or after the one before it.",
        rationale: "\"Entries in chronological order.\"",
        fix: "Move the entry to its place, or correct its time.",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:09:00Z
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: ↓2026-03-01T14:07:00Z
                  event: The sign-in error rate passed 5 percent.

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:09:00Z
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:09:00Z
                  event: The sign-in error rate passed 5 percent.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let entries = context.document.timeline
        return zip(entries, entries.dropFirst()).compactMap { previous, entry in
            guard entry.at < previous.at else { return nil }
            return finding(context.timelineFile, entry.texts["at"]?.position ?? entry.position, "\(entry.at) comes after \(previous.at) in the timeline; keep entries in order")
        }
    }
}
