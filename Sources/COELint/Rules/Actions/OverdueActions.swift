import COEFormat

/// A5: overdue open items are violations.
public struct OverdueActions: Rule {
    public static let description = RuleDescription(
        id: "A5", name: "Overdue action items", level: .error,
        checks: "An item that is open or in progress is not past its due date (against today's date, or `--today`).",
        rationale: "\"Overdue open items are violations, listed across all COEs.\"",
        fix: "Finish the item, or move its due date (the move is kept in history and shown by the audit).",
        bad: RuleExample(file: "actions/A1.yaml", replacing: "status: done\ndone_on: 2026-10-28\ndone_by: payments platform team\n", with: "status: open\n", line: 8, column: 6),
        good: RuleExample(file: "actions/A1.yaml", replacing: "status: done\ndone_on: 2026-10-28\ndone_by: payments platform team\n", with: "status: done\ndone_on: 2026-10-28\ndone_by: payments platform team\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            guard item.status == .open || item.status == .inProgress, let due = item.due, due < context.today else { return nil }
            return finding(item.file, item.texts["due"]?.position, "\(item.id) is overdue: due \(due), \(due.days(until: context.today)) days ago, and still \(item.status.rawValue)")
        }
    }
}
