import COEFormat

/// P10: who may resolve (or retract) a review thread. Not in the COE standard's numbering (P8 and P9 are its own):
/// without it the author could close a reviewer's objection with "Disagree." and satisfy P4.
public struct WhoResolves: ProcessRule {
    static let listed = "review:\n  reviewers: [rae@example.com, sam@example.com]\n"
    static let barRaiser = "review:\n  bar_raisers: [bea@example.com]\n"

    public static let description = ProcessRuleDescription(
        id: "P10", name: "Who resolves a thread", level: .error,
        judges: "A commit that adds resolutions or retractions to a COE's review record.",
        checks: "Each resolution is committed by the person it names, who may resolve the thread: the person who opened it, or "
            + "a listed reviewer (the COE's `reviewers:` and `review.reviewers` combined as for P3, or a bar raiser). The COE's "
            + "author (its creator or `owner`) may reply to any thread but resolve only their own. A request for changes is "
            + "resolved only by the person who requested it or a bar raiser. A retraction (`coe retract`) is made only by the "
            + "comment's own author.",
        rationale: "\"Every review comment is resolved or answered before approval\" (P4) means little if the person answered "
            + "can close the question: the reviewer who raised it, or another reviewer, decides that the answer is enough.",
        fix: "Answer with `coe reply <id> <comment> -m \"…\"` and ask the person who opened the thread (or a listed reviewer; "
            + "for a request for changes, its author or a bar raiser) to run `coe resolve`.",
        enforcedBy: "the workflow (`coe resolve`); pre-push, pre-receive and `coe check` for every commit of the range; "
            + "`coe audit`.",
        bad: [
            ProcessExample("The author resolves a reviewer's comment", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.casey, at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("Another reviewer resolves a request for changes", configuration: listed, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.sam, at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("Someone under the reviewer's name resolves her request for changes", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: "Rae Reviewer <sam@example.com>", at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("The author retracts a reviewer's request for changes", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .retract(by: People.casey, at: "2026-11-01T13:00:00Z"),
            ]),
        ],
        good: [
            ProcessExample("The reviewer resolves their own comment", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.rae, at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("Another listed reviewer resolves a comment", configuration: listed, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.sam, at: "2026-11-01T13:00:00Z"),
            ]),
            ProcessExample("The reviewer retracts their own comment", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .comment(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .retract(by: People.rae, at: "2026-11-01T12:05:00Z"),
            ]),
            ProcessExample("A bar raiser resolves a request for changes", configuration: barRaiser, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .requestChanges(by: People.rae, at: "2026-11-01T12:00:00Z"),
                .resolve(by: People.bea, at: "2026-11-01T13:00:00Z"),
            ]),
        ])

    public init() {}

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event else { return [] }
        let threads = facts.review.threads
        var findings: [ProcessFinding] = []
        for resolution in change.resolutionsAdded {
            let what = resolution.kind == .retraction ? "retraction" : "resolution"
            // The record is a claim; the commit's author is who made it.
            if resolution.authorEmail != change.commit.author.email.lowercased() {
                findings.append(finding("a \(what) names \(resolution.author) but was committed by \(change.commit.author)",
                                        hint: "each person records their own \(what) with coe \(resolution.kind == .retraction ? "retract" : "resolve")"))
            }
            // A resolution of no known thread is an orphan record, lint's and the audit's business.
            guard let thread = threads.first(where: { $0.comment.id == resolution.replyTo }) else { continue }
            if resolution.kind == .retraction {
                let opener = Person(of: thread.comment)
                if !Person(of: resolution).hasSameAddress(as: opener) {
                    findings.append(finding("\(resolution.authorName) retracted \(opener.name)'s comment \(thread.comment.id); only a "
                                                + "comment's author retracts it",
                                            hint: "reply with coe reply \(facts.coe.id) \(thread.comment.id) -m \"…\" and ask "
                                                + Self.whoMay(thread.comment, facts) + " to resolve it"))
                }
                continue
            }
            if let refusal = Self.refusal(of: Person(of: resolution), thread.comment, facts) {
                findings.append(finding(refusal, hint: "reply with coe reply \(facts.coe.id) \(thread.comment.id) -m \"…\" and ask "
                                            + Self.whoMay(thread.comment, facts) + " to resolve it"))
            }
        }
        return findings
    }

    /// Why `person` may not resolve the thread `opened`, or nil when they may.
    public static func refusal(of person: Person, _ opened: ReviewRecord, _ facts: ProcessFacts) -> String? {
        let opener = Person(of: opened)
        // Granted by address only: a display name is whatever its writer sets.
        if person.hasSameAddress(as: opener) { return nil }
        let barRaiser = Approvals.matches(person, facts.configuration.barRaisers)
        if opened.kind == .changesRequested {
            if barRaiser { return nil }
            return "\(person.name) resolved \(opener.name)'s request for changes \(opened.id); a request for changes is resolved "
                + "only by its author or a bar raiser"
        }
        let isAuthor = facts.creator.map { $0.isSame(as: person) } == true
            || facts.coe.owner.map { $0.lowercased() == person.email.lowercased() || $0.lowercased() == person.name.lowercased() } == true
        if isAuthor {
            return "\(person.name) is the author of \(facts.coe.id) and resolved \(opener.name)'s comment \(opened.id); "
                + "the author may reply, and resolve only their own comments"
        }
        if barRaiser { return nil }
        if let eligible = Approvals.eligible(facts), Approvals.matches(person, eligible) { return nil }
        return "\(person.name) resolved \(opener.name)'s comment \(opened.id) but is not a listed reviewer; a comment is resolved "
            + "by the person who opened it or a listed reviewer"
    }

    /// Who may resolve the thread, in words, for hints.
    static func whoMay(_ opened: ReviewRecord, _ facts: ProcessFacts) -> String {
        let barRaisers = facts.configuration.barRaisers
        if opened.kind == .changesRequested {
            return barRaisers.isEmpty ? opened.authorName : "\(opened.authorName) or a bar raiser (\(barRaisers.joined(separator: ", ")))"
        }
        let others = (Approvals.eligible(facts) ?? []).filter { !Approvals.matches(Person(of: opened), [$0]) }
        return others.isEmpty ? opened.authorName : "\(opened.authorName) or a listed reviewer (\(others.joined(separator: ", ")))"
    }
}
