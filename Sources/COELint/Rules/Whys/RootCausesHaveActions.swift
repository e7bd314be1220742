import COEFormat

/// W6: every root cause maps to at least one action item.
public struct RootCausesHaveActions: Rule {
    public static let description = RuleDescription(
        id: "W6", name: "Root causes have actions", level: .error,
        checks: "Every leaf of the five-whys tree lists at least one action item, and every action id listed in the tree exists in actions/.",
        rationale: "\"Every root cause (leaf) maps to at least one action item.\"",
        fix: "Add the action item that removes the root cause, and list its id under `actions`.",
        bad: RuleExample(file: "whys.yaml", replacing: "                    root_cause: true\n                    actions: [A1]\n", with: "                    root_cause: true\n", line: 14, column: 21),
        good: RuleExample(file: "whys.yaml", replacing: "                    actions: [A1]\n", with: "                    actions: [A1]\n"))

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
