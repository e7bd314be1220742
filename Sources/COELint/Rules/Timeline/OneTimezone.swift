import COEFormat

/// L1: one timezone throughout.
public struct OneTimezone: Rule {
    public static let description = RuleDescription(
        id: "L1", name: "One timezone", level: .error,
        checks: "Every time in the timeline and in coe.yaml's event uses the same UTC offset as the first one.",
        rationale: "\"One timezone throughout (UTC preferred); a mixed offset is an error.\"",
        fix: "Write every time in the same offset, preferably UTC (Z).",
        bad: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:04:00Z", with: "- at: 2026-10-13T11:04:00+02:00", line: 7, column: 7),
        good: RuleExample(file: "timeline.yaml", replacing: "- at: 2026-10-13T09:04:00Z", with: "- at: 2026-10-13T09:04:00Z"))

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
