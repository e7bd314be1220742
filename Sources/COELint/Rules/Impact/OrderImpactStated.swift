import COEFormat

/// I4: order impact is stated, even when zero.
public struct OrderImpactStated: Rule {
    public static let description = RuleDescription(
        id: "I4", name: "Order impact stated", level: .warning,
        checks: "The customer impact mentions order impact (the word order or orders), even to say there was none.",
        rationale: "\"Order impact is stated, even when zero.\"",
        fix: "Add a sentence on orders lost or delayed, or \"Order impact: none.\"",
        triggering: [
            RuleExample("impact.md", """
                ↓Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none.

                """),
        ])

    static let orders = WordList(["order", "orders"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard !context.document.impact.isEmpty else { return [] }
        let unit = context.prose(.impact)
        guard !Self.orders.occurs(in: unit) else { return [] }
        return [finding(unit.file, unit.start, "the customer impact does not state order impact (say so even when it is zero)")]
    }
}
