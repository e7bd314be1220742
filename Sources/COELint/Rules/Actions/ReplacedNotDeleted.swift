import COEFormat

/// A7: an item is closed by a replacement item, never by being dropped.
public struct ReplacedNotDeleted: Rule {
    public static let description = RuleDescription(
        id: "A7", name: "Replaced, not dropped", level: .error,
        checks: "An item with status replaced names, in `replaced_by`, another item of this COE that exists. (Deletions after approval are checked from history by the audit.)",
        rationale: "\"Items are never deleted once the COE is approved; 'deprecated' is not a way to close one: it is closed by a replacement item.\"",
        fix: "Add the replacement item and name it in `replaced_by`.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: ↓replaced

                """),
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: replaced
                replaced_by: ↓A9

                """),
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open
                replaced_by: ↓A2

                """),
        ],
        nonTriggering: [
            RuleExample(files: [
                ("actions/A1.yaml", """
                    title: Reject deployments whose session store address is not the production primary
                    description: Compare the session store address with the production primary's before each deployment.
                    owner: identity team
                    priority: high
                    due: 2026-03-20
                    ticket: IDN-2041
                    status: replaced
                    replaced_by: A2

                    """),
                ("actions/A2.yaml", """
                    title: Refuse a deployment whose session store rejects a test write
                    description: Write and delete a test session through the new configuration before moving traffic.
                    owner: identity team
                    priority: high
                    due: 2026-03-20
                    ticket: IDN-2050
                    status: open

                    """),
            ]),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            if item.status == .replaced {
                guard let replacement = item.replacedBy, !replacement.isEmpty else {
                    return finding(item.file, item.texts["status"]?.position, "\(item.id) is replaced but names no replaced_by item")
                }
                if replacement == item.id || !context.actionIDs.contains(replacement) {
                    return finding(item.file, item.texts["replaced_by"]?.position, "\(item.id) is replaced by '\(replacement)', which is not another item of this COE")
                }
            } else if item.replacedBy != nil {
                return finding(item.file, item.texts["replaced_by"]?.position, "\(item.id) names replaced_by but its status is \(item.status.rawValue), not replaced")
            }
            return nil
        }
    }
}
