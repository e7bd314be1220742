import COEFormat

/// M4: the first graph shows customer impact.
public struct ImpactGraphFirst: Rule {
    public static let description = RuleDescription(
        id: "M4", name: "Impact graph first", level: .warning,
        checks: "The first graph (by file name) is marked `customer_impact: true`.",
        rationale: "\"The first graph shows customer impact.\"",
        fix: "Put the graph of what customers experienced first (name it 01-…) and mark it `customer_impact: true`.",
        bad: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "customer_impact: true\n", with: "", line: 1, column: 1),
        good: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "customer_impact: true\n", with: "customer_impact: true\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let first = context.document.metrics.first, !first.customerImpact else { return [] }
        return [finding(first.file, SourcePosition(line: 1, column: 1), "the first graph does not show customer impact (customer_impact: true)")]
    }
}
