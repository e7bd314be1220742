import COEFormat

/// N2: each lesson links at least one action item.
public struct LessonsLinkActions: Rule {
    public static let description = RuleDescription(
        id: "N2", name: "Lessons link actions", level: .error,
        checks: "Each lesson lists at least one action id under `actions`, and each listed id exists in actions/.",
        rationale: "\"Each lesson links at least one action item.\"",
        fix: "Link the item that puts the lesson into practice, or add one.",
        bad: RuleExample(file: "lessons.yaml", replacing: "  category: process\n  actions: [A2]\n", with: "  category: process\n", line: 5, column: 3),
        good: RuleExample(file: "lessons.yaml", replacing: "  category: process\n  actions: [A2]\n", with: "  category: process\n  actions: [A2]\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.lessons.flatMap { lesson -> [Diagnostic] in
            if lesson.actions.isEmpty { return [finding(context.lessonsFile, lesson.position, "this lesson links no action item")] }
            return lesson.actions.filter { !context.actionIDs.contains($0) }.map {
                finding(context.lessonsFile, lesson.texts["actions"]?.position ?? lesson.position, "action item '\($0)' does not exist in actions/")
            }
        }
    }
}
