import COEFormat
import Foundation

/// B5: times and dates are specific and carry a timezone.
public struct SpecificTimes: Rule {
    public static let description = RuleDescription(
        id: "B5", name: "Specific times with a timezone", level: .warning,
        checks: "In the Markdown parts, a clock time (09:12) has a timezone (UTC, Z, GMT or an offset) in the same sentence, and no vague time words (yesterday, last week, recently, this morning …) stand in for dates.",
        rationale: "\"Times and dates are specific and carry a timezone.\"",
        fix: "Write the date and the time with its timezone: \"2026-10-13 09:12 UTC\".",
        bad: RuleExample(file: "response.md", replacing: "acknowledged the page at 09:21 UTC", with: "acknowledged the page at 09:21", line: 11, column: 47),
        good: RuleExample(file: "response.md", replacing: "acknowledged the page at 09:21 UTC", with: "acknowledged the page at 09:21 UTC"))

    static let clock = Pattern("(?<![\\d:T])([01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?![\\d:])")
    static let zone = Pattern("\\b(?:UTC|GMT|Z)\\b|[+-](?:0\\d|1[0-4]):?[0-5]\\d\\b|\\b[A-Z]{2,4}T\\b")
    static let vague = Pattern(words: ["yesterday", "last week", "last night", "recently", "this morning", "this afternoon", "tonight",
                                       "earlier today", "the other day", "a while ago"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.proseUnits.flatMap { unit -> [Diagnostic] in
            let text = unit.text as NSString
            let times = Self.clock.matches(in: unit.text).compactMap { match -> Diagnostic? in
                let sentence = NumbersNotVagueWords.sentence(around: match.range, in: text)
                guard Self.zone.firstMatch(in: sentence) == nil else { return nil }
                return finding(unit, at: match, "'\(match.text)' has no timezone in its sentence; add UTC (or the offset)")
            }
            let vague = Self.vague.matches(in: unit.text).map { finding(unit, at: $0, "'\($0.text)' is not a date; give the date") }
            return times + vague
        }
    }
}
