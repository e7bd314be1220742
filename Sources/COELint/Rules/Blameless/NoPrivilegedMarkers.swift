import COEFormat

/// B7: no legally privileged content markers outside secure COEs.
public struct NoPrivilegedMarkers: Rule {
    public static let description = RuleDescription(
        id: "B7", name: "No privileged markers", level: .warning,
        checks: "Unless confidentiality is secure, no marker of legally privileged content (attorney-client privilege, privileged and confidential, legal hold …).",
        rationale: "\"No legally privileged content markers for non-secure COEs.\"",
        fix: "Move privileged material out of the COE, or set `confidentiality: secure`.",
        bad: RuleExample(file: "analysis.md", replacing: "Since the event,", with: "Privileged and confidential: since the event,", line: 1, column: 1),
        good: RuleExample(file: "analysis.md", replacing: "Since the event,", with: "Since the event,"))

    static let markers = WordList(["attorney-client privilege", "attorney client privilege", "privileged and confidential",
                                         "legally privileged", "attorney work product", "legal hold", "prepared at the direction of counsel"])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard context.metadata.confidentiality != .secure else { return [] }
        return context.allUnits.flatMap { unit in
            Self.markers.matches(in: unit).map { finding(unit, at: $0, "'\($0.text)' marks privileged content in a \(context.metadata.confidentiality.rawValue) COE") }
        }
    }
}
