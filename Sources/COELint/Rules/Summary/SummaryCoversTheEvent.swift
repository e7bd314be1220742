import COEFormat

/// Y2: the summary says when impact started and ended, and how it was discovered.
public struct SummaryCoversTheEvent: Rule {
    public static let description = RuleDescription(
        id: "Y2", name: "Summary covers the event", level: .warning,
        checks: "The summary names the start and end times of impact from coe.yaml (in any zone, the zone after a window's "
            + "second time covering its first: \"2:05–2:25 PM PST\") and says how the event was discovered (alarm, alert, page, "
            + "customer report …).",
        rationale: "\"Says when impact started and ended, how it was discovered, and what was done; it should name the start/end times given in the metadata.\"",
        fix: "Add the times of impact (as in coe.yaml's event.start and event.end) and how the team found out.",
        triggering: [
            RuleExample("summary.md", """
                ↓On 2026-03-01, customers could not sign in to the mobile app for 20 minutes. An alarm
                paged the identity on-call engineer, who rolled the deployment back.

                """),
            RuleExample("summary.md", """
                ↓Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile
                app. The identity on-call engineer rolled the deployment back.

                """),
        ],
        nonTriggering: [
            RuleExample("summary.md", """
                From 6:05 to 6:25 AM PST on 2026-03-01, customers could not sign in to the mobile app. An alarm
                paged the identity on-call engineer, who rolled the deployment back.

                """),
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile
                app. An alarm paged the identity on-call engineer, who rolled the deployment back.

                """),
        ])

    static let discovery = WordList(["alarm", "alarms", "alert", "alerts", "alerted", "paged", "page", "monitor", "monitoring",
                                           "detected", "discovered", "noticed", "reported", "customer report", "customers reported"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        guard !context.document.summary.isEmpty else { return [] }
        var missing: [String] = []
        // The times as written, and the ends of windows as their window reads them ("2:12 AM–3:06 AM PDT": 2:12 AM in PDT).
        let windows = TimeWindow.all(in: unit)
        let clocks = unit.times.filter { $0.kind == .clock } + windows.flatMap { [$0.start, $0.end] }
        for (label, time) in [("start", context.metadata.event.start), ("end", context.metadata.event.end)] {
            guard let time else { continue }
            // A time in the summary names the event's when it is the same instant (`TimeExpression.names`).
            if !clocks.contains(where: { $0.names(time) }) { missing.append("the \(label) of impact (\(Self.clockTimes(of: time)[0]))") }
        }
        if !Self.discovery.occurs(in: unit) { missing.append("how the event was discovered") }
        guard !missing.isEmpty else { return [] }
        return [finding(unit.file, unit.start, "the summary does not say " + missing.joined(separator: " or "))]
    }

    /// "09:12" in the offset the author wrote and in UTC.
    static func clockTimes(of time: Timestamp) -> [String] {
        func clock(_ seconds: Int64) -> String {
            let second = Int((seconds % 86_400 + 86_400) % 86_400)
            let hours = String(second / 3600), minutes = String(second / 60 % 60)
            return (hours.count == 1 ? "0" + hours : hours) + ":" + (minutes.count == 1 ? "0" + minutes : minutes)
        }
        return [clock(time.seconds + Int64(time.offsetMinutes * 60)), clock(time.seconds)]
    }
}
