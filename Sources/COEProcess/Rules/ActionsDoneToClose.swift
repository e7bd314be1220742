import COEFormat

/// P6: a COE is closed only when all its action items are done.
public struct ActionsDoneToClose: ProcessRule {
    public static let description = ProcessRuleDescription(
        id: "P6", name: "Closed only when every action is done", level: .error,
        judges: "A commit that moves a COE to closed.",
        checks: "Every action item is `done`, or `replaced` by another item (rule A7), in the commit that closes the COE.",
        rationale: "\"A COE is closed only when all its action items are done.\"",
        fix: "Finish the open items and mark them done (with `done_on` and `done_by`), or replace one by a new item; then close.",
        enforcedBy: "the workflow (`coe status <id> closed`); pre-push, pre-receive and `coe check` for every commit of the range; "
            + "`coe audit`.",
        bad: [
            ProcessExample("Closed with an item in progress", actions: [ActionState(id: "A1", status: .done),
                                                                        ActionState(id: "A2", status: .inProgress)], steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .move(to: .published, by: People.casey, at: "2026-11-02T12:00:00Z"),
                .move(to: .closed, by: People.casey, at: "2026-12-01T12:00:00Z"),
            ]),
        ],
        good: [
            ProcessExample("Closed once the last item is replaced", actions: [ActionState(id: "A1", status: .done),
                                                                            ActionState(id: "A2", status: .replaced)], steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
                .move(to: .published, by: People.casey, at: "2026-11-02T12:00:00Z"),
                .move(to: .closed, by: People.casey, at: "2026-12-01T12:00:00Z"),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event, change.closes else { return [] }
        let open = facts.actions.filter { !$0.isFinished }
        guard !open.isEmpty else { return [] }
        return [finding("\(facts.coe.id) has \(open.count) action item\(open.count == 1 ? "" : "s") not done: "
                            + open.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", "),
                        hint: "mark each done, or replaced by another item, before closing")]
    }
}
