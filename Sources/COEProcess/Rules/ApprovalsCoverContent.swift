import COEFormat

/// P7: an approved COE's approvals still cover its content; edits after approval are seen.
public struct ApprovalsCoverContent: ProcessRule {
    static let reapproval = "review:\n  require_reapproval: true\n"

    public static let description = ProcessRuleDescription(
        id: "P7", name: "Approvals cover the content", level: .warning,
        judges: "The COE as it stands: at the tip of a push or pull request, and at the end of an audit.",
        checks: "An approved, published or closed COE that has approval records has enough approvals of its content as it is now "
            + "(counted as for P3). A warning; an error with `review.require_reapproval: true`.",
        rationale: "\"Edits after approval are visible in the audit (who, when, what part).\" An approval names the content it "
            + "approved, so an edit after it shows as an approval that no longer counts.",
        fix: "Have the current content approved again (`coe approve`): an approved COE whose approvals were outgrown can be approved "
            + "again without a new review period. `coe log` shows the edits since.",
        enforcedBy: "pre-push, pre-receive and `coe check` for the COEs a range changed, at its tip; `coe audit` for every COE at "
            + "the end of the history (a violation only when it is an error); `coe show` and `coe comments` mark void approvals.",
        bad: [
            ProcessExample("Edited after approval", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .edit(by: People.casey, at: "2026-11-02T12:00:00Z"),
                .standing(at: "2026-11-02T12:00:00Z"),
            ]),
            ProcessExample("Edited after approval, re-approval required", configuration: reapproval, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .edit(by: People.casey, at: "2026-11-02T12:00:00Z"),
                .standing(at: "2026-11-02T12:00:00Z"),
            ]),
        ],
        good: [
            ProcessExample("Edited after approval and approved again", configuration: reapproval, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .edit(by: People.casey, at: "2026-11-02T12:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T12:10:00Z"),
                .standing(at: "2026-11-02T12:10:00Z"),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        // A COE approved before coe recorded approvals has none: only approvals given and then outgrown are judged.
        guard case .standing = event, let status = facts.coe.status, status.isApproved,
              facts.records.contains(where: { $0.kind == .approval }) else { return [] }
        let count = facts.approvals
        guard !count.isEnough else { return [] }
        let what = count.voided.isEmpty ? "its approvals do not count" : "its content changed after its approvals"
        return [ProcessFinding(rule: Self.description.id, level: facts.configuration.requireReapproval ? .error : .warning,
                               message: "\(facts.coe.id) is \(status.rawValue) but \(what): " + count.stillNeeded.joined(separator: "; "),
                               hint: "approve the current content again (coe approve \(facts.coe.id))")]
    }
}
