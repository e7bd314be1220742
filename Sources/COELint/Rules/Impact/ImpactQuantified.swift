import COEFormat

/// I1: the impact says how many customers, for how long, and what they experienced.
public struct ImpactQuantified: Rule {
    public static let description = RuleDescription(
        id: "I1", name: "Impact answers how many and how long", level: .warning,
        checks: "The customer impact gives a count of affected customers (or their requests, orders, accounts) and a duration or time range.",
        rationale: "\"Answers: how many customers, for how long, what they experienced.\"",
        fix: "Add the count (\"11,907 of 152,338 customers\") and the duration (\"54 minutes\", \"09:12 to 10:06 UTC\").",
        bad: RuleExample(file: "impact.md", with: "Customers in the EU region saw payment errors at checkout, and support received contacts about it.\n", line: 1, column: 1),
        good: RuleExample(file: "impact.md", with: "Between 09:12 and 10:06 UTC, 11,907 of 152,338 customers (7.8 percent) saw payment errors at checkout. Order impact: none.\n"))

    static let count = Pattern("\\d[\\d,.]*\\s+(?:of\\s+[\\d,.]+\\s+)?(?:[\\p{L}-]+\\s+){0,3}?(?:customers?|users?|accounts?|clients?|callers?|requests?|orders?|attempts?|transactions?|sessions?|people)\\b", caseInsensitive: true)
    static let duration = Pattern("\\d+\\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\\b|\\d{1,2}:\\d{2}\\s*(?:UTC|Z)?\\s*(?:and|to|until|-|–)\\s*\\d{1,2}:\\d{2}", caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard !context.document.impact.isEmpty else { return [] }
        let unit = context.prose(.impact)
        var missing: [String] = []
        if Self.count.firstMatch(in: unit.text) == nil { missing.append("how many customers were affected") }
        if Self.duration.firstMatch(in: unit.text) == nil { missing.append("for how long") }
        guard !missing.isEmpty else { return [] }
        return [finding(unit.file, unit.start, "the customer impact does not say " + missing.joined(separator: " or "))]
    }
}
