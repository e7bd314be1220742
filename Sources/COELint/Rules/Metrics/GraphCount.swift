import COEFormat

/// M1: at least one graph (checked by S1), and not more than four.
public struct GraphCount: Rule {
    public static let description = RuleDescription(
        id: "M1", name: "Graph count", level: .warning,
        checks: "The metrics part has at most four graphs (an empty one is reported by S1).",
        rationale: "\"At least one graph; more than four is a warning ('less is more').\"",
        fix: "Keep the graphs that show impact and recovery; link the rest from a dashboard.",
        triggering: [
            RuleExample(files: [graph("02-latency", "Sign-in latency"), graph("03-writes", "Session store writes"),
                                graph("04-errors", "Session store errors"), graph("05-retries", "Sign-in retries")],
                        fileFindings: ["metrics"]),
        ],
        nonTriggering: [
            RuleExample(files: [graph("02-latency", "Sign-in latency"), graph("03-writes", "Session store writes"),
                                graph("04-errors", "Session store errors")]),
        ])

    /// A complete graph file beside the baseline's, showing its snapshot (the examples need graphs, not images).
    static func graph(_ name: String, _ title: String) -> (path: String, text: String) {
        ("metrics/\(name).yaml", """
            title: \(title)
            caption: \(title), per minute, during the event.
            image: 01-failed-sign-ins.svg
            unit: count per minute
            interval: 1 minute

            """)
    }

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let graphs = context.document.metrics
        guard graphs.count > 4 else { return [] }
        return [finding(context.document.path("metrics"), nil, "\(graphs.count) graphs; show at most four (less is more)")]
    }
}
