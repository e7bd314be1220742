import COEFormat

/// W8: an answer says something its why does not.
public struct CircularAnswer: Rule {
    public static let description = RuleDescription(
        id: "W8", name: "Answers are not circular", level: .warning,
        checks: "An answer (`because`) is not its why said again: it holds a content word (four letters or more, compared by stem, "
            + "as W3 compares them) the question does not.",
        rationale: "\"Each why asks about the previous answer\": an answer that only restates its question (\"Why did the "
            + "deployment fail? Because the deployment failed.\") moves the analysis nowhere.",
        fix: "Answer with the cause: what happened that made the question's answer true.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: The sign-in service could not write new sessions to its session store.
                    then:
                      - why: Why could the sign-in service not write new sessions?
                        because: ↓The sign-in service could not write new sessions.
                        then:
                          - why: Why was the session store read-only?
                            because: A deployment pointed it at a read-only replica, and no check compares the address with the production primary.
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
                      - why: Why could the sign-in service not write new sessions?
                        because: Its session store was a read-only replica.
                        then:
                          - why: Why was the session store read-only?
                            because: A deployment pointed it at a read-only replica, and no check compares the address with the production primary.
                            root_cause: true
                            actions: [A1]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        zip(context.allWhyNodes, context.whyContentWords).compactMap { node, words in
            let asked = Set(words.why)
            let answer = words.because
            guard !answer.isEmpty, answer.allSatisfy(asked.contains) else { return nil }
            return finding(context.whysFile, node.texts["because"]?.position ?? node.position,
                           "the answer only restates its why ('\(node.why)'); say what made it so")
        }
    }
}
