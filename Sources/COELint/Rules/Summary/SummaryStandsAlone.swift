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
                to see their orders. An alarm paged the identity on-call engineer at 14:09 UTC. These failures,
                which the identity team refers to as session rejections, stopped when the replica was removed.

                """),
        ])

    /// A pointer to another part of the document: "see below", "as described in the timeline", "refer to the
    /// analysis". A verb alone is no pointer ("customers could see the error", "the team refers to these as …").
    /// Phrases looked up by word: a regular expression over every summary cost 5 % of `coe lint`'s time.
    static let references: WordList = {
        var phrases = ["in the timeline", "in the five whys", "in the section", "in the appendix"]
        let verbs = ["see", "refer to", "described", "detailed", "covered", "explained", "shown", "listed", "outlined", "discussed"]
        for verb in verbs { for place in ["below", "above", "later", "earlier"] { phrases.append("\(verb) \(place)") } }
        let targets = ["timeline", "section", "sections", "analysis", "appendix", "five whys", "whys", "impact", "response", "table",
                       "graph", "graphs", "figure", "figures", "metrics", "action items", "lessons", "lessons learned", "report", "document"]
        var leads = ["see", "refer to"]
        for verb in verbs.dropFirst(2) { leads += ["\(verb) in", "as \(verb) in"] }
        for lead in leads { for article in ["", "the "] { for target in targets { phrases.append("\(lead) \(article)\(target)") } } }
        return WordList(phrases)
    }()

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        return Self.references.matches(in: unit).map { finding(unit, at: $0, "the summary points elsewhere ('\($0.text)'); it must stand alone") }
    }
}
