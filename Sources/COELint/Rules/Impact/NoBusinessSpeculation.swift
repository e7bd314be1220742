import COEFormat

/// I5 (speculation): no speculation on customers' business impact.
public struct NoBusinessSpeculation: Rule {
    public static let description = RuleDescription(
        id: "I5.speculation", name: "No speculation on customers' business", level: .warning,
        checks: "The summary and the customer impact do not guess at customers' losses (\"probably lost revenue\", \"may have lost sales\", \"estimated losses of $2M in lost revenue\", \"lost an estimated $2M in sales\", \"cost our customers\").",
        rationale: "\"No speculation on customers' business impact ('they probably lost revenue').\"",
        fix: "State what customers experienced, in numbers; leave their business impact to them.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none, though merchants ↓probably lost revenue.
                Merchants saw ↓estimated losses of 40,000 euros in lost revenue.
                Sellers ↓lost an estimated 2 million dollars in sales.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none, though 12 merchants told support they lost revenue.
                The retry storm lost about 2,300 of 48,000 queued messages (4.8 percent).

                """),
        ])

    static let speculation = Pattern("\\b(?:probably|likely|may have|might have|must have|presumably|surely)\\s+(?:\\w+\\s+){0,2}?(?:lost|losing|cost|hurt|damaged|missed)\\b[^.]{0,40}?\\b(?:revenue|sales|business|money|customers|income|profit)"
        // An estimate of what customers lost, which only they can know: "estimated losses of $2M in lost revenue".
        + "|\\b(?:estimated?|estimates?|projected|potential(?:ly)?|approximately|roughly|up to)\\b[^.]{0,60}?\\b(?:lost|losses?|forgone)\\s+(?:in\\s+)?(?:revenue|sales|business|income|profits?|orders|transactions)"
        + "|\\b(?:estimated|potential|projected)\\s+(?:\\w+\\s+)?(?:losses|loss|revenue loss|business impact|financial impact|financial loss)"
        + "|\\b(?:estimated?|projected|potential(?:ly)?)\\b[^.]{0,40}?\\b(?:in|of)\\s+lost\\s+\\w+"
        + "|\\bcost\\s+(?:our\\s+|the\\s+|its\\s+)?(?:customers|merchants|clients|users)\\b"
        // A guessed amount lost: "merchants lost an estimated $2M in revenue", "lost roughly 40,000 euros of sales".
        + "|\\b(?:lost|losing|forfeited)\\s+(?:an?\\s+)?(?:estimated|projected|approximately|roughly|about|around|up to|nearly|almost|perhaps|possibly)\\b[^.]{0,50}?\\b(?:in|of)\\s+(?:revenue|sales|business|income|profits?)\\b", caseInsensitive: true)

    /// The words the pattern starts with; a text without any of them is not searched.
    /// (The hedges are I2's, one list: `NumbersNotVagueWords.hedgePhrases`.)
    static let openers = WordList(NumbersNotVagueWords.hedgePhrases + ["estimated", "estimate", "estimates", "projected", "potential",
                                                                       "approximately", "roughly", "up to", "cost", "lost", "losing", "forfeited"])

    /// True when a piece of text without a '.' (no match of `speculation` holds one) may hold a match: each of the
    /// pattern's alternatives needs words of two or three kinds (a hedge or an estimate, a loss, what was lost), and
    /// ASCII without one of each cannot match it. Text beyond ASCII is always searched: case-insensitive matching
    /// folds some of it to ASCII letters ("ß" to "ss", "ﬆ" to "st").
    static func mayHoldSpeculation(_ piece: ArraySlice<UInt16>) -> Bool {
        guard let lower = Pattern.asciiLowercased(piece) else { return true }
        func any(_ words: [String]) -> Bool { words.contains { lower.containsBytes($0) } }
        let words = Self.speculationWords
        // "cost" starts an alternative of its own ("cost our customers"); every other one needs a word of loss, which
        // most sentences lack: looked for first, then each alternative's rarest kind of word first. (Testing every
        // kind of every alternative, twenty-odd searches a sentence, cost 122.8 million instructions for the 1,000
        // generated COEs; callgrind, 2026-12-02.)
        if lower.containsBytes("cost") { return true }
        guard any(words.anyLoss) else { return false }
        return (any(words.losses) && any(words.lostThings) && any(words.hedges))
            || (any(words.lostOrForgone) && any(words.lostTrade) && any(words.estimates))
            || (any(words.lossNouns) && any(words.estimated))
            || (lower.containsBytes("lost") && any(words.estimated))
            || (any(words.lostVerbs) && any(words.lostIncome) && any(words.guesses))
    }

    /// The words each alternative of `speculation` needs, one of each kind (`mayHoldSpeculation`), lower-cased.
    static let speculationWords = (
        hedges: ["probably", "likely", "may have", "might have", "must have", "presumably", "surely"],
        losses: ["los", "hurt", "damaged", "missed"],
        lostThings: ["revenue", "sales", "business", "money", "customers", "income", "profit"],
        estimates: ["estimate", "projected", "potential", "approximately", "roughly", "up to"],
        lostOrForgone: ["lost", "loss", "forgone"],
        lostTrade: ["revenue", "sales", "business", "income", "profit", "orders", "transactions"],
        estimated: ["estimate", "projected", "potential"],
        lossNouns: ["loss", "business impact", "financial impact"],
        lostVerbs: ["lost", "losing", "forfeited"],
        guesses: ["estimated", "projected", "approximately", "roughly", "about", "around", "up to", "nearly", "almost", "perhaps", "possibly"],
        lostIncome: ["revenue", "sales", "business", "income", "profit"],
        /// A word of each alternative's loss (losses, lostOrForgone, lossNouns, lostVerbs), one of which all but "cost" need.
        anyLoss: ["los", "hurt", "damaged", "missed", "forgone", "impact", "forfeited"]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        [Part.summary, .impact].flatMap { part -> [Diagnostic] in
            let unit = context.prose(part)
            guard Self.openers.occurs(in: unit) else { return [] }
            return Self.speculation.matches(in: unit, cutAt: 0x2E, where: Self.mayHoldSpeculation).map { finding(unit, at: $0, "speculation on customers' business ('\($0.text)'); state what they experienced") }
        }
    }
}
