import COEFormat

/// W3: each why asks about the previous answer.
public struct WhyFollowsAnswer: Rule {
    public static let description = RuleDescription(
        id: "W3", name: "Why follows the answer", level: .warning,
        checks: "Each why shares at least one content word (four letters or more, compared by stem: limit, limits, limited) with the answer it follows or with the question above it (a branch may ask about that question's other side), or refers to that answer by a pronoun as its subject or its last word ('Why did this happen?', 'Why was it not caught?', 'Why was nobody paged for this?'); a pronoun elsewhere ('Why did the team take so long?') is no reference.",
        rationale: "\"Each why asks about the previous answer.\" A why that shares nothing with the answer before it has usually jumped to another question.",
        fix: "Ask about the answer just given, in its own words.",
        triggering: [
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: The sign-in service could not write new sessions to its session store.
                    then:
                      - ↓why: Why was nobody paged sooner?
                        because: The alarm waits for 3 one-minute periods above its threshold.
                        root_cause: true
                        actions: [A1]

                """),
            RuleExample("whys.yaml", """
                happened:
                  - why: Why could customers not sign in?
                    because: The sign-in service could not write new sessions to its session store.
                    then:
                      - ↓why: Why did the team take so long to react?
                        because: The alarm waits for 3 one-minute periods above its threshold.
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
                      - why: Why was the session store read-only?
                        because: A deployment pointed it at a read-only replica.
                        then:
                          - why: Why did this go unnoticed by the deployment pipeline?
                            because: No check compares the session store address with the production primary.
                            root_cause: true
                            actions: [A1]

                """),
        ])

    static let stopWords: Set<String> = ["that", "this", "with", "from", "were", "was", "have", "been", "what", "when", "which", "there",
                                         "their", "they", "does", "did", "into", "only", "than", "then", "also", "some", "each", "every",
                                         "because", "could", "would", "should", "after", "before", "about", "over", "under", "more", "less"]

    public init() {}

    /// A why that refers to the answer before it by a pronoun: as the subject of the question ("Why did this
    /// happen?", "Why was it not caught?", "How could that go unnoticed?") or as its last word ("Why was nobody paged
    /// for this?"); a question of one or two words ("Why?", "Why so?") too. A pronoun or "so" elsewhere ("Why did the
    /// team take so long to react?") does not stand for the answer.
    static func pointsBack(_ unit: TextUnit) -> Bool {
        let lower = unit.lowercasedUTF16
        let words = unit.words.map { lower[$0.start..<($0.start + $0.length)] }
        guard words.count > 2 else { return true }
        func isPronoun(_ word: ArraySlice<UInt16>) -> Bool { pronounHashes.contains(WordList.hash(word)) }
        var index = 1
        if index < words.count, auxiliaryHashes.contains(WordList.hash(words[index])) { index += 1 }
        if index < words.count, WordList.hash(words[index]) == notHash { index += 1 }
        return (index < words.count && isPronoun(words[index])) || isPronoun(words[words.count - 1])
    }

    static let pronounHashes: Set<UInt64> = Set(["this", "that", "it", "these", "those", "they", "them"].map { WordList.hash(Array($0.utf16)[...]) })
    static let auxiliaryHashes: Set<UInt64> = Set(["did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "could", "can",
                                                   "would", "will", "should", "might", "may", "didn't", "doesn't", "wasn't", "weren't",
                                                   "isn't", "hasn't", "hadn't", "couldn't", "wouldn't", "can't"].map { WordList.hash(Array($0.utf16)[...]) })
    static let notHash = WordList.hash(Array("not".utf16)[...])

    static let stopHashes: Set<UInt64> = Set(stopWords.map { WordList.hash(Array($0.utf16)[...]) })
    /// A bit per stop word's hash (mod 4096): a word whose bit is clear is no stop word, without hashing its hash again
    /// for the set. With that, and `stem` comparing its last two units rather than making an array for each word,
    /// `contentWords` went from 45.4 to 39.8 million instructions for 100 generated COEs, the split into words included
    /// (callgrind, 2026-12-02).
    static let stopBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 64)
        for hash in stopHashes { bits[Int(hash & 4095) >> 6] |= 1 << (hash & 63) }
        return bits
    }()

    /// True when `hash` is a stop word's.
    @inline(__always) static func isStopWord(_ hash: UInt64) -> Bool {
        stopBits[Int(hash & 4095) >> 6] & (1 << (hash & 63)) != 0 && stopHashes.contains(hash)
    }

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // Content words of every why and answer, in the order of `allWhyNodes` (a depth-first walk).
        let words = context.whyContentWords
        var index = 0
        func visit(_ node: WhyNode) {
            // A set: a why and its answer of 30,000 words each, compared word by word, took 6.5 s (issue 13).
            let asked = node.then.isEmpty ? [] : Set(words[index].1).union(words[index].0)
            index += 1
            for child in node.then {
                let childWords = words[index].0
                // "Why did this happen?", "Why did that take 39 minutes?": a why that names the answer by a
                // pronoun asks about it.
                if !childWords.contains(where: asked.contains), !Self.pointsBack(context.whyUnits[index].why) {
                    findings.append(finding(context.whysFile, child.position, "this why shares no word with the answer before it ('\(node.because)'); ask about that answer"))
                }
                visit(child)
            }
        }
        for (_, _, roots) in context.document.whys.questions { roots.forEach(visit) }
        return findings
    }

    /// Hashes of the stems of a text's words of four letters or more, stop words left out (no strings made).
    ///
    /// A word of ASCII letters and digits (nearly every word) is looked up by the lower-cased hash the text unit
    /// made when it split its words, and stemmed in place; only a word with an apostrophe or beyond ASCII is read
    /// from a lower-cased copy of the text. (Each word hashed again from that copy, the why chains of the 1,000
    /// generated COEs cost 443 million instructions here; callgrind, 2026-12-02.)
    static func contentWords(_ unit: TextUnit) -> [UInt64] {
        let (words, hashes) = unit.wordsAndHashes
        let utf16 = unit.utf16
        var lowered: [UInt16]?
        var result: [UInt64] = []
        result.reserveCapacity(words.count)
        for (number, word) in words.enumerated() {
            let end = word.start + word.bareLength
            let plain = utf16[word.start..<end].allSatisfy { $0 < 0x80 && $0 != 0x27 }
            if plain {
                guard word.bareLength >= 4, !isStopWord(hashes[number].lowerBare) else { continue }
                let kept = stemLength(utf16, from: word.start, to: end)
                if kept == word.bareLength {
                    result.append(hashes[number].lowerBare)
                } else {
                    var hash = WordList.hashStart
                    for index in word.start..<(word.start + kept) { hash = WordList.hash(hash, utf16[index] | 0x20) }
                    result.append(hash)
                }
                continue
            }
            // Split at inner apostrophes ("library's" → "library").
            if lowered == nil { lowered = unit.lowercasedUTF16 }
            let units = lowered!
            var start = word.start
            var index = start
            while index <= end {
                if index == end || units[index] == 0x27 || units[index] == 0x2019 {
                    let piece = units[start..<index]
                    if piece.count >= 4, !isStopWord(WordList.hash(piece)) { result.append(WordList.hash(stem(piece))) }
                    start = index + 1
                }
                index += 1
            }
        }
        return result
    }

    /// How much of the ASCII word `units[from..<to]` (letters and digits, either case) `stem` keeps.
    static func stemLength(_ units: [UInt16], from: Int, to: Int) -> Int {
        let count = to - from
        // "ss" is no plural: nothing is cut from a word ending in it.
        if count >= 2, units[to - 1] | 0x20 == 0x73, units[to - 2] | 0x20 == 0x73 { return count }
        for suffix in stemSuffixes where count - suffix.count >= 4 {
            var matches = true
            for (offset, letter) in suffix.enumerated() where units[to - suffix.count + offset] | 0x20 != letter {
                matches = false
                break
            }
            if matches { return count - suffix.count }
        }
        return count
    }

    /// A crude stem, enough to match "limit", "limits", "limited" and "limiting".
    static func stem(_ word: ArraySlice<UInt16>) -> ArraySlice<UInt16> {
        for suffix in stemSuffixes
        where word.count - suffix.count >= 4 && word.suffix(suffix.count).elementsEqual(suffix)
            && !(word[word.endIndex - 1] == 0x73 && word[word.endIndex - 2] == 0x73) {
            return word.dropLast(suffix.count)
        }
        return word
    }

    /// The suffixes `stem` takes off, in order: "ing", "ed", "es", "s" (made once, not for every word).
    static let stemSuffixes: [[UInt16]] = [[0x69, 0x6E, 0x67], [0x65, 0x64], [0x65, 0x73], [0x73]]
}
