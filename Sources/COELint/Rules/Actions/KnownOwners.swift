import COEFormat

/// A8: an item's owner is a known team or role.
public struct KnownOwners: Rule {
    public static let description = RuleDescription(
        id: "A8", name: "Known owners", level: .warning,
        checks: "When the configuration lists teams or roles, each item's owner is one of them (case-insensitive).",
        rationale: "\"An item whose owner is not a known team/role (a departed owner) is an orphan and is reported.\"",
        fix: "Give the item to a current team or role, or add the team to `teams` in .coe.yaml.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: ↓sign-in squad
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """, configuration: "teams: [identity team]\n"),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                description: Compare the session store address with the production primary's before each deployment.
                owner: Identity Team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """, configuration: "teams: [identity team]\n"),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            guard let owner = item.owner, !context.configuration.knowsOwner(owner) else { return nil }
            return finding(item.file, item.texts["owner"]?.position, "\(item.id)'s owner '\(owner)' is not a known team or role (an orphan)")
        }
    }
}
