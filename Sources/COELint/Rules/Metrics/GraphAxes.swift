import COEFormat

/// M3: graphs label their unit and sampling interval.
public struct GraphAxes: Rule {
    public static let description = RuleDescription(
        id: "M3", name: "Graph units and interval", level: .warning,
        checks: "Each graph states its unit and its sampling interval.",
        rationale: "\"Graphs mark start and end of impact with vertical lines, SLA breaches with horizontal lines, label axes with units and state the sampling interval ('per 10 minutes').\"",
        fix: "Add `unit` (e.g. percent of requests) and `interval` (e.g. 5 minutes).",
        bad: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "interval: 5 minutes\n", with: "", line: 1, column: 1),
        good: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "interval: 5 minutes\n", with: "interval: 5 minutes\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.metrics.flatMap { graph -> [Diagnostic] in
            var missing: [String] = []
            if graph.unit?.isEmpty ?? true { missing.append("unit") }
            if graph.interval?.isEmpty ?? true { missing.append("sampling interval") }
            guard !missing.isEmpty else { return [] }
            return [finding(graph.file, SourcePosition(line: 1, column: 1), "graph '\(graph.title)' does not state its \(missing.joined(separator: " or "))")]
        }
    }
}
