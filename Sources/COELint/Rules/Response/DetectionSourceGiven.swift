import COEFormat

/// R1: how the event was detected is a structured field.
public struct DetectionSourceGiven: Rule {
    public static let description = RuleDescription(
        id: "R1", name: "Detection source given", level: .error,
        checks: "coe.yaml gives `detection_source` (alarm, customer, internal-report or team).",
        rationale: "\"How the event was detected: by an alarm (automated) or by a customer / someone outside the team. Detection source is a structured field.\"",
        fix: "Add `detection_source:` to coe.yaml.",
        bad: RuleExample(file: "coe.yaml", replacing: "detection_source: alarm\n", with: "", line: 1, column: 1),
        good: RuleExample(file: "coe.yaml", replacing: "detection_source: alarm\n", with: "detection_source: alarm\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard context.metadata.detectionSource == nil else { return [] }
        return [finding(context.metadataFile, SourcePosition(line: 1, column: 1), "no detection_source: say whether an alarm, a customer, someone outside the team or the team found it")]
    }
}
