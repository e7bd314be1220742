import COEFormat

/// Y1: the summary stands alone.
public struct SummaryStandsAlone: Rule {
    public static let description = RuleDescription(
        id: "Y1", name: "Summary stands alone", level: .warning,
        checks: "The summary does not refer to other sections (\"see below\", \"as described in the timeline\").",
        rationale: "\"Stands alone: no references to other sections.\" Many readers read only the summary.",
        fix: "Say the thing itself instead of pointing to where it is said.",
        triggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app
                (↓see the timeline). An alarm paged the identity on-call engineer at 14:09 UTC.

                """),
        ],
        nonTriggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app
                to see their orders. An alarm paged the identity on-call engineer at 14:09 UTC.

                """),
        ])

    static let references = WordList(["see below", "see above", "see the", "as described in", "as described below", "as described above",
                                            "described below", "described above", "as shown below", "as shown above", "refer to", "in the timeline",
                                            "in the five whys", "in the section"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        return Self.references.matches(in: unit).map { finding(unit, at: $0, "the summary points elsewhere ('\($0.text)'); it must stand alone") }
    }
}
