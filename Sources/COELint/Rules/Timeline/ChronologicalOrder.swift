import COEFormat

/// L2: entries are in chronological order.
public struct ChronologicalOrder: Rule {
    public static let description = RuleDescription(
        id: "L2", name: "Chronological order", level: .error,
        checks: "Each timeline entry is at or after the one before it.",
        rationale: "\"Entries in chronological order.\"",
        fix: "Move the entry to its place, or correct its time.",
        bad: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:21:00Z", with: "- at: 2026-10-13T09:18:00Z", line: 19, column: 7),
        good: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:21:00Z", with: "- at: 2026-10-13T09:21:00Z"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let entries = context.document.timeline
        return zip(entries, entries.dropFirst()).compactMap { previous, entry in
            guard entry.at < previous.at else { return nil }
            return finding(context.timelineFile, entry.texts["at"]?.position ?? entry.position, "\(entry.at) comes after \(previous.at) in the timeline; keep entries in order")
        }
    }
}
