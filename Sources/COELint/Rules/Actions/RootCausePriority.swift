import COEFormat

/// A2: items that address a root cause are high priority.
public struct RootCausePriority: Rule {
    public static let description = RuleDescription(
        id: "A2", name: "Root-cause items are high priority", level: .warning,
        checks: "An action item listed at a root cause (a leaf of the five whys) has priority high.",
        rationale: "\"High priority for items that address a root cause or something that hindered recovery; a root-cause action below high is a warning.\"",
        fix: "Raise the item to high, or explain in the review why it can wait.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: ↓medium
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A2.yaml", """
                title: Show the session store address in the deployment summary
                description: List the session store address each region will use in the summary a deployment prints.
                owner: identity team
                priority: medium
                due: 2026-03-20
                ticket: IDN-2042
                status: open

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let rootCauseActions = Set(context.allWhyNodes.filter(\.then.isEmpty).flatMap(\.actions))
        return context.document.actions.compactMap { item in
            guard rootCauseActions.contains(item.id), let priority = item.priority, priority != .high else { return nil }
            return finding(item.file, item.texts["priority"]?.position, "\(item.id) addresses a root cause but is \(priority.rawValue) priority; root-cause items are high")
        }
    }
}
