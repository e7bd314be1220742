import COEFormat

/// A4: action items are specific and measurable.
public struct SpecificActions: Rule {
    public static let description = RuleDescription(
        id: "A4", name: "Specific actions", level: .warning,
        checks: "An item's title is an action one can finish: it starts with a verb, not a noun phrase ('Load testing for X', "
            + "'Emergency access paths', 'Review of X': a verb is known by a list of common ones, by its form (-ize, -ify, -ate, -en) "
            + "or by the object after it, a noun by its form, by 'of' after it, or as a noun such as 'load' or 'change' before "
            + "'-ing' or '-ment'); it names the thing that changes (not 'Add more tests'); it is not an intention to look at "
            + "something (investigate, look into, consider, evaluate, revisit, educate, be careful, raise awareness); a comparison "
            + "('Better alerting', 'Faster rollback', 'Make X more resilient') carries its measure (a number, a threshold or a "
            + "date); an improvement ('Improve monitoring of X', 'Reduce latency') carries its measure or its means ('with …', "
            + "'by …'); and a widening ('Extend X', 'Harden X') names its scope or means ('to …', 'with …').",
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
                title: ↓Load testing for the session store
                description: Run a load test with production traffic against the session store before each release.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: ↓Make the session store more resilient
                description: Survive the loss of one replica.
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
                title: Decouple the session store address from the deployment form
                description: Read the session store address from the service catalogue, not from a field typed at deployment.
                owner: identity team
                priority: high
                due: 2026-03-20
                ticket: IDN-2041
                status: open

                """),
            RuleExample("actions/A1.yaml", """
                title: Harden the session store client with a check of the primary's role
                description: Refuse to start when the configured session store is a read-only replica.
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
        // The titles as text units, split into words once (`TextUnit.words`).
        let titles = Dictionary(context.fieldUnits.filter { $0.part == .actions && $0.field == "title" }.map { ($0.file, $0) },
                                uniquingKeysWith: { first, _ in first })
        return context.document.actions.compactMap { item in
            guard let unit = titles[item.file], let problem = ActionTitle(unit).problem else { return nil }
            return finding(item.file, item.texts["title"]?.position, "'\(item.title)' \(problem)")
        }
    }
}

/// An action item's title, judged by its structure (rule A4): its first word and what follows it.
///
/// Not a grammar: a title is a short imperative ("Add a canary stage that stops rollouts on errors"),
/// so the first word says whether it is an action, an intention or a noun phrase, and the rest says
/// whether it names a thing and carries a measure. A verb is known by a list of common ones, by its form
/// (-ize, -ify, -ate, -en) or by an object after it ("Decouple the client from …"); a noun by its form
/// (-tion, -ment, -ity, -ing, a plural), by "of" or "for" after it, or as one of a few nouns that look like
/// verbs before another noun ("Load testing", "Change management"). A first word nothing marks as a noun is
/// taken as the verb an action title starts with. The word lists are general English, never phrases
/// taken from examples.
struct ActionTitle {
    let words: [String]
    let hasMeasure: Bool

