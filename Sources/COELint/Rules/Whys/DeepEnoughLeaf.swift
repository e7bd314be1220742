import COEFormat

/// W4: a chain does not stop at human error, a missing procedure, a failed service, high CPU or out of memory.
public struct DeepEnoughLeaf: Rule {
    public static let description = RuleDescription(
        id: "W4", name: "No shallow root causes", level: .error,
        checks: "A leaf's answer is not human error (in any words: 'was entered incorrectly', 'executed by mistake', 'was not "
            + "trained on', 'an oversight'), a missing procedure or runbook, \"service X failed\", high CPU or running out of memory. "
            + "Human error in the middle of a chain is not a finding: the next why asks how it was possible.",
        rationale: "\"A chain must not stop at human error, a missing procedure, 'service X failed', high CPU, out of memory: a leaf answer of that kind is an error ('ask why the error was possible').\"",
        fix: "Ask why that was possible: what let the mistake through, why the procedure was missing, why the service failed.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓The replica's address was entered incorrectly in the deployment form.
                    root_cause: true
                    actions: [A1]
                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓An engineer made a mistake in the configuration.
                    root_cause: true
                    actions: [A1]

                """),
        ],
        nonTriggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: An engineer made a mistake in the configuration.
                    then:
                      - why: Why could one engineer's mistake in the configuration reach production?
                        because: No check compares the session store address with the production primary.
                        root_cause: true
                        actions: [A1]

                """),
        ])

    static let shallow = Pattern("\\bhuman error\\b|\\boperator error\\b|\\bhuman mistake\\b|\\b(?:engineer|operator|developer|someone|person)\\s+(?:made a mistake|forgot|did not follow|didn't follow|failed to)\\b|\\b(?:no|missing|lack of|did not have a|didn't have a)\\s+(?:procedure|runbook|process|checklist)\\b|\\b(?:service|server|host|database|system|dependency)\\s+(?:[\\w-]+\\s+)?(?:failed|crashed|went down|was down)\\s*\\.?$|\\bhigh cpu\\b|\\bcpu (?:was|ran) (?:high|at 100)|\\bout of memory\\b|\\bran out of memory\\b|\\bOOM\\b"
        // Human error in other words: something done wrongly, by mistake or untrained, with nothing said of why it could be.
        + "|\\b(?:was|were|got|been)\\s+(?:\\w+\\s+)?(?:entered|typed|keyed|configured|set|executed|run|applied|deployed|performed|done|specified|edited|changed|selected|copied|pasted|issued)\\s+(?:incorrectly|wrongly|improperly|erroneously|by mistake|in error|by accident)\\b"
        + "|\\b(?:incorrectly|wrongly|improperly|erroneously|mistakenly|accidentally|inadvertently|unintentionally)\\s+(?:entered|typed|keyed|configured|set|executed|ran|run|applied|deployed|performed|specified|edited|changed|selected|removed|deleted|issued)\\b"
        + "|\\bby mistake\\b|\\bby accident\\b|\\b(?:a|the)\\s+typo\\b|\\btypo(?:graphical)? error\\b"
        + "|\\b(?:was|were|had)\\s+not\\s+(?:been\\s+)?(?:properly\\s+|adequately\\s+|sufficiently\\s+)?trained\\b|\\b(?:lack of|insufficient|inadequate|no)\\s+training\\b"
        + "|\\b(?:oversight|carelessness|negligence|inattention)\\b|\\b(?:did not|didn't|failed to)\\s+(?:double-?check|notice|realise|realize|pay attention)\\b", caseInsensitive: true)

    /// Words one of which each shallow answer holds; an answer without any is not searched.
    static let stems = ["human", "operator", "mistake", "forgot", "follow", "procedure", "runbook", "process", "checklist",
                        "fail", "crash", "down", "cpu", "memory", "oom", "incorrect", "wrong", "improper", "erroneous", "accident",
                        "inadvertent", "unintentional", "typo", "train", "oversight", "careless", "neglig", "inattention", "notice",
                        "realis", "realiz", "attention", "check", "error"]

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allWhyNodes.filter(\.then.isEmpty).compactMap { leaf in
            let lowered = String(decoding: leaf.because.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
            guard Self.stems.contains(where: lowered.containsBytes), let match = Self.shallow.firstMatch(in: leaf.because) else { return nil }
            let location = leaf.texts["because"]
            return finding(context.whysFile, location?.position ?? leaf.position,
                           "the chain stops at '\(match.text)'; ask why that was possible")
        }
    }
}
