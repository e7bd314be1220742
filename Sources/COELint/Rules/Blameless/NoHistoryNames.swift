import COEFormat

/// B1 (history): no names of people who committed to the repository.
public struct NoHistoryNames: Rule {
    public static let description = RuleDescription(
        id: "B1.history", name: "No names from history", level: .error, appliesToDrafts: true,
        checks: "No author or committer name from the repository's history appears in the COE's text (names of two or more words, matched whole, any case, possessives included; one-word names such as bot accounts are left to the roster). Text is compared folded, so a name broken up or disguised is found too: zero-width characters, soft hyphens and direction controls removed, NFKC applied (decomposed accents, full-width letters), Cyrillic and Greek letters that look Latin read as Latin.",
        rationale: "\"No individual names … Names come from a configured roster and from the repository's own history (author and committer names of its commits). (error)\"",
        fix: "Refer to the person by role.",
        triggering: [
            RuleExample("analysis.md", """
                The change was reviewed by ↓Jordan Rivera, but the review showed only the template.

                """, historyNames: ["Jordan Rivera", "deploybot"]),
        ],
        nonTriggering: [
            RuleExample("analysis.md", """
                The change was merged by deploybot, but the review showed only the template.

                """, historyNames: ["Jordan Rivera", "deploybot"]),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.lists.history?.findings(in: context) { unit, match in
            finding(unit, at: match, "a person's name from the repository's history ('\(match.text)'); refer to people by role")
        } ?? []
    }
}
