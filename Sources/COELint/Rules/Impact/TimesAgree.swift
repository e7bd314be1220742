import COEFormat
import Foundation

/// I6: the impact window and its length agree across the parts that state them.
public struct TimesAgree: Rule {
    public static let description = RuleDescription(
        id: "I6", name: "The numbers agree", level: .warning,
        checks: "The first impact window the summary and the customer impact give (\"between 14:05 and 14:25 UTC\", \"from 2:05 PM "
            + "to 2:25 PM PST\") is coe.yaml's event.start to event.end, read in the zone written (or in the zone of coe.yaml's times "
            + "when none is), and a length given in the same sentence (\"(20 minutes)\", \"1 hour and 5 minutes\") is the window's. "
            + "(The timeline's milestones are compared with coe.yaml by L3.)",
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
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                From 6:05 AM to 6:25 AM PST on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed, try again later".

                Order impact: none. Customers who were already signed in could still place orders.

                """),
        ])

    /// Two clock times joined as a window: "between A and B", "from A to B", "A–B".
    static let joiner = Pattern("^\\s*(?:and|to|until|till|through|-|–|—)\\s*$", caseInsensitive: true)
    static let opener = Pattern("(?:between|from)\\s*$", caseInsensitive: true)
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
            let clocks = TimeExpression.scan(unit.text).filter { $0.kind == .clock }
            // The first window written.
            for (first, second) in zip(clocks, clocks.dropFirst()) {
                let gap = NSRange(location: first.range.location + first.range.length, length: second.range.location - first.range.location - first.range.length)
                let before = text.substring(with: NSRange(location: max(0, first.range.location - 12), length: min(12, first.range.location)))
                guard gap.length >= 0, Self.joiner.firstMatch(in: text.substring(with: gap)) != nil, Self.opener.firstMatch(in: before) != nil else { continue }
                // A zone written after the second time covers the first ("between 14:05 and 14:25 UTC").
                let zone = first.zone ?? second.zone
                func agrees(_ clock: TimeExpression, _ time: Timestamp) -> Bool {
                    let minutes = Int(((time.seconds % 86_400) + 86_400) % 86_400 / 60)
                    let written = TimeExpression(kind: .clock, range: clock.range, text: clock.text, hour: clock.hour, minute: clock.minute,
                                                 twelveHour: clock.twelveHour, zone: clock.zone ?? zone, approximate: clock.approximate)
                    return written.minutesUTC(near: time.seconds, assumedOffset: time.offsetMinutes) == minutes
                        || (written.zone == nil && written.minutesUTC(near: time.seconds) == minutes)
                }
                let place = part == .summary ? "the summary" : "the customer impact"
                if !agrees(first, start) || !agrees(second, end) {
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
        return findings
    }
}
