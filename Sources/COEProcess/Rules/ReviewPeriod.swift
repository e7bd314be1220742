import COEFormat
import Foundation

/// P2: a COE stays in review for the review period before it is approved, measured from history.
public struct ReviewPeriod: ProcessRule {
    public static let description = ProcessRuleDescription(
        id: "P2", name: "Review period", level: .error,
        judges: "A commit that approves a COE in review: approval records added, or a move to approved.",
        checks: "The approval comes `review.period_hours` (24 by default) or more after the newest move into review. Both times are "
            + "commit times read from history (the committer date; on the server, its witness of when it first saw each commit).",
        rationale: "\"A COE stays in review at least 24 hours (configurable) before it can be approved. The time is read from history "
            + "(the commit that moved it into review), never from a field the author can edit.\"",
        fix: "Wait until the period has passed and approve then; withdrawing and submitting again starts a new period.",
        enforcedBy: "the workflow (`coe approve`, by the approval commit's date); pre-push and `coe check` (commit dates); pre-receive "
            + "(the server's witness and clock); `coe audit` (commit dates).",
        bad: [
            ProcessExample("Approved 23 hours after entering review", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T09:00:00Z", moving: true),
            ]),
            ProcessExample("A back-dated review, by the server's clock", steps: [
                .create(by: People.casey, at: "2026-10-29T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-10-30T10:00:00Z", seen: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-01T10:05:00Z", moving: true, seen: "2026-11-01T10:06:00Z"),
            ]),
        ],
        good: [
            ProcessExample("Approved 25 hours after entering review", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T11:00:00Z", moving: true),
            ]),
            ProcessExample("With a 2-hour period configured", configuration: "review:\n  period_hours: 2\n", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .approve(by: People.rae, at: "2026-11-01T12:00:00Z", moving: true),
            ]),
        ])

    public init() {}

    /// When the review period of the COE's newest move into review ends (seconds since 1970), by the
    /// clock the facts carry; nil when its history shows no move into review.
    public static func approvableAfter(_ facts: ProcessFacts) -> Int64? {
        facts.moves.last(where: \.entersReview).map { $0.commit.clock + Int64(facts.configuration.reviewPeriodHours) * 3600 }
    }

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        // Only a COE in review serves a period: approving an approved COE again (its content changed) does not.
        guard case let .change(change) = event, change.approves, change.statusBefore == .review else { return [] }
        guard let entered = facts.moves.last(where: \.entersReview), let due = Self.approvableAfter(facts) else {
            return [finding("\(facts.coe.id) is approved, but its history does not show when it entered review",
                            hint: "the review period runs from the commit that moves a COE into review (coe submit)")]
        }
        let period = facts.configuration.reviewPeriodHours
        let at = change.commit.clock
        guard at < due else { return [] }
        let hours = String(format: "%.1f", Double(at - entered.commit.clock) / 3600)
        return [finding("approved \(hours) h after entering review; the review period is \(period) h",
                        hint: "approvable after \(Timestamp(seconds: due).utcMinute), in \(DurationText.text(due - at)) "
                            + "(it entered review \(Timestamp(seconds: entered.commit.clock).utcMinute) in \(entered.commit.short))")]
    }
}
