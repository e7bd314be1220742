import COEFormat

/// A6: items already done are recorded: what, who, when.
public struct DoneItemsRecorded: Rule {
    public static let description = RuleDescription(
        id: "A6", name: "Done items recorded", level: .error,
        checks: "An item with status done gives `done_on` and `done_by` (a role or team).",
        rationale: "\"Items already done are still recorded: what, who (role), when.\"",
        fix: "Add when it was done and which role or team did it.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: ↓done
                done_on: 2026-03-06

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
                status: done
                done_on: 2026-03-06
                done_by: identity team

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            guard item.status == .done else { return nil }
            var missing: [String] = []
            if item.doneOn == nil { missing.append("done_on") }
            if item.doneBy?.isEmpty ?? true { missing.append("done_by") }
            guard !missing.isEmpty else { return nil }
            return finding(item.file, item.texts["status"]?.position, "\(item.id) is done but has no \(missing.joined(separator: " or "))")
        }
    }
}
