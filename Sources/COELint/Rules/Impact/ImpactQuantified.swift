import COEFormat

/// I1: the impact says how many customers, for how long, and what they experienced.
public struct ImpactQuantified: Rule {
    public static let description = RuleDescription(
        id: "I1", name: "Impact answers how many and how long", level: .warning,
        checks: "The customer impact gives a count of affected customers (or their requests, orders, accounts) and a duration or time range.",
        rationale: "\"Answers: how many customers, for how long, what they experienced.\"",
        fix: "Add the count (\"11,907 of 152,338 customers\") and the duration (\"54 minutes\", \"09:12 to 10:06 UTC\").",
        triggering: [
            RuleExample("impact.md", """
                ↓Between 14:05 and 14:25 UTC, customers who tried to sign in to the mobile app saw
                "Sign-in failed, try again later". Order impact: none.

                """),
            RuleExample("impact.md", """
                ↓3,120 of 48,000 customers (6.5 percent) who tried to sign in to the mobile app saw
                "Sign-in failed, try again later". Order impact: none.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 customers who tried to sign in to the mobile app saw
                "Sign-in failed, try again later". Order impact: none.

                """),
            RuleExample("impact.md", """
                For 20 minutes, 3,120 of 48,000 customers (6.5 percent) who tried to sign in to the mobile
                app saw "Sign-in failed, try again later". Order impact: none.

                """),
        ])

    static let countNouns = WordList(["customer", "customers", "user", "users", "account", "accounts", "client", "clients", "caller", "callers",
                                      "request", "requests", "order", "orders", "attempt", "attempts", "transaction", "transactions",
                                      "session", "sessions", "people"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard !context.document.impact.isEmpty else { return [] }
        let unit = context.prose(.impact)
        var missing: [String] = []
        if !Self.hasCount(unit) { missing.append("how many customers were affected") }
        if !Self.hasDuration(unit) { missing.append("for how long") }
        guard !missing.isEmpty else { return [] }
        return [finding(unit.file, unit.start, "the customer impact does not say " + missing.joined(separator: " or "))]
    }

    /// A number followed within five words by who or what was affected ("11,907 of 152,338 customers").
    /// The digits of a clock time or a date are no count: "until 14:25 UTC, customers …" says nothing of how many.
    static func hasCount(_ unit: TextUnit) -> Bool {
        let nouns = Set(countNouns.matches(in: unit).map(\.range.location))
        guard !nouns.isEmpty else { return false }
        let words = unit.words
        for (index, word) in words.enumerated() where isNumber(word, unit) && !isPartOfTimeOrDate(word, unit.utf16) {
            for next in words[(index + 1)..<min(words.count, index + 7)] where nouns.contains(next.start) { return true }
        }
        return false
    }

    /// A length of time ("54 minutes", "0.9 hours": `Duration`, the one reader of them), or a range of clock times ("09:12 and 10:06").
    static func hasDuration(_ unit: TextUnit) -> Bool {
        unit.times.filter({ $0.kind == .clock }).count >= 2 || !Duration.all(in: unit).isEmpty
    }

    /// True for the digits of "14:25", "2026-03-01" or "03/01": a word next to a colon, hyphen or slash.
    static func isPartOfTimeOrDate(_ word: WordList.Word, _ utf16: [UInt16]) -> Bool {
        func isSeparator(_ unit: UInt16) -> Bool { unit == 0x3A || unit == 0x2D || unit == 0x2F }
        let end = word.start + word.length
        return (word.start > 0 && isSeparator(utf16[word.start - 1])) || (end < utf16.count && isSeparator(utf16[end]))
    }

    static func isNumber(_ word: WordList.Word, _ unit: TextUnit) -> Bool {
        unit.utf16[word.start..<(word.start + word.length)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
