import COEFormat

/// N1: three to ten lessons.
public struct LessonCount: Rule {
    public static let description = RuleDescription(
        id: "N1", name: "Three to ten lessons", level: .warning,
        checks: "lessons.yaml holds three to ten lessons (an empty one is reported by S1).",
        rationale: "\"Three to ten bullets.\"",
        fix: "Keep the lessons that generalise beyond this event; merge or drop the rest.",
        triggering: [
            RuleExample("lessons.yaml", """
                - lesson: A value that works in staging proves little about production configuration.
                  category: technical
                  actions: [A1]

                - lesson: A deployment check is cheaper than a fast rollback.
                  category: operational
                  actions: [A1]

                """, fileFinding: "lessons.yaml"),
        ],
        nonTriggering: [
            RuleExample("lessons.yaml", """
                - lesson: A value that works in staging proves little about production configuration.
                  category: technical
                  actions: [A1]

                - lesson: A deployment check is cheaper than a fast rollback.
                  category: operational
                  actions: [A1]

                - lesson: An address is part of a service's capacity and deserves the same review.
                  category: process
                  actions: [A1]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let count = context.document.lessons.count
        guard count > 0, !(3...10).contains(count) else { return [] }
        return [finding(context.lessonsFile, nil, "\(count) lesson\(count == 1 ? "" : "s"); write three to ten")]
    }
}
