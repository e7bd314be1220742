import COEFormat
import Foundation

/// I6: the impact window and its length agree across the parts that state them.
public struct TimesAgree: Rule {
    public static let description = RuleDescription(
        id: "I6", name: "The numbers agree", level: .warning,
        checks: "The impact window the summary and the customer impact give (\"between 14:05 and 14:25 UTC\", \"from 2:05 to 2:25 "
            + "PM PST\", \"14:05–14:25 UTC\") is coe.yaml's event.start to event.end, read in the zone written (after either time) or in "
            + "the zone of coe.yaml's times when none is. Of several windows in a part, the one that names the event is the impact "
            + "window; when none does, each that overlaps the event is reported (a window apart from the event, such as a "
            + "deployment's before it, is another window). A length in the impact window's sentence (\"(20 minutes)\", "
            + "\"(0.3 hours)\", \"1 hour and 5 minutes\") is the window's: when none of the lengths there is, the first after the "
            + "window is reported. "
            + "The customer-impact graph (`customer_impact: true`) leaves its baseline (the median of its points before the event, "
            + "give or take three median deviations or half the baseline) within two sampling intervals of event.start, and is back "
            + "within two intervals of event.end. (The timeline's milestones are compared with coe.yaml by L3.)",
        rationale: "A reviewer reads the same event in every part: a summary that says 14:10 while the timeline says 14:05 makes "
            + "the reader doubt every number.",
        fix: "Make the parts say the same times as coe.yaml's event (correct whichever is wrong).",
        triggering: [
            RuleExample("impact.md", """
                Between ↓14:10 and 14:25 UTC on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed, try again later".

                Order impact: none. Customers who were already signed in could still place orders.

                """),
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01 (↓25 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app could not. A deployment of the
                sign-in service pointed its session store at a read-only replica. An alarm paged the
                identity on-call engineer at 14:09 UTC, who rolled the deployment back at 14:20 UTC.

                """),
            RuleExample("summary.md", """
                The deployment ran between 13:50 and 13:58 UTC on 2026-03-01. Between ↓14:10 and 14:25 UTC, 3,120 of
                48,000 customers (6.5 percent) who tried to sign in to the mobile app could not. An alarm paged the
                identity on-call engineer at 14:09 UTC, who rolled the deployment back at 14:20 UTC.

                """),
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Failed sign-in attempts per 5 minutes, 7 percent from 14:35 UTC, back to normal at 14:55 UTC.
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 5 minutes
                customer_impact: true
                ↓series:
                  - name: failed sign-ins (percent)
                    points:
                      - [2026-03-01T13:50:00Z, 0.2]
                      - [2026-03-01T13:55:00Z, 0.3]
                      - [2026-03-01T14:00:00Z, 0.2]
                      - [2026-03-01T14:05:00Z, 0.2]
                      - [2026-03-01T14:10:00Z, 0.3]
                      - [2026-03-01T14:15:00Z, 0.2]
                      - [2026-03-01T14:20:00Z, 0.2]
                      - [2026-03-01T14:25:00Z, 0.3]
                      - [2026-03-01T14:30:00Z, 0.2]
                      - [2026-03-01T14:35:00Z, 7.1]
                      - [2026-03-01T14:40:00Z, 6.9]
                      - [2026-03-01T14:45:00Z, 7.0]
                      - [2026-03-01T14:50:00Z, 7.2]
                      - [2026-03-01T14:55:00Z, 0.2]
                      - [2026-03-01T15:00:00Z, 0.3]

                """),
        ],
        nonTriggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Failed sign-in attempts per 5 minutes, 7 percent from 14:05 UTC, back to normal at 14:25 UTC.
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 5 minutes
                customer_impact: true
                series:
                  - name: failed sign-ins (percent)
                    points:
                      - [2026-03-01T13:50:00Z, 0.2]
                      - [2026-03-01T13:55:00Z, 0.3]
                      - [2026-03-01T14:00:00Z, 0.2]
                      - [2026-03-01T14:05:00Z, 6.8]
                      - [2026-03-01T14:10:00Z, 7.1]
                      - [2026-03-01T14:15:00Z, 6.9]
                      - [2026-03-01T14:20:00Z, 3.0]
                      - [2026-03-01T14:25:00Z, 0.2]
                      - [2026-03-01T14:30:00Z, 0.3]

                """),
            RuleExample("impact.md", """
                A deployment ran between 13:50 and 13:58 UTC on 2026-03-01. Between 14:05 and 14:25 UTC (0.3 hours),
                3,120 of 48,000 customers (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed".

                Order impact: none. Customers who were already signed in could still place orders.

                """),
            RuleExample("summary.md", """
                A deployment of the sign-in service ran between 13:50 and 13:58 UTC on 2026-03-01. From 14:05 UTC,
                3,120 of 48,000 customers (6.5 percent) who tried to sign in to the mobile app could not; an alarm
                paged the identity on-call engineer at 14:09 UTC, and sign-ins recovered at 14:25 UTC.

                """),
            RuleExample("impact.md", """
                From 6:05 AM to 6:25 AM PST on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed, try again later".

                Order impact: none. Customers who were already signed in could still place orders.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let event = context.metadata.event
        guard let start = event.start, let end = event.end else { return [] }
        let window = Int((end.seconds - start.seconds) / 60)
        var findings: [Diagnostic] = []
        for part in [Part.summary, .impact] {
            let unit = context.prose(part)
            let place = part == .summary ? "the summary" : "the customer impact"
            let windows = TimeWindow.all(in: unit)
            guard !windows.isEmpty else { continue }
            // The impact window: the one that names coe.yaml's event; else each that overlaps it. A window apart from the
            // event (a deployment's before it, a maintenance after it) is another window: a mistyped impact window still
            // overlaps the event, and Y2 asks the summary for the event's times.
            let eventStart = Int(((start.seconds % 86_400) + 86_400) % 86_400 / 60), eventEnd = eventStart + window
            func overlaps(_ written: TimeWindow) -> Bool {
                guard let (from, to) = written.minutesUTC(near: start.seconds, assumedOffset: start.offsetMinutes) else { return false }
                let end = to < from ? to + 1440 : to
                return from < eventEnd && end > eventStart
            }
            let impactWindows: [TimeWindow]
            if let named = windows.first(where: { $0.start.names(start) && $0.end.names(end) }) {
                impactWindows = [named]
            } else {
                impactWindows = windows.filter(overlaps)
                for written in impactWindows {
                    findings.append(finding(unit, atUTF16: written.start.range.location, "\(place) gives the impact window as "
                                            + "\(written.start.text)–\(written.end.text), but coe.yaml's event is \(start) to \(end)"))
                }
            }
            // A length in the window's sentence: one of them is the event's, or the first after the window is wrong.
            let durations = Duration.all(in: unit)
            for written in impactWindows {
                let sentence = NumbersNotVagueWords.sentence(around: written.start.range, in: unit.utf16)
                let stated = durations.filter { NSLocationInRange($0.range.location, sentence) }
                guard !stated.isEmpty, !stated.contains(where: { abs($0.minutes - Double(window)) <= $0.tolerance + 1e-9 }) else { continue }
                let wrong = stated.first { $0.range.location > written.end.range.location } ?? stated[0]
                findings.append(finding(unit, atUTF16: wrong.range.location,
                                        "\(place) says the impact lasted '\(wrong.text)', but coe.yaml's event lasts \(window) minutes"))
            }
        }
        findings += graphFindings(context, start: start, end: end)
        return findings
    }

    /// Where the customer-impact graph's first series leaves its baseline and comes back, against the event's window.
    func graphFindings(_ context: LintContext, start: Timestamp, end: Timestamp) -> [Diagnostic] {
        guard let graph = context.document.metrics.first(where: \.customerImpact), let series = graph.series.first else { return [] }
        let points = series.points.sorted { $0.at.seconds < $1.at.seconds }
        let before = points.filter { $0.at.seconds < start.seconds }.map(\.value)
        guard before.count >= 3, points.count >= before.count + 2 else { return [] }
        let baseline = Self.median(before)
        let deviation = Self.median(before.map { abs($0 - baseline) })
        let band = max(3 * deviation, 0.5 * abs(baseline), 1e-9)
        let interval = Self.intervalSeconds(graph.interval) ?? Int64(max(60, points.count > 1 ? points[1].at.seconds - points[0].at.seconds : 300))
        let slack = 2 * interval
        guard let left = points.first(where: { $0.at.seconds >= start.seconds - slack && abs($0.value - baseline) > band }) else { return [] }
        var findings: [Diagnostic] = []
        let position = graph.positions["series"]
        if abs(left.at.seconds - start.seconds) > slack {
            findings.append(finding(graph.file, position, "the customer-impact graph leaves its baseline at \(left.at), but coe.yaml's "
                                    + "event.start is \(start)"))
        }
        if let back = points.first(where: { $0.at.seconds > left.at.seconds && abs($0.value - baseline) <= band }),
           abs(back.at.seconds - end.seconds) > slack {
            findings.append(finding(graph.file, position, "the customer-impact graph is back at its baseline at \(back.at), but coe.yaml's "
                                    + "event.end is \(end)"))
        }
        return findings
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// "5 minutes", "1 minute", "30 seconds", "1 hour" as seconds.
    static func intervalSeconds(_ text: String?) -> Int64? {
        guard let text, let seconds = parsedInterval(text), (1...86_400 * 366).contains(seconds) else { return nil }
        return seconds
    }

    /// The interval as written, when it is a small whole number of a unit (a huge one is no interval: nil, never an overflow).
    static func parsedInterval(_ text: String) -> Int64? {
        let parts = text.lowercased().split(separator: " ")
        guard let count = parts.first.flatMap({ Int64($0) }) ?? (parts.first.map { $0.hasPrefix("min") || $0.hasPrefix("sec") || $0.hasPrefix("hour") } == true ? 1 : nil),
              (1...1_000_000).contains(count) else { return nil }
        // The units as every duration is read (`Duration.units`, in minutes).
        let unit = parts.count > 1 ? parts[1] : parts[0]
        return Duration.units[String(unit)].map { count * Int64(($0 * 60).rounded()) }
    }
}
