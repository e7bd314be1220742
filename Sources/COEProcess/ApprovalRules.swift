import COEFormat

/// Someone the process rules judge: a COE's creator, a reviewer, an approver.
public struct Person: Sendable, Hashable {
    public let name: String
    public let email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// Who may approve a COE and when enough people have (rule P3), shared by the workflow commands,
/// the hooks and `coe check`.
public struct ApprovalRules: Sendable {
    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Why this person may not approve the COE, or nil when they may.
    /// Not its author (who made the commit that created it), not its owner, and, with reviewers
    /// configured, one of them (or a bar raiser).
    public func refusal(email: String, name: String, coe: String, creator: Person?, owner: String?) -> String? {
        if let creator, creator.email.lowercased() == email.lowercased() || creator.name == name {
            return "\(name) created \(coe); a COE is approved by someone other than its author"
        }
        if let owner = owner?.lowercased(), owner == email.lowercased() || owner == name.lowercased() {
            return "\(name) owns \(coe); a COE is approved by someone other than its author"
        }
        if !configuration.reviewers.isEmpty, !Self.matches(email: email, name: name, configuration.reviewers + configuration.barRaisers) {
            return "\(email) is not a reviewer in \(Configuration.fileName) (review.reviewers)"
        }
        return nil
    }

    /// The approvals that count: of the current content, newest per person, by people allowed to approve.
    public func counting(_ state: ReviewState, contentHash: String, coe: String, creator: Person?, owner: String?) -> [ReviewRecord] {
        state.validApprovals(contentHash: contentHash).filter {
            refusal(email: $0.authorEmail, name: $0.authorName, coe: coe, creator: creator, owner: owner) == nil
        }
    }

    /// What is still missing for approval: more people, or a bar raiser for a SEV-1.
    public func stillNeeded(severity: IncidentSeverity, counting: [ReviewRecord]) -> [String] {
        var needed: [String] = []
        let people = Set(counting.map(\.authorEmail)).count
        if people < configuration.requiredApprovals {
            let missing = configuration.requiredApprovals - people
            needed.append("\(missing) more approval\(missing == 1 ? "" : "s") needed")
        }
        if severity == .sev1, !configuration.barRaisers.isEmpty,
           !counting.contains(where: { Self.matches(email: $0.authorEmail, name: $0.authorName, configuration.barRaisers) }) {
            needed.append("a SEV-1 needs a bar raiser's approval (\(configuration.barRaisers.joined(separator: ", ")))")
        }
        return needed
    }

    static func matches(email: String, name: String, _ list: [String]) -> Bool {
        list.contains { $0.lowercased() == email.lowercased() || $0.lowercased() == name.lowercased() }
    }
}
