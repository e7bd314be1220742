import COEFormat
import Foundation

/// I6: the impact window and its length agree across the parts that state them.
public struct TimesAgree: Rule {
    public static let description = RuleDescription(
        id: "I6", name: "The numbers agree", level: .warning,
        checks: "The first impact window the summary and the customer impact give (\"between 14:05 and 14:25 UTC\", \"from 2:05 PM "
            + "to 2:25 PM PST\") is coe.yaml's event.start to event.end, read in the zone written (or in the zone of coe.yaml's times "
            + "when none is), and a length given in the same sentence (\"(20 minutes)\", \"1 hour and 5 minutes\") is the window's. "
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
                From 6:05 AM to 6:25 AM PST on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed, try again later".

                Order impact: none. Customers who were already signed in could still place orders.

                """),
        ])

    /// What joins two clock times into a window: "between A and B", "from A to B", "from A–B".
    static let joiners: Set<String> = ["and", "to", "until", "till", "through", "-", "–", "—"]
    /// A length: "20 minutes", "1 hour and 5 minutes", "2 hours", "54 min".
    static let length = Pattern("\\b(\\d+)\\s*(hours?|hrs?|h)\\b(?:\\s*(?:and\\s*)?(\\d+)\\s*(?:minutes?|mins?|m)\\b)?|\\b(\\d+)\\s*(?:minutes?|mins?)\\b",
                                caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let event = context.metadata.event
        guard let start = event.start, let end = event.end else { return [] }
        var findings: [Diagnostic] = []
        for part in [Part.summary, .impact] {
            let unit = context.prose(part)
            let text = unit.text as NSString
            let clocks = unit.times.filter { $0.kind == .clock }
            // The first window written.
            for (first, second) in zip(clocks, clocks.dropFirst()) {
                let gap = NSRange(location: first.range.location + first.range.length, length: second.range.location - first.range.location - first.range.length)
                guard gap.length >= 0, gap.length <= 12,
                      Self.joiners.contains(text.substring(with: gap).trimmingCharacters(in: .whitespaces).lowercased()) else { continue }
                let before = text.substring(with: NSRange(location: max(0, first.range.location - 12), length: min(12, first.range.location)))
                    .trimmingCharacters(in: .whitespaces).lowercased()
                guard before.hasSuffix("between") || before.hasSuffix("from") else { continue }
                // A zone written after the second time covers the first ("between 14:05 and 14:25 UTC").
                let zone = first.zone ?? second.zone
                let place = part == .summary ? "the summary" : "the customer impact"
                if !first.names(start, zone: zone) || !second.names(end, zone: zone) {
                    findings.append(finding(unit, atUTF16: first.range.location, "\(place) gives the impact window as \(first.text)–\(second.text), "
                                            + "but coe.yaml's event is \(start) to \(end)"))
                }
                // A length in the same sentence.
                let sentence = NumbersNotVagueWords.sentence(around: first.range, in: unit.utf16)
                let window = Int((end.seconds - start.seconds) / 60)
                if let match = Self.length.firstMatch(in: text.substring(with: sentence)) {
                    let hours = match.groups[1].flatMap { Int($0.text) } ?? 0
                    let minutes = (match.groups[3] ?? match.groups[4]).flatMap { Int($0.text) } ?? 0
                    let stated = hours * 60 + minutes
                    if stated != window {
                        findings.append(finding(unit, atUTF16: sentence.location + match.range.location,
                                                "\(place) says the impact lasted '\(match.text)', but coe.yaml's event lasts \(window) minutes"))
                    }
                }
                break
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
        let unit = parts.count > 1 ? parts[1] : parts[0]
        if unit.hasPrefix("sec") || unit == "s" { return count }
        if unit.hasPrefix("min") || unit == "m" { return count * 60 }
        if unit.hasPrefix("hour") || unit == "h" { return count * 3600 }
        return nil
    }
}
