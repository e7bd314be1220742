import COEFormat
import Foundation

/// I2: numbers, not vague words.
public struct NumbersNotVagueWords: Rule {
    public static let description = RuleDescription(
        id: "I2", name: "Numbers, not vague words", level: .warning,
        checks: "In the customer impact and the summary, a vague quantity (significant, some, a few, many, several, a number of, a "
            + "subset of, elevated, minor, major …) stands in a sentence without a number that measures something (a date, a time, "
            + "a region code such as us-east-1 or an id such as PAY-4471 is not one); and no sentence hedges what customers "
            + "experienced ('may have experienced', 'potentially affected'). In the impact's first paragraph it is an error.",
        rationale: "\"Numbers, not vague words. 'significant', 'some', 'a few', 'many', 'several', 'a number of', 'a percentage of', 'minor', 'major' … without a number nearby are warnings (error in the impact section's first paragraph).\"",
        fix: "Replace the word with the number, or put the number in the same sentence.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                ↓Several of them contacted support.

                Order impact: none. ↓Many customers retried later.
                ↓A large number of customers saw errors again on 2026-10-13 in us-east-1.
                Customers in eu-west-1 ↓may have experienced slow pages.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Several of them (212) contacted support.

                Order impact: none. Many customers (2,870) retried later.
                A large number of customers (1,480, or 3 percent) saw errors again on 2026-10-13 in us-east-1.
                Customers in eu-west-1 saw pages load in 4.2 seconds instead of 0.8.

                """),
        ])

    static let vague = WordList(["significant", "significantly", "some", "a few", "few", "many", "several", "a number of",
                                       "a percentage of", "minor", "major", "a lot of", "lots of", "numerous", "a handful of",
                                       "the majority of", "most", "substantial", "a small number of", "a large number of",
                                       "a subset of", "a small subset of", "a portion of", "a fraction of", "a limited number of",
                                       "a small percentage of", "a significant number of", "a majority of", "multiple", "elevated",
                                       "a large portion of", "a significant portion of", "countless", "dozens of", "hundreds of",
                                       "thousands of", "millions of"])
    /// Hedges on what customers experienced: an impact is stated, not guessed.
    static let hedges = WordList(["may have", "might have", "could have", "may be", "might be", "potentially", "possibly",
                                        "appears to have", "appear to have", "seems to have", "seem to have", "likely"])
    /// A number that measures: digits (with thousands separators, a decimal part, a percent sign) standing alone, not part of
    /// a date (2026-10-13), a time (14:05), a code (us-east-1, PAY-4471, v1.2) or a word.
    static let measure = Pattern("(?<![\\p{L}\\p{N}_:./-])\\d[\\d,]*(?:\\.\\d+)?(?![\\p{L}\\p{N}_:/-]|\\.\\d)")
    /// A year standing alone ("in 2026"): a date, not a measure.
    static let year = Pattern("^(?:19|20)\\d\\d$")
    /// Numbers written as words.
    static let numberWords = WordList(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                                             "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                             "ninety", "hundred", "thousand", "million", "half", "a third", "a quarter", "none",
                                             "no customers", "all customers", "every customer"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for part in [Part.summary, .impact] {
            let unit = context.prose(part)
            let utf16 = unit.utf16
            let firstParagraphEnd = part == .impact ? Self.firstParagraphEnd(utf16) : 0
            // Numbers written as words, looked up only when a vague word needs them (most parts have none).
            lazy var numberWords = Self.numberWords.matches(in: unit).map(\.range)
            for match in Self.vague.matches(in: unit) {
                // A determiner ("some", "many") is a quantity of the impact only before what was affected
                // ("some customers", "several of them"), not in "some additional information".
                if Self.determiners.contains(match.text.lowercased()), !Self.quantifiesImpact(after: match.range, in: unit) { continue }
                let sentence = Self.sentence(around: match.range, in: utf16)
                guard !Self.measures(sentence, in: unit, numberWords: numberWords) else { continue }
                var result = finding(unit, at: match, "'\(match.text)' without a number; give the number")
                if match.range.location < firstParagraphEnd { result.level = .error }
                findings.append(result)
            }
            for match in Self.hedges.matches(in: unit) {
                findings.append(finding(unit, at: match, "'\(match.text)' hedges what customers experienced; say what happened to how many"))
            }
        }
        return findings
    }

    /// Vague words that quantify whatever follows them.
    static let determiners: Set<String> = ["some", "a few", "few", "many", "several", "most", "multiple", "numerous"]
    /// What an impact counts: who or what was affected.
    static let impactNouns = WordList(["customer", "customers", "user", "users", "merchant", "merchants", "client", "clients", "tenant",
                                             "tenants", "account", "accounts", "request", "requests", "call", "calls", "query", "queries",
                                             "transaction", "transactions", "order", "orders", "payment", "payments", "checkout",
                                             "checkouts", "attempt", "attempts", "sign-in", "sign-ins", "login", "logins", "session",
                                             "sessions", "error", "errors", "failure", "failures", "timeout", "timeouts", "message",
                                             "messages", "email", "emails", "job", "jobs", "device", "devices", "instance", "instances",
                                             "host", "hosts", "server", "servers", "node", "nodes", "region", "regions", "service",
                                             "services", "page", "pages", "upload", "uploads", "file", "files", "record", "records",
                                             "people", "merchants'", "customers'", "them", "these", "those", "shoppers", "buyers",
                                             "sellers", "subscribers", "members", "stores", "sites", "apps", "operations"])

    /// True when one of the four words after `range` names who or what was affected.
    static func quantifiesImpact(after range: NSRange, in unit: TextUnit) -> Bool {
        let end = range.location + range.length
        let following = unit.words.filter { $0.start >= end }.prefix(4)
        let nouns = Set(impactNouns.matches(in: unit).map(\.range.location))
        return following.contains { nouns.contains($0.start) }
    }

    /// True when the sentence holds a number that measures something (digits or a number word).
    static func measures(_ sentence: NSRange, in unit: TextUnit, numberWords: [NSRange]) -> Bool {
        if numberWords.contains(where: { NSLocationInRange($0.location, sentence) }) { return true }
        let utf16 = unit.utf16
        guard utf16[sentence.location..<(sentence.location + sentence.length)].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let text = String(decoding: utf16[sentence.location..<(sentence.location + sentence.length)], as: UTF16.self)
        return measure.matches(in: text).contains { year.firstMatch(in: $0.text) == nil }
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
