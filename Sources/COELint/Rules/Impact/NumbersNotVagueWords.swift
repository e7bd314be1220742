import COEFormat
import Foundation

/// I2: numbers, not vague words.
public struct NumbersNotVagueWords: Rule {
    public static let description = RuleDescription(
        id: "I2", name: "Numbers, not vague words", level: .warning,
        checks: "In the customer impact, a vague quantity (significant, some, a few, many, several, a number of, minor, major …) stands in a sentence with a number. In the first paragraph it is an error.",
        rationale: "\"Numbers, not vague words. 'significant', 'some', 'a few', 'many', 'several', 'a number of', 'a percentage of', 'minor', 'major' … without a number nearby are warnings (error in the impact section's first paragraph).\"",
        fix: "Replace the word with the number, or put the number in the same sentence.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                ↓Several of them contacted support.

                Order impact: none. ↓Many customers retried later.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Several of them (212) contacted support.

                Order impact: none. Many customers (2,870) retried later.

                """),
        ])

    static let vague = WordList(["significant", "significantly", "some", "a few", "few", "many", "several", "a number of",
                                       "a percentage of", "minor", "major", "a lot of", "lots of", "numerous", "a handful of",
                                       "the majority of", "most", "substantial", "a small number of", "a large number of"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.impact)
        let utf16 = unit.utf16
        let firstParagraphEnd = Self.firstParagraphEnd(utf16)
        return Self.vague.matches(in: unit).compactMap { match in
            let sentence = Self.sentence(around: match.range, in: utf16)
            guard !utf16[sentence.location..<(sentence.location + sentence.length)].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            var result = finding(unit, at: match, "'\(match.text)' without a number; give the number")
            if match.range.location < firstParagraphEnd { result.level = .error }
            return result
        }
    }

    /// The sentence holding `range`: from the previous ". ", "! ", "? " or blank line to the next.
    static func sentence(around range: NSRange, in utf16: [UInt16]) -> NSRange {
        var start = range.location
        while start > 0 {
            let previous = utf16[start - 1]
            if (previous == 0x20 || previous == 0x0A) && start >= 2 && [0x2E, 0x21, 0x3F].contains(utf16[start - 2]) { break }
            if previous == 0x0A && start >= 2 && utf16[start - 2] == 0x0A { break }
            start -= 1
        }
        var end = range.location + range.length
        while end < utf16.count {
            if [0x2E, 0x21, 0x3F].contains(utf16[end]) && (end + 1 == utf16.count || utf16[end + 1] == 0x20 || utf16[end + 1] == 0x0A) { break }
            if utf16[end] == 0x0A && end + 1 < utf16.count && utf16[end + 1] == 0x0A { break }
            end += 1
        }
        return NSRange(location: start, length: end - start)
    }

    /// The UTF-16 offset where the first paragraph with text ends.
    static func firstParagraphEnd(_ utf16: [UInt16]) -> Int {
        var seenText = false
        var index = 0
        while index < utf16.count {
            if utf16[index] == 0x0A, index + 1 < utf16.count, utf16[index + 1] == 0x0A, seenText { return index }
            if utf16[index] != 0x20 && utf16[index] != 0x0A { seenText = true }
            index += 1
        }
        return utf16.count
    }
}
