import COEFormat

/// Y1: the summary stands alone.
public struct SummaryStandsAlone: Rule {
    public static let description = RuleDescription(
        id: "Y1", name: "Summary stands alone", level: .warning,
        checks: "The summary does not refer to other sections (\"see below\", \"as described in the timeline\").",
        rationale: "\"Stands alone: no references to other sections.\" Many readers read only the summary.",
        fix: "Say the thing itself instead of pointing to where it is said.",
        bad: RuleExample(file: "summary.md", replacing: "At the morning traffic peak,", with: "As described in the timeline, at the morning traffic peak,", line: 7, column: 1),
        good: RuleExample(file: "summary.md", replacing: "At the morning traffic peak,", with: "At the morning traffic peak,"))

    static let references = WordList(["see below", "see above", "see the", "as described in", "as described below", "as described above",
                                            "described below", "described above", "as shown below", "as shown above", "refer to", "in the timeline",
                                            "in the five whys", "in the section"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        return Self.references.matches(in: unit).map { finding(unit, at: $0, "the summary points elsewhere ('\($0.text)'); it must stand alone") }
    }
}
