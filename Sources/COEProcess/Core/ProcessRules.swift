import COEFormat

/// Every process rule, in the standard's order, and the one way to run them.
public enum ProcessRules {
    /// One entry per rule; a new rule is added here.
    public static let all: [any ProcessRule] = [
        AllowedMoves(), ReviewPeriod(), WhoApproves(), CommentsAnswered(), CompleteInTime(), ActionsDoneToClose(),
        ApprovalsCoverContent(), WhoResolves(), RecordsKept(), COEsKept(), SignedReview(),
    ]

    /// The rule with this ID.
    public static func rule(_ id: String) -> (any ProcessRule)? { all.first { type(of: $0).description.id == id } }

    /// Every rule's description, in order.
    public static var descriptions: [ProcessRuleDescription] { all.map { type(of: $0).description } }

    /// What `rules` (all of them unless told) find for the event, in rule order.
    public static func check(_ facts: ProcessFacts, _ event: ProcessEvent, rules: [any ProcessRule] = all) -> [ProcessFinding] {
        rules.flatMap { $0.check(facts, event) }
    }
}
