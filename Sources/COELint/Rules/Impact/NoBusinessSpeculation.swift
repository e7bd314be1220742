import COEFormat

/// I5 (speculation): no speculation on customers' business impact.
public struct NoBusinessSpeculation: Rule {
    public static let description = RuleDescription(
        id: "I5.speculation", name: "No speculation on customers' business", level: .warning,
        checks: "The customer impact does not guess at customers' losses (\"probably lost revenue\", \"may have lost sales\").",
        rationale: "\"No speculation on customers' business impact ('they probably lost revenue').\"",
        fix: "State what customers experienced, in numbers; leave their business impact to them.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none, though merchants ↓probably lost revenue.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none, though 12 merchants told support they lost revenue.

                """),
        ])

    static let speculation = Pattern("\\b(?:probably|likely|may have|might have|must have|presumably|surely)\\s+(?:\\w+\\s+){0,2}?(?:lost|losing|cost|hurt|damaged|missed)\\b[^.]{0,40}?\\b(?:revenue|sales|business|money|customers|income|profit)", caseInsensitive: true)

    /// The words the pattern starts with; a text without any of them is not searched.
    static let openers = WordList(["probably", "likely", "may have", "might have", "must have", "presumably", "surely"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let unit = context.prose(.impact)
        guard Self.openers.occurs(in: unit) else { return [] }
        return Self.speculation.matches(in: unit).map { finding(unit, at: $0, "speculation on customers' business ('\($0.text)'); state what they experienced") }
    }
}
