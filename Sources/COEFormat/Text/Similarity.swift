import Foundation

/// How alike two texts of COEs are: the one measure `coe related` ranks with and lint rule S5 (a root
/// cause seen before) flags with (docs/search.md, "Similarity").
///
/// A text becomes terms: words of letters and digits, lower-cased, without English stop-words and words
/// of one character, each cut to a light stem (`Terms.stem`: "throttled", "throttling" and "throttle" are
/// one term). Terms are weighted by TF-IDF over the texts compared together (a term in every COE counts for
/// little, a rare one for much), and two texts' likeness is the cosine of their weight vectors, 0 to 1.
public enum Terms {
    /// The terms of `text`, in order, repeats kept.
    public static func of(_ text: String) -> [String] {
        // Most text is ASCII: words of bytes, lower-cased and stemmed as bytes.
        if let ascii = asciiTerms(text.utf8) { return ascii }
        var terms: [String] = []
        var word = ""
        func flush() {
            defer { word = "" }
            // One character is no term: this also drops the "s" of a possessive ("service's").
            guard word.count > 1, !stopWords.contains(word) else { return }
            let stemmed = stem(word)
            if !stopWords.contains(stemmed) { terms.append(stemmed) }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// The terms of ASCII text, nil when it is not all ASCII. A word is cut to its stem in place (a stem is a
    /// prefix of its word) and checked against the stop-words as a number (`stopWordKeys`): one string is made per
    /// term kept, none per word. Building a string for each word and its stem, and hashing both as strings, made
    /// this two thirds of W7's corpus (the terms of every root cause of 1,000 COEs; perf, 2026-12-02).
    private static func asciiTerms(_ bytes: some Collection<UInt8>) -> [String]? {
        var terms: [String] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.count > 1 else { return }
            word.withUnsafeBufferPointer { word in
                guard !isStopWord(word) else { return }
                let stem = UnsafeBufferPointer(rebasing: word[..<stemLength(word)])
                if !isStopWord(stem) { terms.append(String(decoding: stem, as: UTF8.self)) }
            }
        }
        for byte in bytes {
            if byte >= 0x80 { return nil }
            switch byte {
            case 0x41...0x5A: word.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39: word.append(byte)
            default: flush()
            }
        }
        flush()
        return terms
    }

    /// A lower-case ASCII word of eight bytes at most as a number (its bytes, first in the lowest): no two such
    /// words share one, as no byte of a word is 0.
    private static func key(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard word.count <= 8 else { return nil }
        var key: UInt64 = 0
        for (offset, byte) in word.enumerated() { key |= UInt64(byte) << (8 * offset) }
        return key
    }

    /// `stopWords` as `key`s (every stop-word is ASCII and eight bytes at most).
    private static let stopWordKeys: Set<UInt64> = Set(stopWords.map { word in
        Array(word.utf8).withUnsafeBufferPointer { key($0)! }
    })

    private static func isStopWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let key = key(word) else { return false }
        return stopWordKeys.contains(key)
    }

    /// The stems as people wrote them: for each, the first word of `texts` that has it (`configur` →
    /// `configuration`), so that a reason names words, not stems.
    ///
    /// ASCII text is read as bytes, and a word is made a string only when its stem is one asked for and not yet
    /// found; the reading stops once every stem is found. (A string and a dictionary entry for the stem of every
    /// word were 4.4 % of the instructions of `coe lint --no-cache` of the 1,000 generated COEs, W7 on: 526 of
    /// 12,061 million; callgrind, 2026-12-02.)
    public static func words(for stems: [String], in texts: [String]) -> [String] {
        // The stems asked for, each once (a reason names a dozen at most: a list, not a hash table), as bytes, and the
        // word found for each.
        var wanted: [(stem: String, bytes: [UInt8])] = []
        for stem in stems where !wanted.contains(where: { $0.stem == stem }) { wanted.append((stem, Array(stem.utf8))) }
        var found = [String?](repeating: nil, count: wanted.count)
        var missing = wanted.count
        for text in texts {
            guard missing > 0 else { break }
            // ASCII text as bytes, as `asciiTerms` reads it (letters and digits, lower-cased, stemmed as bytes): the
            // same words, without a string made for each scalar (this cost a quarter of a warm `coe lint`, in W7).
            if text.isASCIIBytes {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(32)
                func noteBytes() {
                    defer { bytes.removeAll(keepingCapacity: true) }
                    guard bytes.count > 1 else { return }
                    let length = bytes.withUnsafeBufferPointer { stemLength($0) }
                    for index in wanted.indices where found[index] == nil && wanted[index].bytes.count == length
                        && wanted[index].bytes.elementsEqual(bytes[..<length]) {
                        found[index] = String(decoding: bytes, as: UTF8.self)
                        missing -= 1
                        return
                    }
                }
                for byte in text.utf8 {
                    switch byte {
                    case 0x41...0x5A: bytes.append(byte + 0x20)
                    case 0x61...0x7A, 0x30...0x39: bytes.append(byte)
                    default: noteBytes()
                    }
                    if missing == 0 { break }
                }
                noteBytes()
                continue
            }
            var word = ""
            func note() {
                defer { word = "" }
                guard word.count > 1 else { return }
                let stemmed = stem(word)
                if let index = wanted.firstIndex(where: { $0.stem == stemmed }), found[index] == nil {
                    found[index] = word
                    missing -= 1
                }
            }
            for scalar in text.unicodeScalars {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    word.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else {
                    note()
                }
            }
            note()
        }
        return stems.map { stem in wanted.firstIndex { $0.stem == stem }.flatMap { found[$0] } ?? stem }
    }

