import COEFormat

/// P13: with `review.require_signed`, every approval, request for changes and resolution is a commit
/// signed by the person its record names. Not in the COE standard's numbering: P3's "none of whom is
/// the COE's author" means little when identity is whatever `user.email` says.
public struct SignedReview: ProcessRule {
    static let signed = "review:\n  require_signed: true\n"

    public static let description = ProcessRuleDescription(
        id: "P13", name: "Signed review records", level: .error,
        judges: "With `review.require_signed: true`: every commit that adds approvals, requests for changes, resolutions, "
            + "retractions or imports.",
        checks: "The commit is signed (SSH or OpenPGP), the signature verifies against the server's allowed signers, and its "
            + "signer's address is the address of the person each record names. Only where signatures are checked: the "
            + "server's pre-receive, and `coe check` given the allowed signers.",
        rationale: "\"Approval needs the configured number of reviewers, none of whom is the COE's author\" (P3): a git address "
            + "is whatever its writer sets, a signature is not. Signing makes who approved something the server can prove.",
        fix: "Sign your commits (`git config commit.gpgsign true`, with `gpg.format ssh` and `user.signingkey`, or an OpenPGP "
            + "key) and ask the administrator to add your key to the server's allowed signers; then run the command again. "
            + "docs/hooks.md shows the setup.",
        enforcedBy: "pre-receive (against `<git dir>/coe-allowed-signers` and the keyring in `<git dir>/coe-gnupg`); `coe check "
            + "--allowed-signers`; the workflow refuses to write such a record when commits would not be signed.",
        bad: [
            ProcessExample("An unsigned approval", configuration: signed, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("An approval in Rae's name, signed by the author's key", configuration: signed, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true, signed: People.casey),
            ]),
        ],
        good: [
            ProcessExample("An approval signed by the reviewer", configuration: signed, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true, signed: People.rae),
            ]),
            ProcessExample("An unsigned approval where signing is not required", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard facts.configuration.requireSigned, case let .change(change) = event, change.addsSignedRecords,
              change.commit.signature != .notChecked else { return [] }
        let unsigned = change.signedRecords.filter { !change.commit.signature.isBy(Person(of: $0)) }
        guard !unsigned.isEmpty else { return [] }
        let named = Set(unsigned.map(\.author)).sorted().joined(separator: ", ")
        return [finding("review.require_signed: the commit adding \(Self.kinds(unsigned)) in the name of \(named) is \(change.commit.signature)",
                        hint: "each person signs their own records: git config commit.gpgsign true (with user.signingkey), a key the "
                            + "server's allowed signers hold, then run the command again")]
    }

    static func kinds(_ records: [ReviewRecord]) -> String {
        var words: [String] = []
        if records.contains(where: { $0.kind == .approval }) { words.append("an approval") }
        if records.contains(where: { $0.kind == .changesRequested }) { words.append("a request for changes") }
        if records.contains(where: { $0.kind == .resolution }) { words.append("a resolution") }
        if records.contains(where: { $0.kind == .retraction }) { words.append("a retraction") }
        if records.contains(where: { $0.kind == .imported }) { words.append("an import") }
        return words.joined(separator: " and ")
    }
}
