import COEFormat

/// M2: each graph has a snapshot image and a caption.
public struct GraphSnapshot: Rule {
    public static let description = RuleDescription(
        id: "M2", name: "Graph snapshot and caption", level: .error,
        checks: "Each graph names a snapshot image (kept in metrics/) and has a caption, the image's alt text.",
        rationale: "\"Each graph has an image snapshot (data may change) and, where one exists, a link to the live dashboard; each image has alt text / caption.\"",
        fix: "Export the graph as an image into metrics/, name it in `image`, and describe what it shows in `caption`.",
        bad: RuleExample(file: "metrics/02-payment-call-latency.yaml", replacing: "image: 02-payment-call-latency.svg\n", with: "", line: 1, column: 1),
        good: RuleExample(file: "metrics/02-payment-call-latency.yaml", replacing: "image: 02-payment-call-latency.svg\n", with: "image: 02-payment-call-latency.svg\n"))

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
