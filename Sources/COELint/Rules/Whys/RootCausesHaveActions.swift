import COEFormat

/// W6: every root cause maps to at least one action item.
public struct RootCausesHaveActions: Rule {
    public static let description = RuleDescription(
        id: "W6", name: "Root causes have actions", level: .error,
        checks: "Every leaf of the five-whys tree lists at least one action item, and every action id listed in the tree exists in actions/.",
        rationale: "\"Every root cause (leaf) maps to at least one action item.\"",
        fix: "Add the action item that removes the root cause, and list its id under `actions`.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - ↓why: Why could customers not sign in?
                    because: A deployment pointed the session store at a read-only replica.
                    root_cause: true
                    justification: The five-whys chain of this cause is written out in the analysis.

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: A deployment pointed the session store at a read-only replica.
                    root_cause: true
                    justification: The five-whys chain of this cause is written out in the analysis.
                    actions: ↓[A2]

                """),
        ],
        nonTriggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: A deployment pointed the session store at a read-only replica.
                    root_cause: true
                    justification: The five-whys chain of this cause is written out in the analysis.
                    actions: [A1]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for node in context.allWhyNodes {
            if node.then.isEmpty, node.actions.isEmpty {
                findings.append(finding(context.whysFile, node.position, "this root cause has no action item"))
            }
            for id in node.actions where !context.actionIDs.contains(id) {
                findings.append(finding(context.whysFile, node.texts["actions"]?.position ?? node.position, "action item '\(id)' does not exist in actions/"))
            }
        }
        return findings
    }
}
