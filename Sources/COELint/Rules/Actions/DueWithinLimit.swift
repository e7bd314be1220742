import COEFormat

/// A3: items are due within 45 days of the COE's creation, unless long-term with a ticket.
public struct DueWithinLimit: Rule {
    public static let description = RuleDescription(
        id: "A3", name: "Due within the limit", level: .warning,
        checks: "Each item's due date is at most `limits.action_due_days` (default 45) days after the COE's creation date, unless it has `long_term: true` and a ticket.",
        rationale: "\"Due within 45 days of the COE's creation; longer needs `long_term: true` and a backlog ticket.\"",
        fix: "Bring the date in, split the item into a near step and a long-term one, or mark it long_term with its backlog ticket.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: ↓2026-04-17
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: ↓2026-09-30
                status: open
                long_term: true

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-04-16
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-09-30
                ticket: IDN-2041
                status: open
                long_term: true

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let limit = context.configuration.actionDueDays
        let latest = context.metadata.created.adding(days: limit)
        return context.document.actions.compactMap { item in
            guard let due = item.due, due > latest else { return nil }
            if item.longTerm, !(item.ticket?.isEmpty ?? true) { return nil }
            return finding(item.file, item.texts["due"]?.position,
                           "\(item.id) is due \(due), \(context.metadata.created.days(until: due)) days after the COE was created; within \(limit) days, or mark it long_term with a ticket")
        }
    }
}
