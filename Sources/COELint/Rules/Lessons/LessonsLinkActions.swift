import COEFormat

/// N2: each lesson links at least one action item.
public struct LessonsLinkActions: Rule {
    public static let description = RuleDescription(
        id: "N2", name: "Lessons link actions", level: .error,
        checks: "Each lesson lists at least one action id under `actions`, and each listed id exists in actions/.",
        rationale: "\"Each lesson links at least one action item.\"",
        fix: "Link the item that puts the lesson into practice, or add one.",
        triggering: [
            RuleExample("lessons.yaml", """
                - lesson: A value that works in staging proves little about production configuration.
                  category: technical
                  actions: [A1]

                - ↓lesson: A deployment check is cheaper than a fast rollback.
                  category: operational

                - lesson: Reviewers of a configuration change need to see the address it points to in production.
                  category: process
                  actions: [A1]

                """),
            RuleExample("lessons.yaml", """
                - lesson: A value that works in staging proves little about production configuration.
                  category: technical
                  actions: [A1]

                - lesson: A deployment check is cheaper than a fast rollback.
                  category: operational
                  actions: [A1]

                - lesson: Reviewers of a configuration change need to see the address it points to in production.
                  category: process
                  actions: ↓[A2]

                """),
        ],
        nonTriggering: [
            RuleExample(files: [
                ("lessons.yaml", """
                    - lesson: A value that works in staging proves little about production configuration.
                      category: technical
                      actions: [A1]

                    - lesson: A deployment check is cheaper than a fast rollback.
                      category: operational
                      actions: [A1]

                    - lesson: Reviewers of a configuration change need to see the address it points to in production.
                      category: process
                      actions: [A2]

                    """),
                ("actions/A2.yaml", """
                    title: Show the session store address in the deployment summary
                    description: List the session store address each region will use in the summary a deployment prints.
                    owner: identity team
                    priority: medium
                    due: 2026-03-27
                    ticket: IDN-2042
                    status: open

                    """),
            ]),
        ])

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
