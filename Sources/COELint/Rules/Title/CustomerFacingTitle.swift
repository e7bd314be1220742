import COEFormat

/// T2: the title states the problem from the customer's side, not the cause.
public struct CustomerFacingTitle: Rule {
    public static let description = RuleDescription(
        id: "T2", name: "Customer-facing title", level: .warning,
        checks: "The title does not name a cause (caused by, due to, deployment, bug, change, misconfiguration …).",
        rationale: "\"States the problem from the customer's side, not the cause: 'Unable to receive multi-case', not 'Software change caused …'.\"",
        fix: "Say what customers could not do; the cause belongs in the five whys.",
        bad: RuleExample(file: "coe.yaml", replacing: "title: Customers unable to complete checkout in the EU region",
                         with: "title: Configuration change caused checkout errors", line: 2, column: 22),
        good: RuleExample(file: "coe.yaml", replacing: "title: Customers unable to complete checkout in the EU region",
                          with: "title: Customers unable to complete checkout in the EU region"))

    static let causeWords = WordList(["caused by", "caused", "due to", "because of", "deployment", "deploy", "bug", "change",
                                            "misconfiguration", "misconfigured", "regression", "root cause"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let unit = context.fieldUnits.first(where: { $0.field == "title" && $0.file == context.metadataFile }),
              let match = Self.causeWords.matches(in: unit).first else { return [] }
        return [finding(unit, at: match, "the title names a cause ('\(match.text)'); state what customers experienced")]
    }
}