    init(_ unit: TextUnit) {
        // Words as `TextUnit` splits them, lower-cased; words joined by a hyphen are one ("rate-limit", "pre-warm").
        let lower = unit.lowercasedUTF16
        var words: [String] = []
        var previousEnd = -1
        for word in unit.words {
            let text = TextUnit.string(lower[word.start..<(word.start + word.length)])
            if previousEnd >= 0, word.start == previousEnd + 1, unit.utf16[previousEnd] == 0x2D, let last = words.popLast() {
                words.append(last + "-" + text)
            } else {
                words.append(text)
            }
            previousEnd = word.start + word.length
        }
        // "Always page …", "Never deploy …", "Do not …": the action is the verb after the adverb.
        while words.count > 1, Self.leadingAdverbs.contains(words[0]) { words.removeFirst() }
        self.words = words
        // A number (3, 80%, p99, 5xx, 2026-12-01) is a measure, a threshold or a date.
        hasMeasure = unit.utf16.contains { $0 >= 0x30 && $0 <= 0x39 }
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
            return hasMeasure || hasMeans(scope: false) ? nil
                : "says '\(first)' without a measure: say to what number or threshold, or what will exist when it is done"
        }
        if Self.scopeVerbs.contains(first) {
            return hasMeasure || hasMeans(scope: true) ? nil : "says '\(first)' without saying to what or how: name the scope or the means"
        }
        guard isVerb(at: 0) else {
            return "is a noun phrase, not an action: start with what will be done (add, alarm, require, roll back …)"
        }
        // "Make the service more resilient", "Keep alerting faster": a comparison inside the action.
        if !hasMeasure, let comparison = comparison {
            return "compares without a measure ('\(comparison)'): say by how much, to what threshold or by when"
        }
        // What is left once the verb and words that name nothing (more, better, some …) are set aside.
        let named = words.dropFirst().filter { !Self.empty.contains($0) }
        if named.count < 2 && !hasMeasure {
            return "does not name the thing that changes: say which one, where, or at what threshold"
        }
        return nil
    }

    /// A comparative after the verb ("more resilient", "faster"), but not a quantity of a thing ("more tests").
    var comparison: String? {
        for (index, word) in words.enumerated().dropFirst() {
            if Self.comparatives.contains(word), !Self.quantities.contains(word) { return word }
            // "more"/"less" before a word that is no plural noun: "more resilient", "less noisy".
            if word == "more" || word == "less", index + 1 < words.count, !Self.isPlural(words[index + 1]),
               index + 2 == words.count || Self.empty.contains(words[index + 2]) {
                return "\(word) \(words[index + 1])"
            }
        }
        return nil
    }

    /// The means or the scope of an improvement: "with mutual TLS", "by adding a canary stage", "to configuration
    /// rollbacks" (scope verbs only), followed by a word that names something.
    static let means: Set<String> = ["with", "by", "using", "via", "through"]
    static let meansOrScope = means.union(["to", "across", "for", "against", "beyond", "into", "so", "until"])

    func hasMeans(scope: Bool) -> Bool {
        let means = scope ? Self.meansOrScope : Self.means
        for (index, word) in words.enumerated().dropFirst() where means.contains(word) {
            if words[(index + 1)...].contains(where: { !Self.empty.contains($0) && !Self.comparatives.contains($0) }) { return true }
        }
        return false
    }

    static let complements: Set<String> = ["for", "per", "about"]

    /// True when the word at `index` starts an action: a verb by the list, by its form or by what follows it.
    func isVerb(at index: Int) -> Bool {
        let word = words[index]
        let next = index + 1 < words.count ? words[index + 1] : nil
        // "Load testing", "Change management": a noun that looks like a verb, before a noun made from a verb.
        if Self.nounLike.contains(word), let next, next.hasSuffix("ing") || next.hasSuffix("ment") { return false }
        // "Review of …", "Implementation of …": a noun, whatever its first word could be.
        if next == "of" { return false }
        if Self.isKnownVerb(word) { return true }
        // "Runbook for …": a noun before its complement.
        if let next, Self.complements.contains(next) { return false }
        if Self.isNominal(word) || Self.isPlural(word) { return false }
        // "Runbook updates", "Dashboard improvements": two nouns, nothing after.
        if let next, index + 2 == words.count, Self.isPlural(next) || Self.isNominal(next) { return false }
        return true
    }

    /// A verb by the list (or the first part of a hyphenated word: "rate-limit", "re-run") or by a verb-forming ending.
    static let verbEndings = ["ize", "ise", "ify", "ate"]
    static let nominalEndings = ["tion", "sion", "ment", "ness", "ity", "ency", "ancy", "ship", "ism", "ing", "ed", "ive", "ous", "ful"]

    static func isKnownVerb(_ word: String) -> Bool {
        if verbs.contains(word) || word.split(separator: "-").first.map({ verbs.contains(String($0)) }) == true { return true }
        for ending in verbEndings where word.count > ending.count + 2 && word.hasSuffix(ending) { return true }
        // "Harden", "Shorten", "Widen" (not "token").
        if word.count > 5, word.hasSuffix("en"), !word.hasSuffix("een") { return true }
        return false
    }

    /// A noun or an adjective by its ending: "implementation", "management", "capacity", "emergency", "testing", "automated".
    static func isNominal(_ word: String) -> Bool {
        return nominalEndings.contains { word.count > $0.count + 2 && word.hasSuffix($0) }
    }

    /// A plural noun: "paths", "updates" (not "access", "status", "analysis").
    static func isPlural(_ word: String) -> Bool {
        word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is")
    }

    /// Nouns that look like verbs and start noun phrases before another noun: "Load testing", "Change management".
    static let nounLike: Set<String> = [
        "load", "stress", "unit", "integration", "smoke", "chaos", "capacity", "traffic", "health", "error", "rate", "access",
        "change", "release", "incident", "alarm", "alert", "cache", "status", "security", "config", "process", "performance",
        "disaster", "game", "fire", "failover", "rollback", "backup", "canary", "risk", "root", "post", "on-call", "war",
    ]
    /// Comparatives that count things rather than compare them ("more tests", "additional alarms").
    static let quantities: Set<String> = ["more", "less", "fewer", "additional", "extra", "further", "increased", "reduced"]

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
        "streamlined", "optimized", "optimised", "robust", "stricter", "tighter",
    ]
    /// Verbs of improvement, which need a measure, or the means by which it is done, to be finished.
    static let improvementVerbs: Set<String> = [
        "improve", "enhance", "optimize", "optimise", "strengthen", "increase", "reduce", "decrease", "minimize", "minimise",
        "maximize", "maximise", "boost", "streamline", "speed", "accelerate", "better", "bolster", "refine", "mitigate",
    ]
    /// Verbs that widen or harden something, which need its scope or means ("Extend the canary stage to configuration").
    static let scopeVerbs: Set<String> = ["expand", "extend", "harden", "tighten", "broaden", "widen", "deepen"]
    /// Words that name nothing by themselves.
    static let empty: Set<String> = [
        "a", "an", "the", "more", "better", "some", "any", "additional", "extra", "further", "new", "our", "all", "proper",
        "appropriate", "necessary", "relevant", "various", "other", "and", "or", "of", "to", "for", "in", "on", "with", "its",
        "their", "this", "that", "these", "those", "as", "needed", "required", "possible", "where",
    ]

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
