import COEFormat

/// T2: the title states the problem from the customer's side, not the cause.
public struct CustomerFacingTitle: Rule {
    public static let description = RuleDescription(
        id: "T2", name: "Customer-facing title", level: .warning,
        checks: "The title does not name a cause (caused by, due to, deployment, bug, change, misconfiguration …).",
        rationale: "\"States the problem from the customer's side, not the cause: 'Unable to receive multi-case', not 'Software change caused …'.\"",
        fix: "Say what customers could not do; the cause belongs in the five whys.",
        triggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Configuration ↓change caused sign-in failures in the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in or save changes in the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ])

    static let causeWords = WordList(["caused by", "caused", "due to", "because of", "deployment", "deploy", "bug", "change",
                                            "misconfiguration", "misconfigured", "regression", "root cause"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let unit = context.fieldUnits.first(where: { $0.field == "title" && $0.file == context.metadataFile }),
              let match = Self.causeWords.matches(in: unit).first else { return [] }
        return [finding(unit, at: match, "the title names a cause ('\(match.text)'); state what customers experienced")]
    }
}