    /// Suffixes cut from a word, longest first; a cut must leave four letters (three for a plural "s").
    static let suffixes = ["ations", "ation", "ments", "ment", "ings", "ions", "ies", "ing", "ion", "ers", "al", "ed", "er", "es", "ly", "s", "e", "y"]

    /// A light stem: up to two suffixes cut (`deployments` → `deploy` → `deplo`), then a doubled final
    /// consonant undoubled (`logging` → `logg` → `log`, `throttl`). Not a language's grammar: only so that
    /// the forms of one word meet (`rotation`, `rotated`, `rotate` → `rotat`; `logs`, `logged` → `log`).
    public static func stem(_ word: String) -> String {
        guard word.unicodeScalars.allSatisfy(\.isASCII) else { return word }
        return String(decoding: stemBytes(Array(word.utf8)), as: UTF8.self)
    }

    private static let suffixBytes: [[UInt8]] = suffixes.map { Array($0.utf8) }

    /// `stem` of an ASCII word, as bytes.
    static func stemBytes(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { Array($0[..<stemLength($0)]) }
    }

    /// How much of an ASCII word its stem keeps: the stem is always a prefix of the word (suffixes cut, a final
    /// consonant undoubled).
    static func stemLength(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var count = word.count
        guard count > 3, !word.allSatisfy({ (0x30...0x39).contains($0) }) else { return count }
        func ends(_ suffix: [UInt8]) -> Bool {
            guard count >= suffix.count else { return false }
            var position = count - suffix.count
            for byte in suffix {
                guard word[position] == byte else { return false }
                position += 1
            }
            return true
        }
        for _ in 0..<2 {
            var cut = 0
            for suffix in suffixBytes where ends(suffix) {
                if suffix == [0x73] {   // "s": not "ss", "us", "is"
                    let before = word[count - 2]
                    guard count >= 4, before != 0x73, before != 0x75, before != 0x69 else { continue }
                } else {
                    guard count - suffix.count >= 4 else { continue }
                }
                cut = suffix.count
                break
            }
            guard cut > 0 else { break }
            count -= cut
        }
        if count >= 4 {
            let last = word[count - 1], previous = word[count - 2]
            if last == previous, !undoubled.contains(last) { count -= 1 }
        }
        return count
    }

    /// Letters a stem keeps doubled.
    private static let undoubled = Array("aeiouls".utf8)

    /// English words that carry no subject, and "why" (every question of the five whys asks it).
    public static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
        "hers", "him", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more",
        "most", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out",
        "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would", "you",
        "your", "yet", "via", "per", "still", "since", "upon", "onto", "whose", "every", "many", "much", "never", "always",
    ]
}

/// Term weights over a set of texts compared together: inverse document frequency, smoothed.
public struct TermWeights: Sendable {
    private let frequency: [String: Int]
    private let count: Int

    /// The weights of the terms of `documents` (each a text's terms).
    public init(_ documents: [[String]]) {
        var frequency: [String: Int] = [:]
        for document in documents {
            for term in Set(document) { frequency[term, default: 0] += 1 }
        }
        self.frequency = frequency
        count = documents.count
    }

    /// Weights from the number of texts holding each term, over `count` texts.
    init(frequency: [String: Int], count: Int) {
        self.frequency = frequency
        self.count = count
    }

    /// A term's weight: log((N + 1) / (df + 1)) + 1, so a term in every text still counts a little.
    public func idf(_ term: String) -> Double {
        log(Double(count + 1) / Double((frequency[term] ?? 0) + 1)) + 1
    }

