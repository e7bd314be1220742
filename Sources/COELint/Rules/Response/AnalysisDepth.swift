import COEFormat

/// R2: the response and post-incident analyses say enough to learn from.
public struct AnalysisDepth: Rule {
    static let minimumWords = 40

    public static let description = RuleDescription(
        id: "R2", name: "Analysis depth", level: .warning,
        checks: "The incident response analysis and the post-incident analysis each have at least \(minimumWords) words once written.",
        rationale: "\"How the team did during the event, and what it understood while it was happening; what was learned since.\"",
        fix: "Describe how the team responded, what it knew at each point, and what it has learned since.",
        triggering: [
            RuleExample("response.md", """
                ↓The sign-in error alarm paged the identity on-call engineer at 14:09 UTC. The engineer saw
                that the only recent change was the deployment at 14:02 UTC and rolled it back; the rollback
                took 6 minutes.

                """),
            RuleExample("analysis.md", """
                ↓Since the event, the team has learned that the configuration named the replica's address
                because staging has one database, where replica and primary share an address. Tests passed
                in staging, and no check compared the address with the primary.

                """),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                The sign-in error alarm paged the identity on-call engineer at 14:09 UTC. The engineer saw
                that the only recent change was the deployment at 14:02 UTC and rolled it back; the rollback
                took about 6 minutes.

                """),
            RuleExample("analysis.md", """
                Since the event, the team has learned that the configuration named the replica's address
                because staging has one database, where replica and primary share an address. Tests passed
                in staging, and no check compared the address with the production primary.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        [(context.document.response, Part.response), (context.document.analysis, Part.analysis)].compactMap { prose, part in
            guard !prose.isEmpty else { return nil }
            let count = context.prose(part).words.count
            guard count < Self.minimumWords else { return nil }
            return finding(prose.file, SourcePosition(line: 1, column: 1), "\(part.title.lowercased()) has \(count) words; say how the team responded and what it learned")
        }
    }
}
