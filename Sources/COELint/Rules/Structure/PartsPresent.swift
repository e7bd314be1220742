import COEFormat

/// S1: every part is present and non-empty before review.
public struct PartsPresent: Rule {
    public static let description = RuleDescription(
        id: "S1", name: "Parts present", level: .error,
        checks: "Each part (summary, metrics and graphs, customer impact, incident response analysis, post-incident analysis, timeline, five whys, action items, lessons learned) holds something besides the template's comments.",
        rationale: "\"A COE has these parts, each present and non-empty before review … A draft may have empty parts (warning, not error).\"",
        fix: "Write the part. In a draft the finding is a warning; from review on it is an error.",
        triggering: [
            RuleExample("analysis.md", """
                <!-- Post-incident analysis: what has been learned since the event. -->

                """, fileFinding: "analysis.md"),
            RuleExample(files: [], removing: ["actions"], fileFindings: ["actions"]),
        ],
        nonTriggering: [
            RuleExample("analysis.md", """
                <!-- Post-incident analysis: what has been learned since the event. -->
                Staging has one database, so its replica and primary share an address.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let document = context.document
        var empty: [Part] = []
        if document.summary.isEmpty { empty.append(.summary) }
        if document.metrics.isEmpty { empty.append(.metrics) }
        if document.impact.isEmpty { empty.append(.impact) }
        if document.response.isEmpty { empty.append(.response) }
        if document.analysis.isEmpty { empty.append(.analysis) }
        if document.timeline.isEmpty { empty.append(.timeline) }
        if document.whys.isEmpty { empty.append(.whys) }
        if document.actions.isEmpty { empty.append(.actions) }
        if document.lessons.isEmpty { empty.append(.lessons) }
        return empty.map { part in
            let file = document.path(part.path.hasSuffix("/") ? String(part.path.dropLast()) : part.path)
            return finding(file, nil, "\(part.title) is empty")
        }
    }
}