    /// The unit vector of `terms`: (1 + log tf) × idf, scaled to length 1.
    public func vector(_ terms: [String]) -> TermVector {
        vector(counts: TermCounts(terms))
    }

    /// The unit vector of terms counted: (1 + log tf) × idf, scaled to length 1, in the terms' order, never a
    /// dictionary's: a dictionary's order changes from one process to the next, and sums of the same weights in
    /// another order differ in their last bits, which decided between two equally alike COEs (W7 named one or
    /// the other from run to run).
    public func vector(counts: TermCounts) -> TermVector {
        TermVector(Self.unit(counts.terms) { idf($0) })
    }

    /// Terms counted, in their order, as the unit vector of their weights ((1 + log tf) × idf, scaled to length 1),
    /// summed in that order: the one formula, for terms as strings or as numbers (`RepeatCorpus`).
    static func unit<Term>(_ counted: [(term: Term, count: Int)], idf: (Term) -> Double) -> [(term: Term, weight: Double)] {
        var weighted = counted.map { (term: $0.term, weight: weight(tf: $0.count, idf: idf($0.term))) }
        let length = sqrt(weighted.reduce(0) { $0 + $1.weight * $1.weight })
        if length > 0 { for index in weighted.indices { weighted[index].weight /= length } }
        return weighted
    }


    /// (1 + log tf) × idf.
    static func weight(tf: Int, idf: Double) -> Double { (1 + log(Double(tf))) * idf }
}

/// A text's terms, each with how often it occurs: what `coe related` compares of a COE (its root-cause
/// answers and action titles), kept in the search index so that a comparison does not read and cut
/// every COE's texts again.
public struct TermCounts: Sendable {
    /// Each term once, with its count, in the terms' order.
    public let terms: [(term: String, count: Int)]

    /// The terms of `terms` (as `Terms.of` gives them), counted.
    public init(_ terms: [String]) {
        var counts: [String: Int] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        self.terms = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// As written by `encoded`; nil when `text` is not such a list.
    public init?(encoded text: String) {
        var terms: [(term: String, count: Int)] = []
        for line in text.utf8.split(separator: 0x0A) {
            guard let space = line.lastIndex(of: 0x20), let count = Int(Substring(line[line.index(after: space)...])), count > 0 else { return nil }
            terms.append((String(Substring(line[..<space])), count))
        }
        self.terms = terms
    }

    /// One line per term, `term count`, in the terms' order (a term is letters and digits: no space, no line break).
    public var encoded: String {
        terms.map { "\($0.term) \($0.count)" }.joined(separator: "\n")
    }
}

/// A text's terms as a unit vector of weights, in the terms' order (every sum over it is taken in that
/// order, so the same texts give the same score to the last bit in every process).
public struct TermVector: Sendable {
    /// The terms and their weights, sorted by term.
    public let terms: [(term: String, weight: Double)]
    /// The same, by term.
    public let weights: [String: Double]

    init(_ sorted: [(term: String, weight: Double)]) {
        terms = sorted
        weights = Dictionary(uniqueKeysWithValues: sorted.lazy.map { ($0.term, $0.weight) })
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The cosine of the two vectors (0 to 1), and the terms both hold, most telling first.
    public func cosine(_ other: TermVector) -> (score: Double, shared: [String]) {
        let (small, large) = terms.count <= other.terms.count ? (terms, other.weights) : (other.terms, weights)
        var score = 0.0
        var shared: [(String, Double)] = []
        for (term, weight) in small {
            guard let otherWeight = large[term] else { continue }
            score += weight * otherWeight
            shared.append((term, weight * otherWeight))
        }
        return (min(1, score), shared.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0))
    }
}

/// What the measure reads of one COE: its root causes and action items, services and tags.
public struct SimilarityProfile: Sendable {
    public struct RootCause: Sendable {
        /// The answer of a why marked `root_cause: true`.
        public let text: String
        /// Its line in whys.yaml.
        public let line: Int
        /// The action items the why names.
        public let actions: [String]

        public init(text: String, line: Int, actions: [String]) {
            self.text = text
            self.line = line
            self.actions = actions
        }
    }

    public struct Action: Sendable {
        public let id: String
        public let title: String
        public let status: ActionStatus
        public let due: CalendarDate?
        public let doneOn: CalendarDate?

        public init(id: String, title: String, status: ActionStatus, due: CalendarDate?, doneOn: CalendarDate?) {
            self.id = id
            self.title = title
            self.status = status
            self.due = due
            self.doneOn = doneOn
        }
    }

    public let id: String
    public let title: String
    public let created: CalendarDate
    public let confidentiality: Confidentiality
    public let services: [String]
    public let tags: [String]
    public let rootCauses: [RootCause]
    public let actions: [Action]

