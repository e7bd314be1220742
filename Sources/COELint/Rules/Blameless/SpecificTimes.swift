import COEFormat
import Foundation

/// B5: times and dates are specific and carry a timezone.
public struct SpecificTimes: Rule {
    public static let description = RuleDescription(
        id: "B5", name: "Specific times with a timezone", level: .warning,
        checks: "In the Markdown parts, a clock time (09:12, 2:30 PM, 3pm) has a timezone (UTC, Z, GMT, an offset, an "
            + "abbreviation such as PST or an IANA name such as US/Pacific) next to it or in the same sentence; no time is "
            + "approximate ('around 19:00 UTC'); and no vague words (yesterday, last week, recently, this morning, later this "
            + "year, shortly afterwards, in the short term …) stand in for dates.",
        rationale: "\"Times and dates are specific and carry a timezone.\"",
        fix: "Write the date and the time with its timezone: \"2026-10-13 09:12 UTC\".",
        triggering: [
            RuleExample("response.md", """
                The on-call engineer rolled the deployment back at ↓14:20.

                """),
            RuleExample("response.md", """
                ↓Yesterday the alarm paged the on-call engineer at 14:09 UTC.

                """),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                The on-call engineer rolled the most recent deployment back at 15:20 (+01:00).

                """),
        ])

    /// Timezone names written after times (UTC preferred); an offset such as +01:00 counts too.
    static let zoneNames: Set<String> = ["UTC", "GMT", "Z", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "EST", "EDT",
                                         "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "JST", "KST", "AEST", "AEDT",
                                         "ACST", "AWST", "NZST", "NZDT", "MSK", "SGT", "HKT"]

    static let zoneHashes: Set<UInt64> = Set(zoneNames.map { WordList.hash(Array($0.utf16)[...]) })

    /// True when the sentence holds a timezone name or a numeric offset.
    static func hasZone(in sentence: NSRange, of unit: TextUnit) -> Bool {
        let end = sentence.location + sentence.length
        let hashes = unit.wordHashes
        for (index, word) in unit.words.enumerated() where word.start >= sentence.location && word.start + word.length <= end {
            if word.length <= 4, zoneHashes.contains(hashes[index].written) { return true }
        }
        let utf16 = unit.utf16
        var index = sentence.location
        while index + 5 < end + 1 && index + 5 <= utf16.count {
            if (utf16[index] == 0x2B || utf16[index] == 0x2D), utf16[index + 3] == 0x3A,
               [1, 2, 4, 5].allSatisfy({ index + $0 < utf16.count && utf16[index + $0] >= 0x30 && utf16[index + $0] <= 0x39 }) { return true }
            index += 1
        }
        return false
    }
    /// What would have happened: an estimate there is no event to time.
    static let counterfactual = Pattern("\\b(?:would|could|might)\\s+(?:have|be)\\b|\\bwould\\s+\\w+\\b", caseInsensitive: true)

    /// A part that says once which zone its times are in.
    static let allTimesIn = Pattern("\\b(?:all|the)\\s+times\\s+(?:(?:are|here|below|above|in this (?:document|report))\\s+)*(?:(?:given|shown|written)\\s+)?in\\s+(?:UTC|GMT)\\b",
                                    caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.proseUnits.flatMap { unit -> [Diagnostic] in
            let expressions = unit.times
            var findings = expressions.filter { $0.kind == .vague }.map {
                finding(unit, atUTF16: $0.range.location, "'\($0.text)' is not a date; give the date (and the time, with its timezone)")
            }
            // "All times are in UTC" once in a part covers every time in it.
            let declared = Self.allTimesIn.firstMatch(in: unit.text) != nil
            let clocks = TimeExpression.bySentence(expressions.filter { $0.kind == .clock }, in: unit) { Self.hasZone(in: $0, of: unit) }
            for (time, sentence, zoned) in clocks {
                // An estimate of what would have happened ("would have paged at about 09:15 UTC") is no event to time.
                if time.approximate, Self.counterfactual.firstMatch(in: (unit.text as NSString).substring(with: sentence)) == nil {
                    findings.append(finding(unit, atUTF16: time.range.location, "'\(time.text)' is approximate; give the time (from the timeline or the logs)"))
                    continue
                }
                // A zone written elsewhere in the sentence ("14:05 and 14:25 UTC") covers it.
                guard time.zone == nil, !zoned, !declared else { continue }
                findings.append(finding(unit, atUTF16: time.range.location, "'\(time.text)' has no timezone in its sentence; add UTC (or the offset)"))
            }
            return findings.sorted { $0.position?.line ?? 0 < $1.position?.line ?? 0 }
        }
    }
}
