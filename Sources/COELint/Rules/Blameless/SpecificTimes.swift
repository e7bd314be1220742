import COEFormat
import Foundation

/// B5: times and dates are specific and carry a timezone.
public struct SpecificTimes: Rule {
    public static let description = RuleDescription(
        id: "B5", name: "Specific times with a timezone", level: .warning,
        checks: "In the Markdown parts, a clock time (09:12, 2:30 PM, 3pm) has a timezone (UTC, Z, GMT, an offset, an "
            + "abbreviation such as PST or an IANA name such as US/Pacific) next to it or in the same sentence; no time is "
            + "approximate ('around 19:00 UTC'); and no vague words (yesterday, last week, recently, this morning, later this "
            + "year, shortly afterwards, in the short term …) stand in for dates; vague words right next to the time they stand "
            + "for ('shortly afterwards, at 09:38 UTC') are not vague.",
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
            RuleExample("response.md", """
                Shortly afterwards, at 14:20 UTC, the on-call engineer rolled the deployment back.

                """),
        ])

    /// The zone abbreviations the time scanner reads (`TimeExpression.abbreviations`, one list), as word hashes.
    static let zoneHashes: Set<UInt64> = Set(TimeExpression.abbreviations.keys.map { WordList.hash(Array($0.utf16)[...]) })

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
    /// True when the vague expression at `index` stands right next to a clock time, with only spaces, a comma, "at",
    /// "on" or a parenthesis between them.
    static func anchored(_ index: Int, in expressions: [TimeExpression], of unit: TextUnit) -> Bool {
        let vague = expressions[index]
        func joins(_ from: Int, _ to: Int) -> Bool {
            guard from <= to, to - from <= 8 else { return false }
            let gap = TextUnit.string(unit.utf16[from..<to]).lowercased()
            let rest = gap.filter { !" ,()".contains($0) }
            return rest.isEmpty || rest == "at" || rest == "on"
        }
        if index + 1 < expressions.count, expressions[index + 1].kind == .clock,
           joins(vague.range.location + vague.range.length, expressions[index + 1].range.location) { return true }
        if index > 0, expressions[index - 1].kind == .clock,
           joins(expressions[index - 1].range.location + expressions[index - 1].range.length, vague.range.location) { return true }
        return false
    }

    /// What would have happened: an estimate there is no event to time.
    static let counterfactual = Pattern("\\b(?:would|could|might)\\s+(?:have|be)\\b|\\bwould\\s+\\w+\\b", caseInsensitive: true)

    /// A part that says once which zone its times are in.
    static let allTimesIn = Pattern("\\b(?:all|the)\\s+times\\s+(?:(?:are|here|below|above|in this (?:document|report))\\s+)*(?:(?:given|shown|written)\\s+)?in\\s+(?:UTC|GMT)\\b",
                                    caseInsensitive: true)

    /// False where `allTimesIn` cannot match, so that most parts never compile or run it: ASCII text without
    /// "times" in any case. Text beyond ASCII is matched (ICU's case-insensitive matching folds some letters to these).
    static func mayDeclareZone(_ unit: TextUnit) -> Bool {
        let lower = unit.lowercasedUTF16
        if lower.contains(where: { $0 >= 0x80 }) { return true }
        let times: [UInt16] = [0x74, 0x69, 0x6D, 0x65, 0x73]
        guard lower.count >= times.count else { return false }
        for start in 0...(lower.count - times.count) where lower[start] == 0x74 && lower[start..<(start + times.count)].elementsEqual(times) {
            return true
        }
        return false
    }

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.proseUnits.flatMap { unit -> [Diagnostic] in
            let expressions = unit.times
            // Vague words next to the exact time they stand for ("shortly afterwards, at 09:38 UTC", "at 09:12 UTC this
            // morning") add nothing vague.
            var findings = expressions.enumerated().filter { index, expression in
                expression.kind == .vague && !Self.anchored(index, in: expressions, of: unit)
            }.map { _, expression in
                finding(unit, atUTF16: expression.range.location, "'\(expression.text)' is not a date; give the date (and the time, with its timezone)")
            }
            // "All times are in UTC" once in a part covers every time in it.
            let declared = Self.mayDeclareZone(unit) && Self.allTimesIn.firstMatch(in: unit.text) != nil
            let clocks = TimeExpression.bySentence(expressions.filter { $0.kind == .clock }, in: unit) { Self.hasZone(in: $0, of: unit) }
            for (time, sentence, zoned) in clocks {
                // An estimate of what would have happened ("would have paged at about 09:15 UTC") is no event to time.
                let words = unit.utf16[sentence.location..<(sentence.location + sentence.length)]
                if time.approximate, !Pattern.mayHold(anyOf: ["would", "could", "might"], in: words) || Self.counterfactual.firstMatch(in: TextUnit.string(words)) == nil {
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
