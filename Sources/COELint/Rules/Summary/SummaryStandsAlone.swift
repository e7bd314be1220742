import COEFormat

/// Y1: the summary stands alone.
public struct SummaryStandsAlone: Rule {
    public static let description = RuleDescription(
        id: "Y1", name: "Summary stands alone", level: .warning,
        checks: "The summary does not refer to other sections (\"see below\", \"as described in the timeline\", \"as mentioned above\"); "
            + "'see' and 'refer to' point elsewhere only as an imperative ('(see the timeline)', 'please refer to the analysis'), not "
            + "with a subject ('customers could not see the graphs').",
        rationale: "\"Stands alone: no references to other sections.\" Many readers read only the summary.",
        fix: "Say the thing itself instead of pointing to where it is said.",
        triggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app
                (↓see the timeline). An alarm paged the identity on-call engineer at 14:09 UTC. As ↓mentioned above,
                the identity team rolled the deployment back.

                """),
        ],
        nonTriggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app
                to see their orders or the graphs of their spending. An alarm paged the identity on-call engineer at 14:09 UTC. These failures,
                which the identity team refers to as session rejections, stopped when the replica was removed.

                """),
        ])

    /// A pointer to another part of the document: "see below", "as described in the timeline", "as mentioned above",
    /// "refer to the analysis". A verb alone is no pointer ("customers could see the error", "the team refers to these as …").
    /// Phrases looked up by word: a regular expression over every summary cost 5 % of `coe lint`'s time.
    static let references: WordList = {
        var phrases = ["in the timeline", "in the five whys", "in the section", "in the appendix"]
        let verbs = ["see", "refer to", "described", "detailed", "covered", "explained", "shown", "listed", "outlined", "discussed",
                     "mentioned", "noted", "stated", "presented", "summarized", "summarised", "documented"]
        for verb in verbs { for place in ["below", "above", "later", "earlier", "previously"] { phrases.append("\(verb) \(place)") } }
        let targets = ["timeline", "section", "sections", "analysis", "appendix", "five whys", "whys", "impact", "response", "table",
                       "graph", "graphs", "figure", "figures", "metrics", "action items", "lessons", "lessons learned", "report", "document"]
        var leads = ["see", "refer to"]
        for verb in verbs.dropFirst(2) { leads += ["\(verb) in", "as \(verb) in"] }
        for lead in leads { for article in ["", "the "] { for target in targets { phrases.append("\(lead) \(article)\(target)") } } }
        return WordList(phrases)
    }()

    /// Words after which "see" and "refer to" still address the reader ("please see the timeline").
    static let imperativeLeads: Set<String> = ["please", "also", "and", "or", "then", "further"]

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.summary)
        return Self.references.matches(in: unit).filter { Self.addressesReader($0, in: unit) }.map {
            finding(unit, at: $0, "the summary points elsewhere ('\($0.text)'); it must stand alone")
        }
    }

    /// "See …" and "refer to …" point the reader elsewhere only as an imperative: first in their sentence or clause, in
    /// parentheses, or after "please"; with a subject before them ("customers could not see the graphs", "the team
    /// refers to the timeline as …") they are what someone did.
    static func addressesReader(_ match: Pattern.Match, in unit: TextUnit) -> Bool {
        let first = unit.utf16[match.range.location] | 0x20
        guard first == 0x73 || first == 0x72 else { return true }   // "see …", "refer …"
        guard let previous = unit.words.last(where: { $0.start + $0.length <= match.range.location }) else { return true }
        let gap = unit.utf16[(previous.start + previous.length)..<match.range.location]
        if gap.contains(where: { [0x2E, 0x28, 0x3B, 0x3A, 0x2C, 0x2014, 0x2013, 0x21, 0x3F].contains($0) }) { return true }
        return imperativeLeads.contains(unit.text(of: previous).lowercased())
    }
}
