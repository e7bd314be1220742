import COEFormat

/// A4: action items are specific and measurable.
public struct SpecificActions: Rule {
    public static let description = RuleDescription(
        id: "A4", name: "Specific actions", level: .warning,
        checks: "An item's title is an action one can finish: it starts with a verb (not a noun phrase such as 'Load testing' or "
            + "'Emergency access paths'), names the thing that changes (not 'Add more tests'), is not an intention to look at "
            + "something (investigate, look into, consider, evaluate, revisit, educate, be careful, raise awareness), and a "
            + "comparison or an improvement ('Better alerting', 'Faster rollback', 'Improve monitoring of X', 'Reduce latency') "
            + "carries its measure: a number, a threshold or a date.",
        rationale: "\"Specific and measurable. 'Improve communication', 'be more careful', 'raise awareness', 'add more tests' without an object are warnings.\"",
        fix: "Say what will exist when the item is done: which alarm, which test, which check, at what threshold.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: ↓Faster rollback of the session store configuration
                description: A rollback path for the session store configuration.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: ↓Emergency access paths
                description: A way in for the on-call engineer when single sign-on is down.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: ↓Add more tests
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
        ],
        nonTriggering: [
            RuleExample("actions/A1.yaml", """
                title: Roll back the session store configuration in under 3 minutes
                description: A rollback path for the session store configuration.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: Add more tests for the session store address
                description: Compare the session store address with the production primary's before each deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.document.actions.compactMap { item in
            guard let problem = ActionTitle(item.title).problem else { return nil }
            return finding(item.file, item.texts["title"]?.position, "'\(item.title)' \(problem)")
        }
    }
}

/// An action item's title, judged by its structure (rule A4): its first word and what follows it.
///
/// Not a grammar: a title is a short imperative ("Add a canary stage that stops rollouts on errors"),
/// so the first word says whether it is an action, an intention or a noun phrase, and the rest says
/// whether it names a thing and carries a measure. The word lists are general English (verbs of
/// change, comparatives, verbs of intention), never phrases taken from examples.
struct ActionTitle {
    let words: [String]
    let hasMeasure: Bool

    init(_ title: String) {
        var words = title.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-" || $0 == "%") })
            .map { $0.lowercased() }
        // "Always page …", "Never deploy …", "Do not …": the action is the verb after the adverb.
        while words.count > 1, Self.leadingAdverbs.contains(words[0]) { words.removeFirst() }
        self.words = words
        // A number (3, 80%, p99, 5xx, 2026-12-01) is a measure, a threshold or a date.
        hasMeasure = title.contains(where: \.isNumber)
    }

    /// Why the title is not an action one can finish, or nil.
    var problem: String? {
        guard let first = words.first else { return nil }
        let second = words.dropFirst().first
        if Self.intentions.contains(first) || (second.map { Self.intentionPhrases.contains("\(first) \($0)") } ?? false) {
            return "is an intention, not an action: say what will exist or be different when it is done"
        }
        if Self.comparatives.contains(first) {
            return hasMeasure ? nil : "compares without a measure: say by how much, to what threshold or by when"
        }
        if Self.improvementVerbs.contains(first) {
            return hasMeasure ? nil : "says '\(first)' without a measure: say to what number or threshold, or what will exist when it is done"
        }
        // "Review of …", "Implementation of …": a noun, whatever its first word could be.
        guard Self.isVerb(first), second != "of" else {
            return "is a noun phrase, not an action: start with what will be done (add, alarm, require, roll back …)"
        }
        // What is left once the verb and words that name nothing (more, better, some …) are set aside.
        let named = words.dropFirst().filter { !Self.empty.contains($0) }
        if named.count < 2 && !hasMeasure {
            return "does not name the thing that changes: say which one, where, or at what threshold"
        }
        return nil
    }

    /// Words before an imperative that do not change what it is.
    static let leadingAdverbs: Set<String> = ["always", "never", "only", "automatically", "also", "do", "don't", "not", "first", "then"]

    /// Verbs that only say something will be looked at.
    static let intentions: Set<String> = [
        "investigate", "consider", "explore", "evaluate", "assess", "discuss", "revisit", "educate", "remind", "study",
        "research", "brainstorm", "analyze", "analyse", "understand", "think", "try", "attempt", "aim", "strive", "endeavour",
        "endeavor", "encourage", "emphasize", "emphasise", "reiterate", "socialize", "socialise",
    ]
    /// Two-word intentions.
    static let intentionPhrases: Set<String> = [
        "look into", "look at", "follow up", "be careful", "be more", "raise awareness", "think about", "work on", "keep an",
        "pay attention", "double check", "dig into",
    ]
    /// Comparatives and quantities that promise more of something.
    static let comparatives: Set<String> = [
        "better", "faster", "easier", "quicker", "safer", "stronger", "clearer", "simpler", "smarter", "greater", "higher",
        "lower", "more", "less", "fewer", "improved", "enhanced", "increased", "reduced", "additional", "extra", "further",
        "enhanced", "streamlined", "optimized", "optimised", "robust", "stricter", "tighter",
    ]
    /// Verbs of improvement, which need a measure to be finished.
    static let improvementVerbs: Set<String> = [
        "improve", "enhance", "optimize", "optimise", "strengthen", "increase", "reduce", "decrease", "minimize", "minimise",
        "maximize", "maximise", "boost", "streamline", "expand", "extend", "harden", "tighten", "speed", "accelerate", "better",
        "bolster", "refine", "mitigate",
    ]
    /// Words that name nothing by themselves.
    static let empty: Set<String> = [
        "a", "an", "the", "more", "better", "some", "any", "additional", "extra", "further", "new", "our", "all", "proper",
        "appropriate", "necessary", "relevant", "various", "other", "and", "or", "of", "to", "for", "in", "on", "with", "its",
        "their", "this", "that", "these", "those", "as", "needed", "required", "possible", "where",
    ]

    /// A verb that starts an action: from a list of the verbs action items use, or by a verb-forming ending.
    static func isVerb(_ word: String) -> Bool {
        // "Rate-limit", "Pre-warm", "Re-run": the verb is the hyphenated word or its first part.
        if verbs.contains(word) || word.split(separator: "-").first.map({ verbs.contains(String($0)) }) == true { return true }
        for ending in ["ize", "ise", "ify", "ate"] where word.count > ending.count + 2 && word.hasSuffix(ending) { return true }
        return false
    }

    static let verbs: Set<String> = [
        "add", "adopt", "alarm", "alert", "allow", "announce", "apply", "archive", "assign", "audit", "automate", "back", "backfill",
        "ban", "block", "build", "bump", "cache", "cap", "capture", "change", "check", "clean", "close", "collect", "configure",
        "convert", "copy", "create", "cut", "decommission", "define", "delete", "deliver", "deploy", "deprecate", "detect", "disable",
        "document", "drain", "drop", "emit", "enable", "encrypt", "enforce", "ensure", "escalate", "establish", "exclude",
        "expose", "fail", "fix", "flag", "freeze", "gate", "give", "grant", "hold", "hide", "implement", "import", "include",
        "index", "inform", "install", "instrument", "introduce", "isolate", "keep", "kill", "label", "launch", "limit", "link", "list",
        "load", "lock", "log", "make", "map", "mark", "measure", "merge", "migrate", "monitor", "move", "mute", "name", "notify",
        "offer", "open", "order", "own", "page", "pause", "pin", "plan", "post", "practice", "practise", "prevent", "print",
        "probe", "protect", "provide", "publish", "pull", "purge", "push", "put", "query", "queue", "raise", "rate", "read",
        "rebuild", "record", "redirect", "refuse", "register", "reject", "release", "remove", "rename", "render", "repair",
        "replace", "replay", "report", "require", "reserve", "reset", "resize", "restore", "restrict", "retire", "retry",
        "return", "review", "revoke", "rewrite", "roll", "rotate", "route", "run", "sample", "scale", "scan", "schedule", "scope",
        "script", "seal", "send", "separate", "serve", "set", "shard", "ship", "show", "shut", "sign", "simulate", "skip", "snapshot",
        "sort", "split", "stage", "start", "stop", "store", "stream", "submit", "subscribe", "supply", "suppress", "switch",
        "sync", "tag", "take", "teach", "test", "throttle", "time", "trace", "track", "train", "transfer", "trigger", "turn",
        "unify", "update", "upgrade", "upload", "use", "version", "wait", "warn", "watch", "write", "verify", "validate",
        "alarm", "cover", "delay", "bound", "fence", "guard", "wrap", "tune", "rerun", "rehearse", "drill", "exercise",
        "pre-warm", "prewarm", "warm", "provision", "reconfigure", "redeploy", "rebalance", "resume", "restart", "hand",
        "give", "define", "publish", "compare", "count", "calculate", "alert", "state", "add", "attach", "pair", "enroll",
        "disallow", "forbid", "deny", "permit", "accept", "handle", "catch", "assert", "lint", "fuzz", "benchmark",
    ]
}
