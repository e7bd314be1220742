import COEFormat

/// M4: the first graph shows customer impact.
public struct ImpactGraphFirst: Rule {
    public static let description = RuleDescription(
        id: "M4", name: "Impact graph first", level: .warning,
        checks: "The first graph (by file name) is marked `customer_impact: true`.",
        rationale: "\"The first graph shows customer impact.\"",
        fix: "Put the graph of what customers experienced first (name it 01-…) and mark it `customer_impact: true`.",
        triggering: [
            RuleExample("metrics/00-sign-in-latency.yaml", """
                ↓title: Sign-in latency in the mobile app
                caption: 99th percentile latency of sign-in requests, per minute.
                image: 01-failed-sign-ins.svg
                unit: milliseconds
                interval: 1 minute

                """),
        ],
        nonTriggering: [
            RuleExample("metrics/02-sign-in-latency.yaml", """
                title: Sign-in latency in the mobile app
                caption: 99th percentile latency of sign-in requests, per minute.
                image: 01-failed-sign-ins.svg
                unit: milliseconds
                interval: 1 minute

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let first = context.document.metrics.first, !first.customerImpact else { return [] }
        return [finding(first.file, SourcePosition(line: 1, column: 1), "the first graph does not show customer impact (customer_impact: true)")]
    }
}
