import COEFormat

/// A1: each action item has a title, description, owner, priority, due date, ticket and status.
public struct ActionFieldsComplete: Rule {
    public static let description = RuleDescription(
        id: "A1", name: "Action item complete", level: .error,
        checks: "Each action item gives description, owner, priority, due and ticket (title and status are required by the format).",
        rationale: "\"Each has a title, description, owner (team or role), priority (high / medium / low), due date, a ticket reference, and a status.\"",
        fix: "Fill the missing keys of the item's file.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                ↓title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                status: open

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            var missing: [String] = []
            if item.description?.isEmpty ?? true { missing.append("description") }
            if item.owner?.isEmpty ?? true { missing.append("owner") }
            if item.priority == nil { missing.append("priority") }
            if item.due == nil { missing.append("due") }
            if item.ticket?.isEmpty ?? true { missing.append("ticket") }
            guard !missing.isEmpty else { return nil }
            return finding(item.file, SourcePosition(line: 1, column: 1), "action item \(item.id) has no \(missing.joined(separator: ", "))")
        }
    }
}
