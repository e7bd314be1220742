import COEFormat
import Foundation

/// W4: a chain does not stop at human error, a missing procedure, a failed service, high CPU or out of memory.
public struct DeepEnoughLeaf: Rule {
    public static let description = RuleDescription(
        id: "W4", name: "No shallow root causes", level: .error,
        checks: "A leaf's answer does not stop at a person's error: a person (an engineer, an operator, a team, someone, or a "
            + "name as the subject of a slip of the mind: 'Alice forgot') as the subject of an error ('forgot', 'did not notice', "
            + "'did not follow the runbook', 'mistyped', 'fat-fingered', 'made a mistake', 'deployed to the wrong region', 'by "
            + "mistake', 'inadvertently deleted', 'were not trained'), something done wrongly with nobody named ('was entered "
            + "incorrectly', 'was applied to production instead of staging'), or human error named as such ('human error', 'a "
            + "typo', 'an oversight'). A leaf that also says what let the error through, in a clause of reason or consequence whose "
            + "subject is the system ('…, because the editor saves without validation', '…, and the form did not validate it'; not "
            + "a circumstance such as 'while testing'), has gone past it; so has one whose subject is the system ('The health check "
            + "did not notice …', 'was set incorrectly by the template'). Nor does a leaf stop at a missing procedure or runbook, "
            + "\"service X failed\", high CPU or running out of memory. Human error in the middle of a chain is not a finding: the "
            + "next why asks how it was possible.",
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
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓The on-call engineer mistyped the replica's address and did not follow the runbook.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓The change was applied to production instead of staging.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓An operator accidentally triggered a failover of the session store while testing.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: ↓Priya forgot to mark the replica's address as required after the migration.
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
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: An engineer inadvertently deleted the primary's address, because the deployment form saves without validating it.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: The health check did not notice the replica, and its address was set incorrectly by the deployment template.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: Session writes were misrouted to a replica that the deployment template lists as a primary.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: The engineer entered the wrong address, and the deployment form did not validate it.
                    root_cause: true
                    actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why did the deployment point the session store at a read-only replica?
                    because: Terraform replaced the primary's address with the replica's, because the module reads the first address listed.
                    root_cause: true
                    actions: [A1]

                """),
        ])

    /// Shallow answers that are not about a person: a missing procedure, a failed service, high CPU, out of memory.
    static let shallow = Pattern("\\b(?:no|missing|lack of|did not have a|didn't have a)\\s+(?:procedure|runbook|process|checklist)\\b"
        + "|\\b(?:service|server|host|database|system|dependency)\\s+(?:[\\w-]+\\s+)?(?:failed|crashed|went down|was down)\\s*\\.?$"
        + "|\\bhigh cpu\\b|\\bcpu (?:was|ran) (?:high|at 100)|\\bout of memory\\b|\\bran out of memory\\b|\\bOOM\\b", caseInsensitive: true)

    /// Words one of which each of those answers holds; an answer without any is not searched.
    static let stems = ["procedure", "runbook", "process", "checklist", "fail", "crash", "down", "cpu", "memory", "oom"]

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        zip(context.allWhyNodes, context.whyUnits).compactMap { leaf, units -> Diagnostic? in
            guard leaf.then.isEmpty else { return nil }
            let position = leaf.texts["because"]?.position ?? leaf.position
            if let error = HumanError.find(in: units.because) {
                return finding(context.whysFile, position, "the chain stops at a person's error ('\(error)'); ask what let it through")
            }
            let lowered = String(decoding: leaf.because.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
            guard Self.stems.contains(where: lowered.containsBytes), let match = Self.shallow.firstMatch(in: leaf.because) else { return nil }
            return finding(context.whysFile, position, "the chain stops at '\(match.text)'; ask why that was possible")
        }
    }
}

/// Human error in an answer, judged by who or what the error belongs to (rule W4).
///
/// An answer is read as clauses (split at punctuation and at conjunctions such as "because", "and", "which").
/// An error word ("mistyped", "did not notice", "the wrong region", "incorrectly" …) is a person's error when the
/// subject of its clause (the words before its verb) names a person, or, in the passive, when the error was done
/// by a person or by nobody named ("was entered incorrectly": someone entered it). A subject that is the system
/// ("the health check did not notice", "was set incorrectly by the template") is a gap of the system, which is what
/// a root cause should be. An answer that also says, in another clause whose subject is not a person, what let the
/// error through ("because the form saves without validation", "and the form accepted it") has gone past it.
enum HumanError {
    /// How an error word implies a person.
    enum Kind {
        /// Named as a person's error whatever the clause: "human error", "a typo", "an oversight".
        case named
        /// A person's error when its subject is a person, or, in the passive, when nobody else is named as its agent:
        /// "inadvertently", "by mistake", "mistyped", "fat-fingered", "forgot".
        case intended
        /// Like `intended`, but a passive counts only with a verb of something people do by hand ("was entered
        /// incorrectly", not "requests were routed incorrectly").
        case wrongly
        /// A person's error only when its subject is a person ("the engineer did not notice", "the owners were not trained").
        case bySubject
    }

    /// A word that makes a clause or an error belong to a person.
    static let people: Set<String> = [
        "engineer", "engineers", "operator", "operators", "developer", "developers", "technician", "technicians", "administrator",
        "administrators", "admin", "admins", "sre", "sres", "someone", "somebody", "anyone", "person", "people", "staff",
        "employee", "employees", "contractor", "contractors", "human", "humans", "responder", "responders", "reviewer", "reviewers",
        "author", "authors", "owner", "owners", "team", "teams", "member", "members", "user", "users", "analyst", "analysts",
        "manager", "managers", "lead", "leads", "he", "she", "they", "i", "we", "you", "individual", "individuals", "oncall",
        "specialist", "specialists", "tester", "testers", "approver", "approvers", "maintainer", "maintainers", "dba", "dbas",
        "requester", "requesters", "commander", "colleague", "colleagues", "support",
    ]
    /// Adverbs and phrases of a mistake, and their kind.
    static let adverbs: [String: Kind] = [
        "mistakenly": .intended, "accidentally": .intended, "inadvertently": .intended, "unintentionally": .intended,
        "unknowingly": .intended, "carelessly": .intended, "incorrectly": .wrongly, "wrongly": .wrongly, "improperly": .wrongly,
        "erroneously": .wrongly,
    ]
    /// Verbs of things people do by hand (past participles): a passive with one of them and an error word, and no
    /// agent, was done by someone.
    static let manualVerbs: Set<String> = [
        "entered", "typed", "keyed", "configured", "set", "executed", "run", "ran", "applied", "deployed", "performed", "done",
        "specified", "edited", "changed", "selected", "copied", "pasted", "issued", "chosen", "picked", "deleted", "removed",
        "updated", "named", "labelled", "labeled", "clicked", "merged", "approved", "pushed", "released", "installed", "written",
        "filled", "added", "created", "made", "used", "started", "stopped", "restarted", "rolled", "scaled", "sent", "given",
    ]
    /// Verbs a person fails at when negated: "did not notice", "failed to check".
    static let negatedVerbs: Set<String> = [
        "notice", "realise", "realize", "check", "double", "verify", "follow", "read", "see", "test", "review", "confirm",
        "validate", "escalate", "pay", "recognise", "recognize", "remember", "consult", "heed",
    ]
    /// Verbs of forgetting and missing, judged by their subject; the first three imply a person in the passive too.
    static let lapses: [String: Kind] = [
        "forgot": .intended, "forgotten": .intended, "overlooked": .intended, "neglected": .intended, "ignored": .bySubject,
        "skipped": .bySubject, "missed": .bySubject, "misjudged": .intended, "misread": .intended, "mistook": .intended,
        "misunderstood": .intended, "untrained": .bySubject,
    ]
    /// Words that start a clause.
    static let conjunctions: Set<String> = [
        "because", "since", "so", "and", "but", "which", "who", "when", "while", "as", "after", "before", "although", "though",
        "whereas", "where", "if", "until", "or", "then", "that",
    ]
    /// Words that start a phrase that is no subject ("under pressure", "during the rollback").
    static let prepositions: Set<String> = ["under", "in", "at", "on", "during", "with", "after", "before", "despite", "for", "without",
                                            "from", "through", "by", "of", "to", "late", "early", "again", "then", "also", "later"]
    /// Words that start an object after a verb.
    static let objectStarts: Set<String> = ["a", "an", "the", "it", "them", "its", "their", "this", "that", "these", "those", "all",
                                            "every", "each", "some", "any", "one", "both"]
    /// Forms of "be" that make a passive.
    static let beForms: Set<String> = ["was", "were", "been", "being", "be", "is", "are", "got", "gotten", "get", "gets"]
    /// Words that end a clause's subject: auxiliaries and the negation.
    static let auxiliaries: Set<String> = [
        "did", "does", "do", "didn't", "doesn't", "don't", "had", "has", "have", "hadn't", "hasn't", "could", "would", "can",
        "will", "should", "might", "may", "must", "couldn't", "wouldn't", "cannot", "can't", "failed", "not", "never", "wasn't",
        "weren't", "isn't", "aren't",
    ]
    /// Words whose presence in the text makes the judgement worth making (most answers have none).
    static let cues: Set<UInt64> = Set((Array(adverbs.keys) + Array(lapses.keys) + [
        "mistake", "mistakes", "error", "errors", "typo", "typos", "oversight", "wrong", "instead", "fat", "trained", "training",
        "notice", "realise", "realize", "check", "verify", "follow", "accident", "carelessness", "negligence", "inattention", "double",
        "validate", "confirm", "escalate", "pay", "remember", "consult", "review", "test", "see", "read",
        "recognise", "recognize", "heed",
    ]).map { WordList.hash(Array($0.utf16)[...]) })

    /// The error words of a person's error in `unit`, or nil.
    static func find(in unit: TextUnit) -> String? {
        let hashes = unit.wordHashes
        let lower = unit.lowercasedUTF16
        // Cheap first: a cue word, or a word that starts with "mis".
        guard unit.words.indices.contains(where: { index in
            let word = unit.words[index]
            return cues.contains(hashes[index].lowerBare)
                || (word.length >= 7 && lower[word.start] == 0x6D && lower[word.start + 1] == 0x69 && lower[word.start + 2] == 0x73)
        }) else { return nil }
        let sentence = Sentence(unit)
        for error in sentence.errors() where sentence.isPersons(error) && !sentence.explainsAway(error) {
            return sentence.text(error.range)
        }
        return nil
    }

    /// An error word or phrase found in an answer: which words, and of what kind.
    struct ErrorWords {
        let range: Range<Int>
        let kind: Kind
        /// The word that names what was done (for a passive's verb), when it is not in `range`.
        let verb: Int?
    }

    /// An answer as words, lower-cased, and the clauses they make.
    struct Sentence {
        let words: [String]
        /// The index of the first word of each word's clause.
        let clauseStart: [Int]
        let original: [String]

        init(_ unit: TextUnit) {
            let utf16 = unit.utf16, lower = unit.lowercasedUTF16
            let list = unit.words
            original = list.map { unit.text(of: $0) }
            words = list.map { TextUnit.string(lower[$0.start..<($0.start + $0.bareLength)]) }
            var starts: [Int] = []
            var start = 0
            for (index, word) in list.enumerated() {
                if index > 0 {
                    let previous = list[index - 1]
                    let gap = utf16[(previous.start + previous.length)..<word.start]
                    // Punctuation between words ends a clause (a hyphen joins words: "fat-fingered", "on-call").
                    if gap.contains(where: { [0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x2E, 0x2014, 0x2013].contains($0) }) { start = index }
                }
                if index > 0, conjunctions.contains(words[index]) { start = index }
                starts.append(start)
            }
            clauseStart = starts
        }

        func text(_ range: Range<Int>) -> String { original[range].joined(separator: " ") }

        /// Every error word or phrase, in order.
        func errors() -> [ErrorWords] {
            var found: [ErrorWords] = []
            var index = 0
            func word(_ i: Int) -> String { i >= 0 && i < words.count ? words[i] : "" }
            while index < words.count {
                let current = words[index]
                var hit: ErrorWords?
                if let kind = adverbs[current] {
                    // The verb next to the adverb: "entered incorrectly", "incorrectly entered".
                    let verb = [index - 1, index + 1].first { $0 >= 0 && $0 < words.count && (isParticiple(words[$0]) || manualVerbs.contains(words[$0])) }
                    hit = ErrorWords(range: index..<(index + 1), kind: kind, verb: verb)
                } else if current == "human" || current == "operator" || current == "user", ["error", "mistake", "errors", "mistakes"].contains(word(index + 1)) {
                    hit = ErrorWords(range: index..<(index + 2), kind: .named, verb: nil)
                } else if ["typo", "typos", "oversight", "carelessness", "negligence", "inattention"].contains(current) {
                    hit = ErrorWords(range: index..<(index + 1), kind: .named, verb: nil)
                } else if current == "training", ["of", "insufficient", "inadequate", "no", "without"].contains(word(index - 1)) {
                    hit = ErrorWords(range: (index - 1)..<(index + 1), kind: .named, verb: nil)
                } else if current == "by" || current == "in", ["mistake", "accident", "error"].contains(word(index + 1)),
                          !(current == "in" && word(index + 1) != "error") {
                    hit = ErrorWords(range: index..<(index + 2), kind: .intended, verb: nil)
                } else if current == "made" || current == "make" || current == "makes", ["a", "an", "the"].contains(word(index + 1)),
                          ["mistake", "error"].contains(word(index + 2)) {
                    hit = ErrorWords(range: index..<(index + 3), kind: .bySubject, verb: nil)
                } else if current == "fat", word(index + 1).hasPrefix("finger") {
                    hit = ErrorWords(range: index..<(index + 2), kind: .intended, verb: nil)
                } else if let kind = lapses[current] {
                    hit = ErrorWords(range: index..<(index + 1), kind: kind, verb: nil)
                } else if Self.isMisVerb(current) {
                    // "was misconfigured" was done by someone; "was misrouted" by the system: as "incorrectly" with its verb.
                    hit = ErrorWords(range: index..<(index + 1), kind: .wrongly, verb: index)
                } else if current == "wrong" || (current == "instead" && word(index + 1) == "of") {
                    hit = ErrorWords(range: index..<(index + (current == "wrong" ? 1 : 2)), kind: .wrongly, verb: nil)
                } else if current == "trained", word(index - 1) == "not" || (word(index - 1) == "been" && word(index - 2) == "not") {
                    hit = ErrorWords(range: (index - 1)..<(index + 1), kind: .bySubject, verb: nil)
                } else if ["not", "didn't", "never", "to"].contains(current), negatedVerbs.contains(word(index + 1)),
                          current != "to" || ["failed", "forgot", "neglected"].contains(word(index - 1)) {
                    // "did not notice", "never checked"'s base form, "failed to follow".
                    let negated = current == "not" ? ["did", "does", "do"].contains(word(index - 1)) : true
                    if negated { hit = ErrorWords(range: index..<(index + 2), kind: .bySubject, verb: nil) }
                }
                if let hit {
                    found.append(hit)
                    index = hit.range.upperBound
                } else {
                    index += 1
                }
            }
            return found
        }

        /// "mistyped", "misconfigured", "misread": a verb of a mistake made by its prefix (not "missed", "mismatched", "missing").
        static func isMisVerb(_ word: String) -> Bool {
            guard word.hasPrefix("mis"), word.count >= 8, word.hasSuffix("ed"), !word.hasPrefix("miss"), !word.hasPrefix("mismatch") else { return false }
            return true
        }

        /// A past participle by its ending, or one of the manual verbs (set, run, done …).
        func isParticiple(_ word: String) -> Bool { (word.count > 4 && word.hasSuffix("ed")) || manualVerbs.contains(word) }

        /// True when the error belongs to a person.
        func isPersons(_ error: ErrorWords) -> Bool {
            if error.kind == .named { return true }
            let start = clauseStart[error.range.lowerBound]
            // The passive: a form of "be" before the error (in its clause), with a participle.
            let before = start..<error.range.lowerBound
            if let be = before.last(where: { HumanError.beForms.contains(words[$0]) }), error.kind != .bySubject {
                // Its agent: "by" and what follows, in the clause ("by mistake" is no agent).
                let clauseEnd = (error.range.upperBound..<words.count).first { clauseStart[$0] != start } ?? words.count
                if let by = ((be + 1)..<clauseEnd).first(where: { words[$0] == "by" && !["mistake", "accident"].contains(words[min($0 + 1, words.count - 1)]) }) {
                    return words[(by + 1)..<min(clauseEnd, by + 5)].contains(where: Self.isPerson)
                }
                switch error.kind {
                case .intended: return true
                case .wrongly:
                    // "was entered incorrectly", "was applied to production instead of staging": done by hand, by someone.
                    let verbs = ((be + 1)..<min(words.count, error.range.upperBound + 1)).map { words[$0] }
                        + (error.verb.map { [words[$0], String(words[$0].dropFirst(3))] } ?? [])
                    return verbs.contains(where: manualVerbs.contains)
                default: return false
                }
            }
            // A slip of the mind ("forgot", "mistyped", "by mistake") whose subject is a name ("Alice forgot …") is a
            // person's: systems are not said to forget or mistype.
            let ofMind = error.range.contains { Self.slipsOfMind.contains(words[$0]) || Self.isMisVerb(words[$0]) }
            return subjectIsPerson(clauseAt: error.range.lowerBound, orName: ofMind)
        }

        /// True when the subject of the clause holding word `index` names a person: the words from the clause's start
        /// to its first verb; a clause without one (", who forgot") takes the subject of the clause before it.
        func subjectIsPerson(clauseAt index: Int, orName: Bool = false) -> Bool {
            var start = clauseStart[index]
            while true {
                let subject = subjectWords(from: start, upTo: index)
                // "The engineer, under pressure, mistyped …": a phrase that starts with a preposition is no subject.
                if let first = subject.first, !prepositions.contains(first) {
                    let from = conjunctions.contains(words[start]) && start < index ? start + 1 : start
                    return subject.contains(where: Self.isPerson) || (orName && isName(from..<(from + subject.count)))
                }
                guard start > 0 else { return false }
                start = clauseStart[start - 1]
            }
        }

        /// The words of a clause before its verb (an auxiliary, a form of "be", a participle or an error word).
        func subjectWords(from start: Int, upTo limit: Int) -> [String] {
            var result: [String] = []
            var index = start
            if index < words.count, conjunctions.contains(words[index]) { index += 1 }
            while index < limit && index < words.count {
                let word = words[index]
                // A participle ends the subject; first in a clause only before its object ("and removed a larger set"),
                // not before a noun it describes ("automated tests").
                let participle = word.count > 4 && word.hasSuffix("ed")
                    && (!result.isEmpty || (index + 1 < words.count && objectStarts.contains(words[index + 1])))
                if auxiliaries.contains(word) || beForms.contains(word) || adverbs[word] != nil || lapses[word] != nil || Self.isMisVerb(word)
                    || participle { break }
                result.append(word)
                index += 1
            }
            return result
        }

        static func isPerson(_ word: String) -> Bool { people.contains(word) }

        /// Words of a slip only a mind makes ("forgot", "did not notice", "made a mistake"; and "mistyped" by its
        /// prefix): with a name as their subject, the name is a person's.
        static let slipsOfMind: Set<String> = [
            "forgot", "forgotten", "overlooked", "neglected", "misjudged", "misread", "mistook", "misunderstood", "notice", "realise",
            "realize", "remember", "recognise", "recognize", "mistake",
        ]

        /// Words that start a subject with a capital and are no name.
        static let determiners: Set<String> = [
            "the", "a", "an", "this", "that", "these", "those", "it", "its", "our", "their", "his", "her", "my", "your", "some", "each",
            "every", "one", "no", "another", "nobody", "nothing", "there",
        ]

        /// True when `range` is a person's name as written, or names joined by "and": words that are each a capital
        /// followed by lower-case letters ("Alice", "Jordan Rivera", "Sam and Lee"), none a determiner or pronoun.
        func isName(_ range: Range<Int>) -> Bool {
            guard (1...5).contains(range.count), range.upperBound <= original.count, words[range.lowerBound] != "and",
                  words[range.upperBound - 1] != "and" else { return false }
            return range.allSatisfy { index in
                if words[index] == "and" { return true }
                let scalars = Array(original[index].unicodeScalars)
                guard scalars.count >= 2, scalars.count == words[index].unicodeScalars.count, !Self.determiners.contains(words[index]) else { return false }
                return scalars[0].properties.isUppercase && scalars.dropFirst().allSatisfy { $0.properties.isLowercase }
            }
        }

        /// True when another clause says what let the error through: its subject is not a person ("because the form
        /// saves without validation", "and the editor accepted it", "because of a missing check"), and it is no error itself.
        func explainsAway(_ error: ErrorWords) -> Bool {
            let own = clauseStart[error.range.lowerBound]
            let others = Set(clauseStart).subtracting([own]).sorted()
            // A clause with a person's error of its own explains nothing ("and forgot to check"); one where the system
            // fails does ("and the tool did not validate it").
            let errorStarts = Set(errors().filter(isPersons).map { clauseStart[$0.range.lowerBound] })
            for start in others where !errorStarts.contains(start) {
                // A reason or a consequence of the system ("because …", "and the form accepted it", "which …"), not a
                // circumstance ("while testing", "when the alarm was created").
                guard ["because", "since", "as", "and", "but", "which", "so", "where"].contains(words[start]) else { continue }
                let end = (start..<words.count).first { clauseStart[$0] != start } ?? words.count
                let subject = subjectWords(from: start, upTo: end)
                // "and deployed it": no subject of its own, the same person goes on; "as required": no verb, no clause.
                guard !subject.isEmpty, end - start > 2 else { continue }
                let clause = words[start..<end]
                // "because no team reviews alarms": what is missing is the system's gap, whoever it names.
                let absent = clause.contains { ["no", "nothing", "without", "lacks", "lacked", "missing"].contains($0) }
                if absent || !subject.contains(where: Self.isPerson) { return true }
            }
            return false
        }
    }
}