    public init(id: String, title: String, created: CalendarDate, confidentiality: Confidentiality, services: [String], tags: [String],
                rootCauses: [RootCause], actions: [Action]) {
        self.id = id
        self.title = title
        self.created = created
        self.confidentiality = confidentiality
        self.services = services
        self.tags = tags
        self.rootCauses = rootCauses
        self.actions = actions
    }

    /// The profile of a COE as read.
    public init(_ document: COEDocument) {
        var causes: [RootCause] = []
        func visit(_ node: WhyNode) {
            if node.rootCause { causes.append(RootCause(text: node.because, line: node.texts["because"]?.position.line ?? node.position.line, actions: node.actions)) }
            node.then.forEach(visit)
        }
        for (_, _, chains) in document.whys.questions { chains.forEach(visit) }
        let metadata = document.metadata
        self.init(id: metadata.id, title: metadata.title, created: metadata.created, confidentiality: metadata.confidentiality,
                  services: metadata.services, tags: metadata.tags, rootCauses: causes,
                  actions: document.actions.map { Action(id: $0.id, title: $0.title, status: $0.status, due: $0.due, doneOn: $0.doneOn) })
    }

    /// What orders two profiles of one day and id (`RepeatCorpus`): their title and root causes.
    var tieKey: String { ([title] + rootCauses.map { "\($0.line) \($0.text) \($0.actions.joined(separator: ","))" }).joined(separator: "\n") }

    /// Earlier than `other`: created on an earlier day, or on the same day with a smaller id.
    public func isEarlier(than other: SimilarityProfile) -> Bool {
        created != other.created ? created < other.created : id < other.id
    }

    /// The texts `coe related` compares: root-cause answers and action titles.
    public var comparedTexts: [String] { rootCauses.map(\.text) + actions.map(\.title) }

    /// The terms of `comparedTexts`, counted: what `coe related` weighs.
    public var comparedTerms: TermCounts { TermCounts(Terms.of(comparedTexts.joined(separator: "\n"))) }
}

/// `coe related`'s measure of two COEs, and the reasons for it.
///
///     score = cosine(root-cause answers + action titles of A, the same of B)   (TF-IDF over all COEs)
///           + 0.10 when they share a service + 0.05 when they share a tag
///
/// Metadata alone (0.15 at most) never reaches the default threshold of 0.30: two COEs are related by what
/// went wrong and what was done about it, and a shared service or tag only ranks such pairs higher.
public enum Relatedness {
    public static let defaultThreshold = 0.30
    public static let serviceBonus = 0.10
    public static let tagBonus = 0.05

    public struct Match: Sendable {
        public let id: String
        public let score: Double
        public let textScore: Double
        public let sharedServices: [String]
        public let sharedTags: [String]
        /// The terms both COEs' texts hold, most telling first.
        public let sharedTerms: [String]
        /// The most alike pair of texts: this COE's and the other's.
        public let pair: (mine: String, theirs: String)?
    }

    /// What `matches` ranks a COE by, before it is shown: its id, services, tags and compared terms (the
    /// search index keeps these, so that ranking a thousand COEs reads no COE's text).
    public struct Candidate: Sendable {
        public let id: String
        public let services: [String]
        public let tags: [String]
        public let terms: TermCounts

        public init(id: String, services: [String], tags: [String], terms: TermCounts) {
            self.id = id
            self.services = services
            self.tags = tags
            self.terms = terms
        }

        public init(_ profile: SimilarityProfile) {
            self.init(id: profile.id, services: profile.services, tags: profile.tags, terms: profile.comparedTerms)
        }
    }

