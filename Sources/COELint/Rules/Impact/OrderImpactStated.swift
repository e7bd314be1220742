import COEFormat

/// I4: order impact is stated, even when zero.
public struct OrderImpactStated: Rule {
    public static let description = RuleDescription(
        id: "I4", name: "Order impact stated", level: .warning,
        checks: "The customer impact mentions order impact (the word order or orders), even to say there was none.",
        rationale: "\"Order impact is stated, even when zero.\"",
        fix: "Add a sentence on orders lost or delayed, or \"Order impact: none.\"",
        bad: RuleExample(file: "impact.md", with: "Between 09:12 and 10:06 UTC, 11,907 of 152,338 customers (7.8 percent) saw payment errors.\n", line: 1, column: 1),
        good: RuleExample(file: "impact.md", with: "Between 09:12 and 10:06 UTC, 11,907 of 152,338 customers (7.8 percent) saw payment errors. Order impact: none.\n"))

    static let orders = WordList(["order", "orders"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard !context.document.impact.isEmpty else { return [] }
        let unit = context.prose(.impact)
        guard !Self.orders.occurs(in: unit) else { return [] }
        return [finding(unit.file, unit.start, "the customer impact does not state order impact (say so even when it is zero)")]
    }
}
