import COEFormat

/// I5 (names): no customer names.
public struct NoCustomerNames: Rule {
    public static let description = RuleDescription(
        id: "I5.names", name: "No customer names", level: .error, appliesToDrafts: true,
        checks: "No name from the configuration's `customers` list appears in any text of the COE (whole words, any case). Text is compared folded, so a name broken up or disguised is found too: zero-width characters, soft hyphens and direction controls removed, NFKC applied (decomposed accents, full-width letters), Cyrillic and Greek letters that look Latin read as Latin.",
        rationale: "\"No customer names (a configured list) … (error for names)\"",
        fix: "Describe the customer by segment (\"a large retail customer\").",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in,
                among them ↓Acme Retail's store managers. Order impact: none.

                """, configuration: "customers: [Acme Retail]\n"),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in,
                among them a large retail customer's store managers. Order impact: none.

                """, configuration: "customers: [Acme Retail]\n"),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.lists.customers?.findings(in: context) { unit, match in
            finding(unit, at: match, "customer name '\(match.text)'; describe the customer instead")
        } ?? []
    }
}
