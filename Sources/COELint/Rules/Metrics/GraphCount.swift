import COEFormat

/// M1: at least one graph (checked by S1), and not more than four.
public struct GraphCount: Rule {
    static let extraGraph = "title: Retries per checkout attempt\ncaption: Retries per attempt.\nimage: 01-checkout-error-rate.svg\nunit: retries\ninterval: 5 minutes\n"

    public static let description = RuleDescription(
        id: "M1", name: "Graph count", level: .warning,
        checks: "The metrics part has at most four graphs (an empty one is reported by S1).",
        rationale: "\"At least one graph; more than four is a warning ('less is more').\"",
        fix: "Keep the graphs that show impact and recovery; link the rest from a dashboard.",
        bad: RuleExample(file: "metrics/05-retries.yaml", with: extraGraph, line: nil, column: nil,
                         addedFiles: ["metrics/03-retries.yaml": extraGraph, "metrics/04-retries.yaml": extraGraph]),
        good: RuleExample(file: "metrics/03-retries.yaml", with: extraGraph))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let graphs = context.document.metrics
        guard graphs.count > 4 else { return [] }
        return [finding(context.document.path("metrics"), nil, "\(graphs.count) graphs; show at most four (less is more)")]
    }
}
