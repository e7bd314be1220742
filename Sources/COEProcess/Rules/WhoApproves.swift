import COEFormat

/// P3: approval by enough reviewers, none of them the COE's author; a bar raiser for a SEV-1.
public struct WhoApproves: ProcessRule {
    static let sev1 = "review:\n  bar_raisers: [bea@example.com]\n"

    public static let description = ProcessRuleDescription(
        id: "P3", name: "Who approves", level: .error,
        judges: "A commit that adds approval records, moves a COE to approved, or publishes it.",
        checks: "Each approval record is committed by the person it names, who may approve: not the COE's author (the author of the "
            + "commit that created it, by e-mail or by name), not its `owner`, and, when the COE's `reviewers:` or `review.reviewers` "
            + "name reviewers, one on every list that does, or one of `review.bar_raisers`. A move to approved or to published needs `review.approvals` different people's "
            + "approvals of the content as it is, and for a SEV-1 one by a bar raiser when `review.bar_raisers` is configured.",
        rationale: "\"Approval needs the configured number of reviewers, none of whom is the COE's author; a bar raiser for SEV-1 "
            + "where configured.\" An approval is of the content it names: an edit after it voids it.",
        fix: "Have someone other than the author approve the current content with `coe approve` (a SEV-1 also a bar raiser); "
            + "after an edit, approve again before publishing.",
        enforcedBy: "the workflow (`coe approve` moves to approved only when enough approvals count; `coe status <id> published`); "
            + "pre-push, pre-receive and `coe check` for every commit of the range; `coe audit`. `coe show`, `coe comments` and "
            + "`coe check` count approvals with the same function.",
        bad: [
            ProcessExample("The author approves from another address", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.caseyAtHome, at: "2026-11-02T11:00:00Z"),
            ]),
            ProcessExample("An approval of content edited since, then moved to approved", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z"),
                .edit(by: People.casey, at: "2026-11-02T12:00:00Z"),
                .move(to: .approved, by: People.rae, at: "2026-11-02T13:00:00Z"),
            ]),
            ProcessExample("A SEV-1 approved without a bar raiser", configuration: sev1, severity: .sev1, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("Approved by someone the COE does not name as a reviewer", reviewers: [People.raeEmail], steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.sam, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("An approval recorded in someone else's name", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.casey, at: "2026-11-02T11:00:00Z", recordedAs: People.rae),
            ]),
        ],
        good: [
            ProcessExample("The reviewer the COE names approves", reviewers: [People.raeEmail], steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("A reviewer approves the current content", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .edit(by: People.casey, at: "2026-11-02T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("A SEV-1 approved by a bar raiser", configuration: sev1, severity: .sev1, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.bea, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event else { return [] }
        var findings: [ProcessFinding] = []
        let id = facts.coe.id
        for record in change.approvalsAdded {
            // The record is a claim; the commit's author is who made it.
            if record.authorEmail != change.commit.author.email.lowercased() {
                findings.append(finding("an approval record names \(record.author) but was committed by \(change.commit.author)",
                                        hint: "each reviewer records their own approval with coe approve"))
            }
            if let refusal = Approvals.refusal(of: Person(of: record), facts) {
                findings.append(finding(refusal, hint: "ask \(reviewersToAsk(facts))"))
            }
        }
        let target = change.moves(to: .approved) ? "approved" : change.moves(to: .published) ? "published" : nil
        if let target {
            let count = facts.approvals
            if !count.isEnough {
                var message = "moved to \(target), but " + count.stillNeeded.joined(separator: "; ")
                if !count.voided.isEmpty {
                    let voided = count.voided.count
                    message += " (\(voided) approval\(voided == 1 ? " was" : "s were") given to content that has changed since)"
                }
                var hint = count.voided.isEmpty ? "ask \(reviewersToAsk(facts)) (coe approve \(id))" : "approve again: coe approve \(id)"
                // Only a COE in review (or approved) can be approved: from anywhere else, the next step is to submit it.
                if let from = change.statusBefore, from != .review, !from.isApproved {
                    hint = "a COE is approved in review: " + (from == .draft ? "coe submit \(id) first, then " : "") + hint
                }
                findings.append(finding(message, hint: hint))
            }
        }
        return findings
    }

    /// Who can give the approval still needed, for hints.
    func reviewersToAsk(_ facts: ProcessFacts) -> String {
        guard let eligible = Approvals.eligible(facts) else {
            let barRaisers = facts.configuration.barRaisers
            return barRaisers.isEmpty ? "a reviewer other than the author"
                : "a reviewer other than the author (bar raisers: \(barRaisers.joined(separator: ", ")))"
        }
        if eligible.isEmpty {
            return "someone on both lists: name one of review.reviewers ("
                + facts.configuration.reviewers.joined(separator: ", ") + ") in the COE's reviewers:"
        }
        return "a listed reviewer (\(eligible.joined(separator: ", ")))"
    }
}
