import COEFormat

/// Suppressions carry a reason.
public struct SuppressionReason: Rule {
    public static let description = RuleDescription(
        id: "suppression", name: "Suppression with a reason", level: .error, appliesToDrafts: true,
        checks: "Every inline `coe-ignore` directive (`<!-- coe-ignore B4: reason -->` in Markdown, `# coe-ignore B4: reason` in YAML) names rules and gives a reason after a colon. A directive without one silences nothing.",
        rationale: "A suppression is a decision a reviewer should be able to judge; without its reason it only hides a finding.",
        fix: "Add the reason after a colon: `<!-- coe-ignore B4: PSP is spelled out in the linked runbook -->`.",
        bad: RuleExample(file: "response.md", replacing: "### Response\n", with: "### Response\n<!-- coe-ignore B2 -->\n", line: 10, column: 6),
        good: RuleExample(file: "response.md", replacing: "### Response\n", with: "### Response\n<!-- coe-ignore B2: quotes a customer's e-mail verbatim -->\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.suppressions.compactMap { suppression in
            if suppression.rules.isEmpty { return finding(suppression.file, suppression.position, "coe-ignore names no rule") }
            guard suppression.reason == nil else { return nil }
            return finding(suppression.file, suppression.position, "coe-ignore \(suppression.rules.joined(separator: ", ")) gives no reason; add one after a colon")
        }
    }
}
