import COEFormat
import Foundation

/// B5: times and dates are specific and carry a timezone.
public struct SpecificTimes: Rule {
    public static let description = RuleDescription(
        id: "B5", name: "Specific times with a timezone", level: .warning,
        checks: "In the Markdown parts, a clock time (09:12) has a timezone (UTC, Z, GMT or an offset) in the same sentence, and no vague time words (yesterday, last week, recently, this morning …) stand in for dates.",
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
    static let vague = WordList(["yesterday", "last week", "last night", "recently", "this morning", "this afternoon", "tonight",
                                       "earlier today", "the other day", "a while ago"])

    public init() {}

    /// Clock times (H:MM, HH:MM, HH:MM:SS, hours up to 23) not inside a longer number or an ISO time ("…T09:12").
    static func clockTimes(in units: [UInt16]) -> [NSRange] {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < units.count && units[index] >= 0x30 && units[index] <= 0x39 }
        func value(_ index: Int) -> Int { Int(units[index] - 0x30) }
        var ranges: [NSRange] = []
        var index = 0
        while index < units.count {
            defer { index += 1 }
            guard units[index] == 0x3A, isDigit(index - 1), isDigit(index + 1), isDigit(index + 2), !isDigit(index + 3) else { continue }
            var start = index - 1
            if isDigit(index - 2) { start = index - 2 }
            if start > 0, isDigit(start - 1) || units[start - 1] == 0x3A || units[start - 1] == 0x54 { continue }
            let hours = start == index - 2 ? value(index - 2) * 10 + value(index - 1) : value(index - 1)
            guard hours <= 23, value(index + 1) <= 5 else { continue }
            var end = index + 3
            if end + 2 < units.count + 1, end < units.count, units[end] == 0x3A, isDigit(end + 1), isDigit(end + 2), !isDigit(end + 3) { end += 3 }
            ranges.append(NSRange(location: start, length: end - start))
            index = end
        }
        return ranges
    }

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.proseUnits.flatMap { unit -> [Diagnostic] in
            let utf16 = unit.utf16
            let times = Self.clockTimes(in: utf16).compactMap { range -> Diagnostic? in
                let sentence = NumbersNotVagueWords.sentence(around: range, in: utf16)
                guard !Self.hasZone(in: sentence, of: unit) else { return nil }
                let clock = String(decoding: utf16[range.location..<(range.location + range.length)], as: UTF16.self)
                return finding(unit, atUTF16: range.location, "'\(clock)' has no timezone in its sentence; add UTC (or the offset)")
            }
            let vague = Self.vague.matches(in: unit).map { finding(unit, at: $0, "'\($0.text)' is not a date; give the date") }
            return times + vague
        }
    }
}
