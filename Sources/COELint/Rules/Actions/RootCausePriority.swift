import COEFormat

/// A2: items that address a root cause are high priority.
public struct RootCausePriority: Rule {
    public static let description = RuleDescription(
        id: "A2", name: "Root-cause items are high priority", level: .warning,
        checks: "An action item listed at a root cause (a leaf of the five whys) has priority high.",
        rationale: "\"High priority for items that address a root cause or something that hindered recovery; a root-cause action below high is a warning.\"",
        fix: "Raise the item to high, or explain in the review why it can wait.",
        bad: RuleExample(file: "actions/A4.yaml", replacing: "priority: high", with: "priority: medium", line: 6, column: 11),
        good: RuleExample(file: "actions/A4.yaml", replacing: "priority: high", with: "priority: high"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let rootCauseActions = Set(context.allWhyNodes.filter(\.then.isEmpty).flatMap(\.actions))
        return context.document.actions.compactMap { item in
            guard rootCauseActions.contains(item.id), let priority = item.priority, priority != .high else { return nil }
            return finding(item.file, item.texts["priority"]?.position, "\(item.id) addresses a root cause but is \(priority.rawValue) priority; root-cause items are high")
        }
    }
}
