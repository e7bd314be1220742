import COEFormat

/// B1 (roster): no names from the configured roster.
public struct NoRosterNames: Rule {
    public static let description = RuleDescription(
        id: "B1.roster", name: "No names from the roster", level: .error, appliesToDrafts: true,
        checks: "No name from the configuration's `roster` appears in any text of the COE: whole words, any case, possessives (\"Alice's\") included. Text is compared folded, so a name broken up or disguised is found too: zero-width characters, soft hyphens and direction controls removed, NFKC applied (decomposed accents, full-width letters), Cyrillic and Greek letters that look Latin read as Latin.",
        rationale: "\"No individual names: people are referred to by role ('an engineer on the payments team'). Names come from a configured roster and from the repository's own history.\"",
        fix: "Refer to the person by role: \"the on-call engineer\", \"an engineer on the payments team\".",
        triggering: [
            RuleExample("response.md", """
                ↓Dana acknowledged the page at 14:10 UTC; ↓Dana's rollback finished at 14:20 UTC.

                """, configuration: "roster: [Dana]\n"),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                The Danaher gateway team acknowledged the page at 14:10 UTC; the rollback finished at 14:20 UTC.

                """, configuration: "roster: [Dana]\n"),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.lists.roster?.findings(in: context) { unit, match in
            finding(unit, at: match, "a person's name ('\(match.text)'); refer to people by role")
        } ?? []
    }
}
