import COEFormat

/// Suppressions carry a reason.
public struct SuppressionReason: Rule {
    public static let description = RuleDescription(
        id: "suppression", name: "Suppression with a reason", level: .error, appliesToDrafts: true,
        checks: "Every inline `coe-ignore` directive (`<!-- coe-ignore B4: reason -->` in Markdown, `# coe-ignore B4: reason` in YAML) names rules and gives a reason after a colon. A directive without one silences nothing.",
        rationale: "A suppression is a decision a reviewer should be able to judge; without its reason it only hides a finding.",
        fix: "Add the reason after a colon: `<!-- coe-ignore B4: PSP is spelled out in the linked runbook -->`.",
        triggering: [
            RuleExample("response.md", """
                <!-- ↓coe-ignore B2 -->
                "We are rolling back now," the page to the status channel said at 14:14 UTC.

                """),
            RuleExample("response.md", """
                <!-- ↓coe-ignore -->
                "We are rolling back now," the page to the status channel said at 14:14 UTC.

                """),
            RuleExample("response.md", """
                <!-- ↓coe-ignore: quotes the page word for word -->
                "We are rolling back now," the page to the status channel said at 14:14 UTC.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                # ↓coe-ignore L5
                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                """),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                <!-- coe-ignore B2: quotes the page to the status channel word for word -->
                "We are rolling back now," the page to the status channel said at 14:14 UTC.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.suppressions.compactMap { suppression in
            if suppression.rules.isEmpty { return finding(suppression.file, suppression.position, "coe-ignore names no rule") }
            guard suppression.reason == nil else { return nil }
            return finding(suppression.file, suppression.position, "coe-ignore \(suppression.rules.joined(separator: ", ")) gives no reason; add one after a colon")
        }
    }
}
