import COEFormat

/// W1: each chain is at least five whys deep.
public struct ChainDepth: Rule {
    static let minimumDepth = 5

    public static let description = RuleDescription(
        id: "W1", name: "Five whys deep", level: .error,
        checks: "Every chain, from a question's root to a leaf, has at least five whys, unless its leaf is a root cause with a `justification`.",
        rationale: "\"Each chain is at least five whys deep (five is a minimum, not a maximum). (error when shallower, unless the chain ends in a root cause that carries an explicit justification)\"",
        fix: "Ask why the last answer was possible, and go on; or, when the cause truly is reached, say why in `justification`.",
        bad: RuleExample(file: "whys.yaml", replacing: chainEnd, with: "                root_cause: true\n                actions: [A4]\n", line: 48, column: 17),
        good: RuleExample(file: "whys.yaml", replacing: chainEnd,
                          with: "                root_cause: true\n                justification: The checklist is the mechanism; why it lacks thresholds is answered by its owner review.\n                actions: [A4]\n"))

    /// The last why of the detection chain in the example COE.
    static let chainEnd = "                then:\n                  - why: Why does the checklist leave out alarm thresholds?\n                    because: It was written for a service with fixed traffic and never updated for growth.\n                    root_cause: true\n                    actions: [A4]\n"

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.whyChains.compactMap { chain in
            guard chain.count < Self.minimumDepth, let leaf = chain.last else { return nil }
            if leaf.rootCause, !(leaf.justification?.isEmpty ?? true) { return nil }
            return finding(context.whysFile, leaf.position, "this chain is \(chain.count) why\(chain.count == 1 ? "" : "s") deep; go on to at least \(Self.minimumDepth), or justify the root cause")
        }
    }
}
