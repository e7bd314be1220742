import COEFormat

/// A4: action items are specific and measurable.
public struct SpecificActions: Rule {
    public static let description = RuleDescription(
        id: "A4", name: "Specific actions", level: .warning,
        checks: "An item's title is not a vague intention: improve communication, be more careful, raise awareness, add more tests, improve monitoring, investigate, look into …",
        rationale: "\"Specific and measurable. 'Improve communication', 'be more careful', 'raise awareness', 'add more tests' without an object are warnings.\"",
        fix: "Say what will exist when the item is done: which alarm, which test, which check, at what threshold.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: ↓Add more tests
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Add more tests for the session store address
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
        ])

    static let vague = Pattern("^\\s*(?:improve (?:communication|monitoring|testing|processes?|documentation|awareness)|be (?:more )?careful|raise awareness|add more (?:tests|monitoring|alarms|alerts)\\s*\\.?\\s*$|more testing|investigate\\b|look into\\b|follow up\\b|revisit\\b|consider\\b|review (?:the )?process\\s*\\.?\\s*$|educate\\b|remind\\b)", caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            guard Self.vague.firstMatch(in: item.title) != nil else { return nil }
            return finding(item.file, item.texts["title"]?.position, "'\(item.title)' is not specific or measurable; say what will exist when it is done")
        }
    }
}
