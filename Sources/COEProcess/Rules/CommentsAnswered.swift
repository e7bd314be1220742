import COEFormat

/// P4: every review comment is resolved before approval; the answer stays in the COE.
public struct CommentsAnswered: ProcessRule {
    public static let description = ProcessRuleDescription(
        id: "P4", name: "Comments answered before approval", level: .error,
        judges: "A commit that approves a COE: approval records added, or a move to approved.",
        checks: "No comment or request for changes is open (without a resolution) at the approval.",
        rationale: "\"Every review comment is resolved or answered before approval; the answer is kept in the COE (responses to "
            + "feedback live in the document).\"",
        fix: "Answer each open comment (`coe reply`) and have it resolved with `coe resolve <id> <comment> -m \"what changed\"` "
            + "by who may (rule P10); the resolution's text stays in the COE's review record.",
        enforcedBy: "the workflow (`coe approve`); pre-push, pre-receive and `coe check` for every commit of the range; `coe audit`.",
        bad: [
            ProcessExample("Approved with a comment open", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .approve(by: People.sam, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
        ],
        good: [
            ProcessExample("Approved once the comment is resolved", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.rae, at: "2026-11-02T10:00:00Z"),
                .approve(by: People.sam, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event, change.approves else { return [] }
        let open = facts.review.openThreads
        guard !open.isEmpty else { return [] }
        return [finding("approved with \(open.count) unresolved comment\(open.count == 1 ? "" : "s"): "
                            + open.map(\.comment.id).joined(separator: ", "),
                        hint: "answer and resolve \(open.count == 1 ? "it" : "them") first (coe comments \(facts.coe.id) --open)")]
    }
}
