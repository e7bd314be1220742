import COEFormat

/// I5 (names): no customer names.
public struct NoCustomerNames: Rule {
    public static let description = RuleDescription(
        id: "I5.names", name: "No customer names", level: .error, appliesToDrafts: true,
        checks: "No name from the configuration's `customers` list appears in any text of the COE (whole words, any case).",
        rationale: "\"No customer names (a configured list) … (error for names)\"",
        fix: "Describe the customer by segment (\"a large retail customer\").",
        bad: RuleExample(file: "impact.md", replacing: "Support received 412 contacts", with: "Acme Retail and others sent 412 contacts", line: 14, column: 1,
                         configuration: "customers: [Acme Retail]\n"),
        good: RuleExample(file: "impact.md", replacing: "Support received 412 contacts", with: "A large retail customer and others sent 412 contacts",
                          configuration: "customers: [Acme Retail]\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.lists.customers?.findings(in: context) { unit, match in
            finding(unit, at: match, "customer name '\(match.text)'; describe the customer instead")
        } ?? []
    }
}
