import COEFormat

/// W5: the analysis asks why it happened, why detection took so long, and why resolution took so long.
public struct ThreeQuestions: Rule {
    public static let description = RuleDescription(
        id: "W5", name: "Three questions", level: .warning,
        checks: "whys.yaml has chains under each of happened, detection and resolution (an empty file is reported by S1).",
        rationale: "\"The analysis covers three questions: why did it happen, why did it take so long to detect, why did it take so long to resolve.\"",
        fix: "Add the missing question's chain; when detection or resolution was fast, one chain can say why.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: A deployment pointed the session store at a read-only replica.
                    root_cause: true
                    justification: The five-whys chain of this cause is written out in the analysis.
                    actions: [A1]
                ↓detection: []
                resolution:
                  - why: Why did mitigation take 11 minutes after detection?
                    because: The rollback ran the full test suite before it deployed.
                    root_cause: true
                    justification: The check of A1 stops such a deployment before it starts.
                    actions: [A1]

                """),
        ],
        nonTriggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: A deployment pointed the session store at a read-only replica.
                    root_cause: true
                    justification: The five-whys chain of this cause is written out in the analysis.
                    actions: [A1]
                detection:
                  - why: Why did detection take 4 minutes?
                    because: The alarm waits for 3 one-minute periods above its threshold before it pages.
                    root_cause: true
                    justification: Four minutes is within the detection objective of 5 minutes.
                    actions: [A1]
                resolution:
                  - why: Why did mitigation take 11 minutes after detection?
                    because: The rollback ran the full test suite before it deployed.
                    root_cause: true
                    justification: The check of A1 stops such a deployment before it starts.
                    actions: [A1]

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let whys = context.document.whys
        guard !whys.isEmpty else { return [] }
        return whys.questions.filter { $0.chains.isEmpty }.map { key, title, _ in
            finding(context.whysFile, whys.keyPositions[key], "no chain under '\(key)' (\(title))")
        }
    }
}
