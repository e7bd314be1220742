import COEFormat

/// W1: each chain is at least five whys deep.
public struct ChainDepth: Rule {
    static let minimumDepth = 5

    public static let description = RuleDescription(
        id: "W1", name: "Five whys deep", level: .error,
        checks: "Every chain, from a question's root to a leaf, has at least five whys, unless its leaf is a root cause with a `justification`.",
        rationale: "\"Each chain is at least five whys deep (five is a minimum, not a maximum). (error when shallower, unless the chain ends in a root cause that carries an explicit justification)\"",
        fix: "Ask why the last answer was possible, and go on; or, when the cause truly is reached, say why in `justification`.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: The sign-in service could not write new sessions to its session store.
                    then:
                      - why: Why could the sign-in service not write sessions?
                        because: A deployment pointed the session store at a read-only replica.
                        then:
                          - why: Why did the deployment point the session store at the replica?
                            because: Its configuration was copied from staging, where replica and primary share an address.
                            then:
                              - ↓why: Why was a staging address copied into production configuration?
                                because: Production and staging configuration are edited by hand in the same file.
                                root_cause: true
                                actions: [A1]

                """),
        ],
        nonTriggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: The sign-in service could not write new sessions to its session store.
                    then:
                      - why: Why could the sign-in service not write sessions?
                        because: A deployment pointed the session store at a read-only replica.
                        then:
                          - why: Why did the deployment point the session store at the replica?
                            because: Its configuration was copied from staging, where replica and primary share an address.
                            then:
                              - why: Why was a staging address copied into production configuration?
                                because: Production and staging configuration are edited by hand in the same file.
                                root_cause: true
                                justification: The check of A1 catches a staging address, however it was copied.
                                actions: [A1]

                """),
        ])


    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.whyChains.compactMap { chain in
            guard chain.count < Self.minimumDepth, let leaf = chain.last else { return nil }
            if leaf.rootCause, !(leaf.justification?.isEmpty ?? true) { return nil }
            return finding(context.whysFile, leaf.position, "this chain is \(chain.count) why\(chain.count == 1 ? "" : "s") deep; go on to at least \(Self.minimumDepth), or justify the root cause")
        }
    }
}
