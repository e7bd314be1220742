import COEFormat

/// B3: no blame words aimed at people.
public struct NoBlameWords: Rule {
    public static let description = RuleDescription(
        id: "B3", name: "No blame words", level: .warning,
        checks: "No words that blame people: careless, negligent, sloppy, incompetent, should have known, fault of, blame …",
        rationale: "\"No blame words aimed at people ('careless', 'negligent', 'should have known', 'fault of').\"",
        fix: "Describe what the system allowed, not what a person failed at.",
        triggering: [
            RuleExample("analysis.md", """
                A ↓careless reviewer approved the change; the review showed only the template.

                """),
        ],
        nonTriggering: [
            RuleExample("analysis.md", """
                A careful reviewer approved the change; the review showed only the template.

                """),
        ])

    static let blame = WordList(["careless", "carelessly", "carelessness", "negligent", "negligence", "sloppy", "incompetent", "lazy",
                                       "should have known", "should have noticed", "fault of", "at fault", "to blame", "blamed", "blame",
                                       "irresponsible", "reckless", "stupid", "dumb mistake"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allUnits.flatMap { unit in
            Self.blame.matches(in: unit).map { finding(unit, at: $0, "'\($0.text)' blames people; describe what the system allowed") }
        }
    }
}
