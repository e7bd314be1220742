import COEFormat

/// M2: each graph has a snapshot image and a caption.
public struct GraphSnapshot: Rule {
    public static let description = RuleDescription(
        id: "M2", name: "Graph snapshot and caption", level: .error,
        checks: "Each graph names a snapshot image (kept in metrics/) and has a caption, the image's alt text.",
        rationale: "\"Each graph has an image snapshot (data may change) and, where one exists, a link to the live dashboard; each image has alt text / caption.\"",
        fix: "Export the graph as an image into metrics/, name it in `image`, and describe what it shows in `caption`.",
        triggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                ↓title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                unit: percent of sign-in attempts
                interval: 1 minute
                customer_impact: true

                """),
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                ↓title: Failed sign-ins in the mobile app
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 1 minute
                customer_impact: true

                """),
        ],
        nonTriggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 1 minute
                customer_impact: true

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.metrics.flatMap { graph -> [Diagnostic] in
            var findings: [Diagnostic] = []
            let start = SourcePosition(line: 1, column: 1)
            if graph.image == nil { findings.append(finding(graph.file, start, "graph '\(graph.title)' has no snapshot image")) }
            if graph.caption?.isEmpty ?? true { findings.append(finding(graph.file, start, "graph '\(graph.title)' has no caption (alt text)")) }
            return findings
        }
    }
}