    /// The COEs of `others` most like `profile`, best first, those scoring at least `threshold`, at most
    /// `limit` of them; the weights come from `profile` and `others` together.
    public static func matches(for profile: SimilarityProfile, among others: [SimilarityProfile], threshold: Double = defaultThreshold,
                               limit: Int = .max) -> [Match] {
        let byID = Dictionary(others.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return matches(for: profile, terms: profile.comparedTerms, among: others.map(Candidate.init), threshold: threshold, limit: limit) {
            byID[$0.id]?.comparedTexts ?? []
        }
    }

    /// The same measure over candidates whose terms are already counted (`terms` is `profile.comparedTerms`):
    /// every candidate is scored from its counts, and `texts` (a candidate's compared texts) is asked only
    /// for the matches returned, for the most alike pair of texts.
    public static func matches(for profile: SimilarityProfile, terms: TermCounts, among candidates: [Candidate],
                               threshold: Double = defaultThreshold, limit: Int = .max,
                               texts: (Candidate) throws -> [String]) rethrows -> [Match] {
        let others = candidates.filter { $0.id != profile.id }
        // Every term numbered once (one hash per term of each COE): the cosines are then sums over arrays,
        // of the weights `TermWeights` gives, as `TermVector.cosine` sums them.
        var numbers: [String: Int] = [:]
        var named: [String] = []
        func numbered(_ counts: TermCounts) -> [(term: Int, count: Int)] {
            counts.terms.map { term, count in
                if let number = numbers[term] { return (number, count) }
                numbers[term] = named.count
                named.append(term)
                return (named.count - 1, count)
            }
        }
        let myNumbered = numbered(terms)
        let theirs = others.map { numbered($0.terms) }
        var frequency = [Int](repeating: 0, count: numbers.count)
        for (term, _) in myNumbered { frequency[term] += 1 }
        for bag in theirs { for (term, _) in bag { frequency[term] += 1 } }
        let weights = TermWeights(frequency: numbers.mapValues { frequency[$0] }, count: others.count + 1)
        let idf = named.map(weights.idf)
        let mine = weights.vector(counts: terms)
        var myWeights = [Double](repeating: 0, count: numbers.count)
        for (term, weight) in mine.weights { myWeights[numbers[term]!] = weight }
        let myServices = Set(profile.services.map { $0.lowercased() }), myTags = Set(profile.tags.map { $0.lowercased() })
        var scored: [(other: Int, score: Double, text: Double)] = []
        for (index, other) in others.enumerated() {
            var dot = 0.0, length = 0.0
            for (term, count) in theirs[index] {
                let weight = TermWeights.weight(tf: count, idf: idf[term])
                length += weight * weight
                dot += myWeights[term] * weight
            }
            let text = length > 0 ? min(1, dot / sqrt(length)) : 0
            let score = text + (other.services.contains { myServices.contains($0.lowercased()) } ? serviceBonus : 0)
                + (other.tags.contains { myTags.contains($0.lowercased()) } ? tagBonus : 0)
            if score >= threshold - 1e-9 { scored.append((index, score, text)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : others[$0.other].id < others[$1.other].id }
        // The reasons and the most alike pair of texts, for the matches shown only.
        let myTexts = profile.comparedTexts.map { ($0, weights.vector(Terms.of($0))) }
        return try scored.prefix(limit).map { entry in
            let other = others[entry.other]
            let shared = mine.cosine(weights.vector(counts: other.terms)).shared
            var best: (mine: String, theirs: String, score: Double)?
            for theirs in try texts(other) {
                let vector = weights.vector(Terms.of(theirs))
                for (text, myVector) in myTexts {
                    let value = myVector.cosine(vector).score
                    if value > (best?.score ?? 0) { best = (text, theirs, value) }
                }
            }
            func lowered(_ values: [String]) -> Set<String> { Set(values.map { $0.lowercased() }) }
            return Match(id: other.id, score: entry.score, textScore: entry.text,
                         sharedServices: myServices.intersection(lowered(other.services)).sorted(),
                         sharedTags: myTags.intersection(lowered(other.tags)).sorted(),
                         sharedTerms: Terms.words(for: shared, in: profile.comparedTexts), pair: best.map { ($0.mine, $0.theirs) })
        }
    }
}

/// Lint rule W7's measure: a root cause of a COE against the root causes of earlier COEs, by the cosine of
/// their terms (the same `Terms`), weighted by inverse document frequency over every root cause of the corpus.
public enum RepeatedRootCause {
    /// The default of `search.repeat_similarity` in `.coe.yaml`, in percent.
    public static let defaultPercent = 30

    public struct Finding: Sendable {
        /// The root cause of the COE linted.
        public let cause: SimilarityProfile.RootCause
        /// The earlier COE and its root cause that resemble it.
        public let earlier: SimilarityProfile
        public let earlierCause: SimilarityProfile.RootCause
        public let score: Double
        public let sharedTerms: [String]
    }

    /// What is compared of a root cause: its answer, and the titles of the action items it names (what was
    /// to be done about it says the cause again, in other words).
    static func text(of cause: SimilarityProfile.RootCause, in profile: SimilarityProfile) -> String {
        ([cause.text] + cause.actions.compactMap { id in profile.actions.first { $0.id == id }?.title }).joined(separator: "\n")
    }

    /// For each root cause of `profile`, the most alike root cause of an earlier COE of `corpus` scoring at
    /// least `percent` / 100; secure COEs of the corpus are never compared.
    public static func findings(for profile: SimilarityProfile, in corpus: RepeatCorpus, percent: Int) -> [Finding] {
        corpus.findings(for: profile, percent: percent)
    }
}

/// The root causes of a repository's COEs, their term vectors and an index from each term to the causes that
/// hold it, built once for a lint run: each COE linted is then compared with only the causes that share a
/// term with its own. Comparing every COE with every other anew (terms, weights and vectors each time) made
/// `coe lint` of the 1,000-COE benchmark take minutes; with the index W7 adds well under a second to it.
public final class RepeatCorpus: @unchecked Sendable {
    /// What the corpus is known by when its source names it without reading it (the search index names it by each
    /// COE's profile digest); nil when only `contents` tells it. The findings cache keys W7's findings on it.
    public let name: String?
    /// Where the COEs come from: called once, when they are first needed (a `coe lint` whose findings all come
    /// from its cache needs none); nil when that failed, and the corpus is then empty.
    private let source: @Sendable () -> [SimilarityProfile]?

    /// The causes, their weights and postings: built when a COE is first compared (a `coe lint` whose findings all
    /// come from its cache compares none).
    ///
    /// Each term is numbered once, when first met, and everything after works on the numbers: counting a cause's
    /// terms, the document frequencies, the vectors and the postings. Building it with a dictionary keyed by the term
    /// for each of these (a `TermCounts`, a `TermVector` with its dictionary, and a text key per cause) took 80 ms of
    /// `coe lint <one COE>`'s 258 ms in the 1,000-COE benchmark (perf, 2026-12-02, idle machine); the weights, and the
    /// order every sum is taken in (the terms' order), are those of `TermWeights` and `TermVector`, to the last bit.
    private struct Index {
        /// Each root cause: its COE (an index in `profiles`), the cause, and its text.
        let causes: [(profile: Int, cause: SimilarityProfile.RootCause, text: String)]
        /// Weights over every root cause's terms (`TermWeights`, the measure `coe related` uses).
        let weights: TermWeights
        /// Each term's number.
        let numbers: [String: Int]
        /// The terms by number.
        let names: [String]
        /// For each term (by number), the causes holding it and its weight in each, in the causes' order.
        let postings: [[(cause: Int, weight: Double)]]
        /// For each COE (and one past the last), where its causes start in `causes`.
        let causeStarts: [Int]
        /// Each cause's vector as term numbers and weights, in the terms' order.
        let vectors: [[(term: Int, weight: Double)]]

        init(_ profiles: [SimilarityProfile]) {
            var causes: [(profile: Int, cause: SimilarityProfile.RootCause, text: String)] = []
            var starts: [Int] = []
            var numbers: [String: Int] = [:]
            var names: [String] = []
            // Each cause's terms counted, in the terms' order; `slot` and `owner` find a term's place in the cause
            // being counted without a dictionary per cause.
            var counted: [[(term: Int, count: Int)]] = []
            var slot: [Int] = [], owner: [Int] = []
            for (index, profile) in profiles.enumerated() {
                starts.append(causes.count)
                for cause in profile.rootCauses { causes.append((index, cause, RepeatedRootCause.text(of: cause, in: profile))) }
            }
            // Every cause cut into terms on every core, a part of the causes each; numbered below, in order. (On one
            // thread, while every other COE's W7 waited for the corpus, the 6,000 causes of the 1,000 generated COEs
            // took 413 million instructions; callgrind, 2026-12-02.)
            let parts = causes.count < 256 ? 1 : ProcessInfo.processInfo.activeProcessorCount
            let texts = causes.map(\.text)
            let cut = ParallelSlots<[[String]]>.map(parts) { part in
                stride(from: part, to: texts.count, by: parts).map { Terms.of(texts[$0]) }
            }
            for number in causes.indices {
                var counts: [(term: Int, count: Int)] = []
                for term in cut[number % parts][number / parts] {
                    let id: Int
                    if let known = numbers[term] {
                        id = known
                    } else {
                        id = names.count
                        numbers[term] = id
                        names.append(term)
                        slot.append(0)
                        owner.append(-1)
                    }
                    if owner[id] == number {
                        counts[slot[id]].count += 1
                    } else {
                        owner[id] = number
                        slot[id] = counts.count
                        counts.append((id, 1))
                    }
                }
                counts.sort { names[$0.term] < names[$1.term] }
                counted.append(counts)
            }
            starts.append(causes.count)
            var frequency = [Int](repeating: 0, count: names.count)
            for counts in counted { for (term, _) in counts { frequency[term] += 1 } }
            let weights = TermWeights(frequency: numbers.mapValues { frequency[$0] }, count: counted.count)
            let idf = names.map(weights.idf)
            var postings = [[(cause: Int, weight: Double)]](repeating: [], count: names.count)
            // Causes of the same terms, counted alike, have the same vector, and so the same score against any cause to
            // the last bit; of equal scores the earliest cause wins, so only the first of them is posted. (A folder
            // copied, or a cause written again word for word: in the benchmark whose COEs are all copies of one, every
            // cause was scored against every earlier copy: W7 was a seventh of `coe lint`'s 7 s of CPU, perf.)
            var vectors: [[(term: Int, weight: Double)]] = []
            vectors.reserveCapacity(counted.count)
            var postedCounts = Set<[Int]>()
            for (index, counts) in counted.enumerated() {
                let vector = TermWeights.unit(counts) { idf[$0] }
                vectors.append(vector)
                guard postedCounts.insert(counts.flatMap { [$0.term, $0.count] }).inserted else { continue }
                for (term, weight) in vector { postings[term].append((index, weight)) }
            }
            causeStarts = starts
            self.causes = causes
            self.weights = weights
            self.numbers = numbers
            self.names = names
            self.postings = postings
            self.vectors = vectors
        }

        /// A cause's vector with its terms named, as `TermWeights.vector(counts:)` makes it.
        func vector(of cause: Int) -> TermVector {
            TermVector(vectors[cause].map { (term: names[$0.term], weight: $0.weight) })
        }
    }

    private let lock = NSLock()
    /// The COEs compared (none secure), earliest first, once loaded; whether any has a root cause; whether the
    /// source failed.
    private var loaded: (profiles: [SimilarityProfile], isEmpty: Bool, failed: Bool)?
    private var built: Index?

    /// The corpus of `all`, known by its `contents`.
    public convenience init(_ all: [SimilarityProfile]) {
        self.init(name: nil) { all }
    }

    /// The corpus its source names `name`, read by `loading` when first needed (nil from it: the COEs could not be
    /// had, and the corpus is empty: see `failed`).
    public init(name: String?, loading: @escaping @Sendable () -> [SimilarityProfile]?) {
        self.name = name
        source = loading
    }

    /// Loads the COEs (the lock held): earliest first, so that the causes of the COEs earlier than a given one are a
    /// prefix of the index's causes and of every posting list; two profiles of one id and day (a COE folder copied)
    /// ordered by what they hold, so that the order the corpus came in never shows.
    private func load() -> (profiles: [SimilarityProfile], isEmpty: Bool, failed: Bool) {
        if let loaded { return loaded }
        let all = source()
        let profiles = (all ?? []).filter { $0.confidentiality != .secure }
            .sorted { $0.isEarlier(than: $1) || (!$1.isEarlier(than: $0) && $0.tieKey < $1.tieKey) }
        let made = (profiles, profiles.allSatisfy { $0.rootCauses.isEmpty }, all == nil)
        loaded = made
        return made
    }

    /// The COEs compared (none secure), earliest first.
    var profiles: [SimilarityProfile] { lock.withLock { load().profiles } }

    /// True when no COE of the corpus has a root cause (W7 then finds nothing).
    public var isEmpty: Bool { lock.withLock { load().isEmpty } }

    /// True when the source could not give the COEs (W7 was not checked against them). Reading this loads them.
    public var failed: Bool { lock.withLock { load().failed } }

    /// True once the COEs were loaded (for the findings cache: whether `failed` can be asked without loading them).
    public var isLoaded: Bool { lock.withLock { loaded != nil } }

    private var index: Index {
        lock.withLock {
            if let built { return built }
            let made = Index(load().profiles)
            built = made
            return made
        }
    }

    /// Everything the comparison reads of the COEs, in their order, as bytes (the findings cache keys W7's
    /// findings on it): the same COEs in any order give the same bytes.
    public var contents: [UInt8] {
        var writer = BinaryWriter(magic: [], capacity: profiles.count * 1_024)
        writer.varint(profiles.count)
        for profile in profiles { profile.encode(to: &writer) }
        return writer.bytes
    }

    func findings(for profile: SimilarityProfile, percent: Int) -> [RepeatedRootCause.Finding] {
        guard !profile.rootCauses.isEmpty, !isEmpty else { return [] }
        let index = self.index
        let profiles = self.profiles
        let (causes, weights, postings, causeStarts, numbers, vectors) = (index.causes, index.weights, index.postings, index.causeStarts,
                                                                          index.numbers, index.vectors)
        // Only earlier COEs (never the COE itself): the causes before the first COE not earlier than this one.
        var low = 0, high = profiles.count
        while low < high {
            let middle = (low + high) / 2
            if profiles[middle].isEarlier(than: profile) { low = middle + 1 } else { high = middle }
        }
        let causeLimit = causeStarts[low]
        guard causeLimit > 0 else { return [] }
        // A hair under: identical texts score 1 within rounding, and must reach 100 percent.
        let threshold = Double(percent) / 100 - 1e-9
        var findings: [RepeatedRootCause.Finding] = []
        var scores = [Double](repeating: 0, count: causeLimit)
        // The causes scored for this root cause (each once: a score once added to is above 0), so that only they
        // are looked at and set back to 0, not every earlier cause of the repository for each root cause.
        var touched: [Int] = []
        // The COE's own causes are in the index when the corpus holds this COE as it is now (the first profile not
        // earlier than it): their vectors are made already. (Cut into terms again, they were a fifth of W7's cost.)
        let ownStart = low < profiles.count && profiles[low].id == profile.id ? causeStarts[low] : nil
        let ownEnd = low + 1 < causeStarts.count ? causeStarts[low + 1] : 0
        for (position, cause) in profile.rootCauses.enumerated() {
            let text = RepeatedRootCause.text(of: cause, in: profile)
            let known = ownStart.map { $0 + position }.flatMap { $0 < ownEnd && causes[$0].text == text ? $0 : nil }
            // This cause's terms by number and weight, in the terms' order (the order the scores are summed in).
            let computed = known == nil ? weights.vector(Terms.of(text)) : nil
            let numbered = known.map { vectors[$0] }
                ?? computed!.terms.compactMap { term in numbers[term.term].map { (term: $0, weight: term.weight) } }
            for index in touched { scores[index] = 0 }
            touched.removeAll(keepingCapacity: true)
            for (number, weight) in numbered {
                for posting in postings[number] {
                    guard posting.cause < causeLimit else { break }
                    if scores[posting.cause] == 0 { touched.append(posting.cause) }
                    scores[posting.cause] += weight * posting.weight
                }
            }
            // The best score; of equal scores, the earliest cause (the causes are in the order of their COEs: by
            // date, then id). Scores within a hair of the best are equal to it: a sum's last bits never choose.
            var top = -1.0
            for index in touched where scores[index] >= threshold { top = max(top, scores[index]) }
            var best = -1
            for index in touched where scores[index] >= threshold && scores[index] >= top - 1e-9 && (best < 0 || index < best) { best = index }
            guard best >= 0 else { continue }
            let other = causes[best]
            let score = scores[best]
            // The terms both hold, most telling first.
            let mine = known.map { index.vector(of: $0) } ?? computed!
            let shared = mine.cosine(index.vector(of: best)).shared
            findings.append(RepeatedRootCause.Finding(cause: cause, earlier: profiles[other.profile], earlierCause: other.cause,
                                                      score: min(1, score), sharedTerms: Terms.words(for: shared, in: [text])))
        }
        return findings
    }
}

extension SimilarityProfile {
    /// The profile in a cache file (`BinaryWriter`): the findings cache keeps the profile of each COE it lints.
    public func encode(to writer: inout BinaryWriter) {
        for text in [id, title, created.description, confidentiality.rawValue] { writer.shortString(text) }
        writer.strings(services)
        writer.strings(tags)
        writer.varint(rootCauses.count)
        for cause in rootCauses {
            writer.shortString(cause.text)
            writer.varint(cause.line)
            writer.strings(cause.actions)
        }
        writer.varint(actions.count)
        for action in actions {
            for text in [action.id, action.title, action.status.rawValue] { writer.shortString(text) }
            writer.shortString(action.due?.description)
            writer.shortString(action.doneOn?.description)
        }
    }

    public init(from reader: inout BinaryReader) throws {
        func date(_ text: String?) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let day = CalendarDate(text) else { throw BinaryReader.Truncated() }
            return day
        }
        let id = try reader.shortString(), title = try reader.shortString()
        guard let created = try date(try reader.shortString()) else { throw BinaryReader.Truncated() }
        let confidentiality: Confidentiality = try reader.enumeration()
        let services = try reader.strings(), tags = try reader.strings()
        let causeCount = try reader.varint()
        try reader.need(causeCount, 3)
        let causes = try (0..<causeCount).map { _ in
            RootCause(text: try reader.shortString(), line: try reader.varint(), actions: try reader.strings())
        }
        let actionCount = try reader.varint()
        try reader.need(actionCount, 5)
        let actions = try (0..<actionCount).map { _ in
            Action(id: try reader.shortString(), title: try reader.shortString(), status: try reader.enumeration(),
                   due: try date(try reader.optionalShortString()), doneOn: try date(try reader.optionalShortString()))
        }
        self.init(id: id, title: title, created: created, confidentiality: confidentiality, services: services, tags: tags,
                  rootCauses: causes, actions: actions)
    }
}
