import COEFormat

/// L5: gaps of more than 15 minutes inside the impact window are explained.
public struct GapsExplained: Rule {
    static let maximumGapMinutes: Int64 = 15

    public static let description = RuleDescription(
        id: "L5", name: "Gaps explained", level: .warning,
        checks: "Between the start and end of impact, an entry that follows the previous one by more than 15 minutes carries `gap_explanation`.",
        rationale: "\"A gap of more than 15 minutes between entries inside the impact window carries an explanation.\"",
        fix: "Add the missing events, or say what the team was doing in `gap_explanation`.",
        bad: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:55:00Z", with: "- at: 2026-10-13T09:57:00Z", line: 35, column: 3),
        good: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:55:00Z",
                          with: "- at: 2026-10-13T09:57:00Z\n  gap_explanation: The team watched the rollback progress; nothing else happened."))

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
