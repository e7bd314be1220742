import COEFormat

/// B7: no legally privileged content markers outside secure COEs.
public struct NoPrivilegedMarkers: Rule {
    public static let description = RuleDescription(
        id: "B7", name: "No privileged markers", level: .warning,
        checks: "Unless confidentiality is secure, no marker of legally privileged content (attorney-client privilege, privileged and confidential, legal hold …).",
        rationale: "\"No legally privileged content markers for non-secure COEs.\"",
        fix: "Move privileged material out of the COE, or set `confidentiality: secure`.",
        triggering: [
            RuleExample("analysis.md", """
                ↓Privileged and confidential: the contract with the database vendor sets the replica's address.

                """),
        ],
        nonTriggering: [
            RuleExample(files: [
                ("analysis.md", """
                    Privileged and confidential: the contract with the database vendor sets the replica's address.

                    """),
                ("coe.yaml", """
                    id: 2026-03-02-m8r4t6v2kc
                    title: Customers unable to sign in to the mobile app
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
                    confidentiality: secure

                    """),
            ]),
        ])

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
