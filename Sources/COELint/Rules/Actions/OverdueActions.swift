import COEFormat

/// A5: overdue open items are violations, listed across all COEs: `coe actions --overdue` is that list (it
/// exits 1); lint reports them as warnings, so that an item falling due never blocks a commit, a push or
/// a pull request that does not touch it (`rules: {A5: error}` makes them block again).
public struct OverdueActions: Rule {
    public static let description = RuleDescription(
        id: "A5", name: "Overdue action items", level: .warning,
        checks: "An item that is open or in progress is not past its due date (against today's date, or `--today`). A warning: "
            + "the passing of time is not the commit's doing, so it never blocks a commit, a push or a pull request (marking the "
            + "item done, moving it, or editing another part must go through); the list of violations the standard asks for is "
            + "`coe actions --overdue`, which exits 1 when there is any (docs/actions.md).",
        rationale: "\"Overdue open items are violations, listed across all COEs.\"",
        fix: "Finish the item, or move its due date (the move is kept in history and shown by the audit); `coe actions --overdue` "
            + "lists every overdue item.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: ↓2026-03-08
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: ↓2026-03-08
                ticket: IDN-2041
                status: in-progress

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-09
                ticket: IDN-2041
                status: open

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            // Today is read only for an open item with a due date: the findings of a COE whose items are all closed
            // do not depend on the date, and the findings cache keeps them across days.
            guard item.isOpen, let due = item.due, item.isOverdue(on: context.today) else { return nil }
            return finding(item.file, item.texts["due"]?.position, "\(item.id) is overdue: due \(due), \(due.days(until: context.today)) days ago, and still \(item.status.rawValue)")
        }
    }
}
