import COEFormat

/// B2: third person, no "I", "we", "our", "us".
public struct ThirdPerson: Rule {
    public static let description = RuleDescription(
        id: "B2", name: "Third person", level: .warning,
        checks: "No first-person words (I, me, my, we, our, ours, us and their contractions) in the document's text.",
        rationale: "\"Third person: no 'I', 'we', 'our', 'us' in the document body.\"",
        fix: "Name the team or role: \"the payments team rolled back\", not \"we rolled back\".",
        triggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app.
                An alarm paged ↓us at 14:09 UTC, and ↓we rolled the deployment back.

                """),
        ],
        nonTriggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers in the US could not sign in to the mobile
                app. An alarm paged the identity team at 14:09 UTC, and the team rolled the deployment back.

                """),
        ])

    static let lowerFirstPerson = WordList(["we", "we're", "we've", "we'll", "we'd", "our", "ours", "ourselves", "me", "my", "mine", "myself"])
    /// "I" only as a capital, and "us" not in capitals ("US" is the country).
    static let caseSensitive = WordList(["I", "I'm", "I've", "I'll", "I'd", "us", "Us"], caseSensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allUnits.flatMap { unit in
            (Self.lowerFirstPerson.matches(in: unit) + Self.caseSensitive.matches(in: unit)).map {
                finding(unit, at: $0, "first person ('\($0.text)'); write in the third person, naming the team or role")
            }
        }
    }
}
