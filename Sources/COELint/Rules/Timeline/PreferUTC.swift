import COEFormat
import Foundation

/// L1.utc: times in UTC, when the configuration asks for it.
public struct PreferUTC: Rule {
    public static let description = RuleDescription(
        id: "L1.utc", name: "Times in UTC", level: .warning,
        checks: "With `timezone: UTC` in the configuration, the times of coe.yaml's event and of the timeline are in UTC (`Z` or "
            + "+00:00), and no time in the Markdown parts is given only in another zone (PST, +01:00, US/Pacific).",
        rationale: "\"One timezone throughout (UTC preferred).\" Readers in other places compare COEs by their times; a team that "
            + "settles on UTC asks every COE to use it.",
        fix: "Write the times in UTC (keep a local time in parentheses when it helps: \"09:12 UTC (10:12 CET)\").",
        triggering: [
            RuleExample("response.md", """
                ### Detection

                The sign-in error alarm fired at ↓6:09 AM PST, 4 minutes after the start of impact, and
                paged the identity on-call engineer.

                """, configuration: "timezone: UTC\n"),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                ### Detection

                The sign-in error alarm fired at 14:09 UTC (6:09 AM PST), 4 minutes after the start of impact, and
                paged the identity on-call engineer.

                """, configuration: "timezone: UTC\n"),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard context.configuration.timezone?.uppercased() == "UTC" else { return [] }
        var findings: [Diagnostic] = []
        let event = context.metadata.event
        if let time = [event.start, event.detected, event.mitigated, event.end].compactMap({ $0 }).first(where: { $0.offsetMinutes != 0 }) {
            findings.append(finding(context.metadataFile, context.metadata.positions["event"], "event times are in \(time.offsetText); the configuration asks for UTC"))
        }
        if let entry = context.document.timeline.first(where: { $0.at.offsetMinutes != 0 }) {
            findings.append(finding(context.timelineFile, entry.texts["at"]?.position ?? entry.position,
                                    "\(entry.at) is in \(entry.at.offsetText); the configuration asks for UTC"))
        }
        for unit in context.proseUnits {
            // A local time next to its UTC one ("14:09 UTC (6:09 AM PST)") is a courtesy, not the time given: a
            // sentence with a time in UTC is fine.
            let clocks = unit.times.filter { $0.kind == .clock }
            let grouped = TimeExpression.bySentence(clocks, in: unit, hasZone: { _ in false })
            let utcSentences = Set(grouped.filter { $0.time.zone?.isUTC == true }.map { NSStringFromRange($0.sentence) })
            for (time, sentence, _) in grouped {
                guard let zone = time.zone, !zone.isUTC, !utcSentences.contains(NSStringFromRange(sentence)) else { continue }
                findings.append(finding(unit, atUTF16: time.range.location, "'\(time.text)' is not in UTC; the configuration asks for UTC"))
            }
        }
        return findings
    }
}
