import COEFormat

/// P12: a COE that has left draft is not deleted or moved. Not in the COE standard's numbering: the
/// standard's point is that past COEs are easy to find and read; a reviewed COE that can vanish, or
/// reappear under another id with another status, has no audit trail.
public struct COEsKept: ProcessRule {
    static let administered = "review:\n  allow_deletion: true\n  administrators: [ada@example.com]\n"

    public static let description = ProcessRuleDescription(
        id: "P12", name: "Reviewed COEs are kept", level: .error,
        judges: "Every commit that removes a COE's folder (a deletion, or a rename: the folder under its new name is a new COE, "
            + "judged by P1 as one).",
        checks: "Only a draft is removed. A COE in review, approved, published or closed stays, unless `review.allow_deletion: "
            + "true` and the commit is signed by one of `review.administrators` (verified by the server against its allowed "
            + "signers).",
        rationale: "\"The point of a COE is that the same mistake never happens twice\": past COEs must stay easy to find, and "
            + "their review auditable. A reviewed COE deleted, or renamed to a new id with a new status, escapes both.",
        fix: "Keep the COE; to retire it, close it (`coe status <id> closed`). A COE filed by mistake is withdrawn to draft "
            + "(`coe withdraw`) while in review. Where a deletion is really needed (a COE holding data that must go), an "
            + "administrator signs the commit.",
        enforcedBy: "pre-push, pre-receive and `coe check` for every commit of the range; `coe audit` for every commit of the "
            + "history.",
        bad: [
            ProcessExample("An approved COE deleted", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .remove(by: People.casey, at: "2026-11-02T12:00:00Z"),
            ]),
            ProcessExample("Deletion allowed, but not signed by an administrator", configuration: administered, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .remove(by: People.casey, at: "2026-11-01T12:00:00Z", signed: People.casey),
            ]),
        ],
        good: [
            ProcessExample("A draft deleted", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .remove(by: People.casey, at: "2026-11-01T12:00:00Z"),
            ]),
            ProcessExample("Deletion allowed, signed by an administrator", configuration: administered, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .remove(by: People.ada, at: "2026-11-01T12:00:00Z", signed: People.ada),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event, change.removed, let status = change.statusBefore, status != .draft else { return [] }
        let configuration = facts.configuration
        if configuration.allowDeletion {
            if change.commit.signature.isBy(oneOf: configuration.administrators) { return [] }
            // Unchecked (a client hook, CI without the allowed signers): the server decides.
            if change.commit.signature == .notChecked { return [] }
            let who = configuration.administrators.isEmpty ? "review.administrators is empty" : configuration.administrators.joined(separator: ", ")
            return [finding("the commit removes \(facts.coe.id), which is \(status == .review ? "in review" : status.rawValue); the commit is \(change.commit.signature), "
                                + "and only a commit signed by an administrator (\(who)) may remove a COE that has left draft",
                            hint: "ask an administrator to sign the commit that removes it (git commit -S)")]
        }
        return [finding("the commit removes \(facts.coe.id), which is \(status == .review ? "in review" : status.rawValue); a COE that has left draft is kept "
                            + "(a rename is a removal too)",
                        hint: "restore it; retire it with coe status \(facts.coe.id) closed, or withdraw it to draft first (coe withdraw) "
                            + "while it is in review")]
    }
}
