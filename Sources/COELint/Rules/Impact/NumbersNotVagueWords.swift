import COEFormat
import Foundation

/// I2: numbers, not vague words.
public struct NumbersNotVagueWords: Rule {
    public static let description = RuleDescription(
        id: "I2", name: "Numbers, not vague words", level: .warning,
        checks: "In the customer impact and the summary, a vague quantity (significant, some, a few, many, several, a number of, a "
            + "subset of, elevated, minor, major …) stands in a sentence without a number that measures something (a time, a date "
            + "with its month's name or in digits, a year, a region code such as us-east-1 or an id such as PAY-4471 is not one); "
            + "a word that can also qualify other things (some, many, major, elevated …) counts only before who or what was "
            + "affected ('some customers', 'a major outage', not 'a major version upgrade'). No sentence about customers hedges "
            + "what they experienced ('customers may have experienced', 'users were potentially affected'). In the impact's first "
            + "paragraph it is an error.",
        rationale: "\"Numbers, not vague words. 'significant', 'some', 'a few', 'many', 'several', 'a number of', 'a percentage of', 'minor', 'major' … without a number nearby are warnings (error in the impact section's first paragraph).\"",
        fix: "Replace the word with the number, or put the number in the same sentence.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                ↓Several of them contacted support.

                Order impact: none. ↓Many customers retried later.
                ↓A large number of customers saw errors again on 2026-10-13 in us-east-1.
                Customers in eu-west-1 ↓may have experienced slow pages. ↓Some merchants on October 13 saw errors.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Several of them (212) contacted support.

                Order impact: none. Many customers (2,870) retried later.
                A large number of customers (1,480, or 3 percent) saw errors again on 2026-10-13 in us-east-1.
                Customers in eu-west-1 saw pages load in 4.2 seconds instead of 0.8.
                The change was part of a major version upgrade. The same default could have lowered other services' pools.

                """),
        ])

    static let vague = WordList(["significant", "significantly", "some", "a few", "few", "many", "several", "a number of",
                                       "a percentage of", "minor", "major", "a lot of", "lots of", "numerous", "a handful of",
                                       "the majority of", "most", "substantial", "a small number of", "a large number of",
                                       "a subset of", "a small subset of", "a portion of", "a fraction of", "a limited number of",
                                       "a small percentage of", "a significant number of", "a majority of", "multiple", "elevated",
                                       "a large portion of", "a significant portion of", "countless", "dozens of", "hundreds of",
                                       "thousands of", "millions of"])
    /// Words that hedge a statement: an impact is stated, not guessed (I2); and a guess at customers' losses starts
    /// with one (I5's speculation reads these too).
    static let hedgePhrases = ["may have", "might have", "could have", "must have", "may be", "might be", "potentially", "possibly",
                               "probably", "presumably", "likely", "surely", "appears to have", "appear to have", "seems to have",
                               "seem to have"]
    static let hedges = WordList(hedgePhrases)
    /// Who a hedged sentence must be about for it to hedge what customers experienced.
    static let affected = WordList(["customer", "customers", "user", "users", "merchant", "merchants", "client", "clients", "tenant",
                                    "tenants", "account", "accounts", "shoppers", "buyers", "sellers", "subscribers", "members",
                                    "people", "callers", "customers'", "merchants'", "users'"])
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
                // So does an adjective of size ("a major outage", not "a major version upgrade").
                if Self.determiners.contains(match.text.lowercased()), !Self.quantifiesImpact(after: match.range, in: unit) { continue }
                let sentence = Self.sentence(around: match.range, in: utf16)
                guard !Self.measures(sentence, in: unit, numberWords: numberWords) else { continue }
                var result = finding(unit, at: match, "'\(match.text)' without a number; give the number")
                if match.range.location < firstParagraphEnd { result.level = .error }
                findings.append(result)
            }
            // A hedge about what customers experienced, not about a system ("the default could have lowered other pools").
            lazy var people = Self.affected.matches(in: unit).map(\.range.location)
            for match in Self.hedges.matches(in: unit) {
                let sentence = Self.sentence(around: match.range, in: utf16)
                guard people.contains(where: { NSLocationInRange($0, sentence) }) else { continue }
                findings.append(finding(unit, at: match, "'\(match.text)' hedges what customers experienced; say what happened to how many"))
            }
        }
        return findings
    }

    /// Vague words that quantify whatever follows them.
    static let determiners: Set<String> = ["some", "a few", "few", "many", "several", "most", "multiple", "numerous", "major", "minor",
                                           "significant", "substantial", "elevated"]
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
                                             "sellers", "subscribers", "members", "stores", "sites", "apps", "operations",
                                             "impact", "outage", "outages", "disruption", "disruptions", "degradation", "latency",
                                             "delay", "delays", "slowness", "loss", "losses", "downtime", "interruption",
                                             "interruptions", "rate", "rates", "increase", "drop", "number", "portion", "share"])

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
        let text = TextUnit.string(utf16[sentence.location..<(sentence.location + sentence.length)])
        return measure.matches(in: text).contains { match in
            year.firstMatch(in: match.text) == nil && !isDay(NSRange(location: sentence.location + match.range.location, length: match.range.length), in: utf16)
        }
    }

    /// True for the day of a date written with its month's name: "October 13", "13 October 2026", "Oct. 13th".
    static func isDay(_ range: NSRange, in utf16: [UInt16]) -> Bool {
        func isLetter(_ unit: UInt16) -> Bool { (unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7A }
        // The word before (over spaces and a full stop: "Oct. 13").
        var index = range.location - 1
        while index >= 0, utf16[index] == 0x20 || utf16[index] == 0x2E { index -= 1 }
        var end = index + 1
        while index >= 0, isLetter(utf16[index]) { index -= 1 }
        if end > index + 1, months.contains(TextUnit.string(utf16[(index + 1)..<end]).lowercased()) { return true }
        // The word after (over an ordinal's letters and spaces: "13th of October").
        index = range.location + range.length
        while index < utf16.count, isLetter(utf16[index]), index < range.location + range.length + 2 { index += 1 }
        while index < utf16.count, utf16[index] == 0x20 { index += 1 }
        if index + 3 <= utf16.count, TextUnit.string(utf16[index..<(index + 3)]).lowercased() == "of " { index += 3 }
        end = index
        while end < utf16.count, isLetter(utf16[end]) { end += 1 }
        return end > index && months.contains(TextUnit.string(utf16[index..<end]).lowercased())
    }

    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                                      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                      "nov", "dec"]

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
