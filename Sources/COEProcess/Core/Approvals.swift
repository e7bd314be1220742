import COEFormat

/// How a COE's approvals stand: the one count that the workflow, the gates, the audit, `coe show`,
/// `coe comments` and `coe check` all use, so they never disagree about whether a COE is approved.
public struct ApprovalCount: Sendable {
    /// How one approval record stands.
    public enum Standing: Sendable, Equatable {
        /// It counts towards approval.
        case counts
        /// It approved content that has changed since.
        case void
        /// Its author may not approve this COE (rule P3); the reason.
        case refused(String)
    }

    /// The content the approvals are counted for.
    public let content: ContentIdentity
    /// The approvals that count: of the current content, the newest per person, by people allowed to approve.
    public let counting: [ReviewRecord]
    /// Approvals of content that has changed since.
    public let voided: [ReviewRecord]
    /// Approvals of the current content by people who may not approve, with why.
    public let refused: [(record: ReviewRecord, reason: String)]
    /// How many different people must approve (`review.approvals`).
    public let required: Int
    /// What is still missing: more people, or a bar raiser for a SEV-1. Empty when approved.
    public let stillNeeded: [String]
    /// The import record (`coe import`) of the current content of a COE imported as approved, published
    /// or closed: the review done elsewhere stands for the approvals until the content changes.
    public var importedReview: ReviewRecord?

    /// Enough approvals count.
    public var isEnough: Bool { stillNeeded.isEmpty }

    /// How `record` (an approval) stands.
    public func standing(of record: ReviewRecord) -> Standing {
        if !content.matches(record.contentHash) { return .void }
        if let refusal = refused.first(where: { $0.record.authorEmail == record.authorEmail && $0.record.author == record.author }) {
            return .refused(refusal.reason)
        }
        return .counts
    }
}

/// Who may approve a COE and when enough people have (rule P3).
public enum Approvals {
    /// Why `person` may not approve the COE, or nil when they may: not its author (who made the commit
    /// that created it, matched by e-mail or by name), not its owner, and one of the COE's reviewers
    /// (`reviewerLists`) or a bar raiser when any reviewers are named.
    public static func refusal(of person: Person, _ facts: ProcessFacts) -> String? {
        let id = facts.coe.id
        if let creator = facts.creator, creator.isSame(as: person) {
            return "\(person.name) created \(id); a COE is approved by someone other than its author"
        }
        if let owner = facts.coe.owner?.lowercased(), owner == person.email.lowercased() || owner == person.name.lowercased() {
            return "\(person.name) owns \(id); a COE is approved by someone other than its author"
        }
        let configuration = facts.configuration
        // A bar raiser may approve any COE; everyone else must be on every list that names reviewers.
        if matches(person, configuration.barRaisers) { return nil }
        if !configuration.reviewers.isEmpty, !matches(person, configuration.reviewers) {
            return "\(person.email) is not a reviewer in \(Configuration.fileName) (review.reviewers)"
        }
        if !facts.coe.reviewers.isEmpty, !matches(person, facts.coe.reviewers) {
            return "\(person.email) is not among \(id)'s reviewers (reviewers: \(facts.coe.reviewers.joined(separator: ", ")))"
        }
        return nil
    }

    /// Who may approve, in words, for hints: the people on both lists when the COE and the configuration
    /// name reviewers, else those of the one that does, and the bar raisers; nil when anyone but the author may.
    public static func eligible(_ facts: ProcessFacts) -> [String]? {
        let configured = facts.configuration.reviewers, listed = facts.coe.reviewers
        guard !configured.isEmpty || !listed.isEmpty else { return nil }
        var people = configured.isEmpty ? listed
            : listed.isEmpty ? configured
            : listed.filter { name in configured.contains { $0.lowercased() == name.lowercased() } }
        for raiser in facts.configuration.barRaisers where !people.contains(where: { $0.lowercased() == raiser.lowercased() }) {
            people.append(raiser)
        }
        return people
    }

    /// The one count: the approvals of the facts' content, the newest per person, by people allowed
    /// to approve; and what is still needed.
    public static func count(_ facts: ProcessFacts) -> ApprovalCount {
        let approvals = facts.records.filter { $0.kind == .approval }.sorted { $0.id < $1.id }
        // The newest approval per person, a person being who P3 says is the same (e-mail or name): one
        // reviewer approving from two addresses is one approval.
        var newest: [ReviewRecord] = []
        var voided: [ReviewRecord] = []
        for approval in approvals {
            guard facts.content.matches(approval.contentHash) else {
                voided.append(approval)
                continue
            }
            newest.removeAll { Person(of: $0).isSame(as: Person(of: approval)) }
            newest.append(approval)
        }
        var counting: [ReviewRecord] = []
        var refused: [(record: ReviewRecord, reason: String)] = []
        for approval in newest.sorted(by: { $0.id < $1.id }) {
            if let reason = refusal(of: Person(of: approval), facts) {
                refused.append((approval, reason))
            } else {
                counting.append(approval)
            }
        }
        // A COE imported as approved (or later) was reviewed elsewhere: its import stands for the review
        // of the content it brought in, and only for that content.
        let importedReview = facts.records.last {
            $0.kind == .imported && $0.status?.isApproved == true && facts.content.matches($0.contentHash)
        }
        var count = ApprovalCount(content: facts.content, counting: counting, voided: voided, refused: refused,
                                  required: facts.configuration.requiredApprovals,
                                  stillNeeded: importedReview == nil ? stillNeeded(counting, facts) : [])
        count.importedReview = importedReview
        return count
    }

    /// What is missing for approval: more people, or a bar raiser for a SEV-1 when bar raisers are configured.
    static func stillNeeded(_ counting: [ReviewRecord], _ facts: ProcessFacts) -> [String] {
        let configuration = facts.configuration
        var needed: [String] = []
        // `counting` holds one approval per person already (see `count`).
        let people = counting.count
        if people < configuration.requiredApprovals {
            let missing = configuration.requiredApprovals - people
            needed.append("\(missing) more approval\(missing == 1 ? "" : "s") needed")
        }
        let barRaisers = configuration.barRaisers
        if facts.coe.severity == .sev1, !barRaisers.isEmpty, !counting.contains(where: { matches(Person(of: $0), barRaisers) }) {
            needed.append("a SEV-1 needs a bar raiser's approval (\(barRaisers.joined(separator: ", ")))")
        }
        return needed
    }

    /// `person` is on the list (in any case): an entry with an `@` is an address and matches only the
    /// person's address, never a name (`user.name` set to a reviewer's address is not that reviewer); an
    /// entry without one is a name and matches the name, which anyone can set (docs/workflow.md).
    public static func matches(_ person: Person, _ list: [String]) -> Bool {
        list.contains { entry in
            entry.contains("@") ? !person.email.isEmpty && entry.lowercased() == person.email.lowercased()
                : !person.name.isEmpty && entry.lowercased() == person.name.lowercased()
        }
    }
}
