import COEFormat

/// P11: review records are append-only. Not in the COE standard's numbering: the standard says every
/// review comment is kept and edits are auditable; a record rewritten or removed in a later commit would
/// make the review say what nobody said (a reviewer's request for changes removed, a comment reworded,
/// an old approval's `content_hash` moved to the new content).
public struct RecordsKept: ProcessRule {
    public static let description = ProcessRuleDescription(
        id: "P11", name: "Review records are kept", level: .error,
        judges: "Every commit that changes or removes a file that was already in a COE's `review/`.",
        checks: "No commit rewrites or removes a review record that an earlier commit added: comments, replies, requests for "
            + "changes, resolutions and approvals are only ever added. Moving a COE's folder counts as removing its records "
            + "(see P12).",
        rationale: "\"Every review comment is resolved or answered before approval\" (P4) and approvals count only for the content "
            + "they name (P7): both mean nothing if a record can be edited after the fact. The review is the repository's history "
            + "of what each reviewer said, so it is kept as written; a change of mind is a new record (a reply, a resolution, a "
            + "new approval).",
        fix: "Restore the record as it was (`git checkout <commit>^ -- <record>`), and say what you meant in a new record: "
            + "`coe reply`, `coe resolve`, or a new `coe approve`.",
        enforcedBy: "pre-push, pre-receive and `coe check` for every commit of the range; `coe audit` for every commit of the "
            + "history (records missing from the history it reads).",
        bad: [
            ProcessExample("The author deletes a reviewer's request for changes", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .removeRecord(by: People.casey, at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("A reviewer's comment rewritten in place", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .rewriteRecord(by: People.casey, at: "2026-11-01T13:00:00Z"),
            ]),
        ],
        good: [
            ProcessExample("The author answers the request for changes, and its author resolves it", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .comment(by: People.casey, at: "2026-11-01T12:30:00Z"),
                .resolve(by: People.rae, at: "2026-11-01T13:00:00Z"),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event else { return [] }
        var findings: [ProcessFinding] = []
        if !change.recordsRewritten.isEmpty {
            findings.append(finding("the commit rewrites review record\(Self.list(change.recordsRewritten)) of \(facts.coe.id); "
                                        + "review records are never edited once written",
                                    hint: "restore it as it was and add a new record instead (coe reply, coe resolve, coe approve)"))
        }
        // A removed COE's records go with it: P12 judges that.
        if !change.recordsRemoved.isEmpty && !change.removed {
            findings.append(finding("the commit removes review record\(Self.list(change.recordsRemoved)) of \(facts.coe.id); "
                                        + "review records are never removed",
                                    hint: "restore it (git checkout <commit>^ -- <record>); answer it with coe reply, or ask its author to resolve it"))
        }
        return findings
    }

    /// ` x` or `s x, y`, for messages (at most five names, then how many more).
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
        return (names.count == 1 ? " " : "s ") + shown
    }
}
