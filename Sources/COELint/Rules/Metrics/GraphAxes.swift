import COEFormat

/// M3: graphs label their unit and sampling interval.
public struct GraphAxes: Rule {
    public static let description = RuleDescription(
        id: "M3", name: "Graph units and interval", level: .warning,
        checks: "Each graph states its unit and its sampling interval.",
        rationale: "\"Graphs mark start and end of impact with vertical lines, SLA breaches with horizontal lines, label axes with units and state the sampling interval ('per 10 minutes').\"",
        fix: "Add `unit` (e.g. percent of requests) and `interval` (e.g. 5 minutes).",
        triggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                ↓title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                image: 01-failed-sign-ins.svg
                interval: 1 minute
                customer_impact: true

                """),
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                ↓title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                customer_impact: true

                """),
        ],
        nonTriggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                image: 01-failed-sign-ins.svg
                unit: failed sign-ins per 100 attempts
                interval: 60 seconds
                customer_impact: true

                """),
        ])

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
