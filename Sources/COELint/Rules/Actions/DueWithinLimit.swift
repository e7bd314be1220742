import COEFormat

/// A3: items are due within 45 days of the COE's creation, unless long-term with a ticket.
public struct DueWithinLimit: Rule {
    public static let description = RuleDescription(
        id: "A3", name: "Due within the limit", level: .warning,
        checks: "Each item's due date is at most `limits.action_due_days` (default 45) days after the COE's creation date, unless it has `long_term: true` and a ticket.",
        rationale: "\"Due within 45 days of the COE's creation; longer needs `long_term: true` and a backlog ticket.\"",
        fix: "Bring the date in, split the item into a near step and a long-term one, or mark it long_term with its backlog ticket.",
        bad: RuleExample(file: "actions/A6.yaml", replacing: "due: 2026-11-27", with: "due: 2027-03-01", line: 7, column: 6),
        good: RuleExample(file: "actions/A6.yaml", replacing: "due: 2026-11-27", with: "due: 2027-03-01\nlong_term: true"))

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
