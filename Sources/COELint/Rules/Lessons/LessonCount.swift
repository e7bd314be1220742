import COEFormat

/// N1: three to ten lessons.
public struct LessonCount: Rule {
    public static let description = RuleDescription(
        id: "N1", name: "Three to ten lessons", level: .warning,
        checks: "lessons.yaml holds three to ten lessons (an empty one is reported by S1).",
        rationale: "\"Three to ten bullets.\"",
        fix: "Keep the lessons that generalise beyond this event; merge or drop the rest.",
        bad: RuleExample(file: "lessons.yaml", with: "- lesson: Values that decide capacity must be explicit.\n  actions: [A1]\n", line: nil, column: nil),
        good: RuleExample(file: "lessons.yaml", replacing: "- lesson: Values that decide capacity", with: "- lesson: Values that decide capacity"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let count = context.document.lessons.count
        guard count > 0, !(3...10).contains(count) else { return [] }
        return [finding(context.lessonsFile, nil, "\(count) lesson\(count == 1 ? "" : "s"); write three to ten")]
    }
}
