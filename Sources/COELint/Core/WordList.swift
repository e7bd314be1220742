import Foundation

/// Words and phrases found whole in a text by looking its words up, not by a regular expression.
///
/// Most rules look for a list of words (vague quantities, blame words, names …).
/// A text is split into words once (`TextUnit.words`, ranges into its UTF-16, no
/// strings made); each list then costs one hash look-up per word. Phrases match
/// across white space only; hyphens split words ("attorney-client" is two); a
/// possessive 's is ignored for matching ("Alice's" matches "Alice").
public final class WordList: Sendable {
    /// Every phrase's words, as the hashes of their code units (lower-cased unless the list is case-sensitive), back to back.
    private let phraseWords: [UInt64]
    /// The phrases starting with each first word's hash: where their words are in `phraseWords`.
    private let phrasesByFirstWord: [UInt64: [Phrase]]
    private let caseSensitive: Bool
    /// A bit per first-word hash (mod 4096): a word whose bit is clear is no phrase's start, without a dictionary look-up.
    private let firstWordBits: [UInt64]

    /// A phrase: its words are `phraseWords[start..<(start + count)]`.
    private struct Phrase: Sendable {
        let start: Int
        let count: Int
    }

    /// The phrases, each split into words and each word hashed (`WordList.hash`), so that a match compares a text's
    /// word hashes (`TextUnit.wordHashes`, made once per text) with a phrase's. Most lists are built in every
    /// process, and the large ones hold a thousand phrases or more: kept as arrays of words of code units, they
    /// cost a fifth of `coe lint <id>`'s instructions; ASCII phrases are now hashed straight from their bytes.
    public init(_ phrases: [String], caseSensitive: Bool = false) {
        self.caseSensitive = caseSensitive
        var words: [UInt64] = []
        words.reserveCapacity(phrases.count * 3)
        var table: [UInt64: [Phrase]] = [:]
        for phrase in phrases {
            let start = words.count
            if !WordList.appendASCIIWordHashes(of: phrase, lowerCased: !caseSensitive, to: &words) {
                // Folded as the texts the names rules compare are (`TextFold`); other lists are ASCII, their own fold.
                let units = TextFold(Array(phrase.utf16)).utf16
                let buffer = caseSensitive ? units : WordList.lowercased(units)
                for word in WordList.split(units) { words.append(WordList.hash(buffer[word.start..<(word.start + word.length)])) }
            }
            guard words.count > start else { continue }
            table[words[start], default: []].append(Phrase(start: start, count: words.count - start))
        }
        phraseWords = words
        // Longest phrases first, so "a number of" wins over "number".
        phrasesByFirstWord = table.mapValues { $0.sorted { $0.count > $1.count } }
        var bits = [UInt64](repeating: 0, count: 64)
        for hash in table.keys { bits[Int(hash & 4095) >> 6] |= 1 << (hash & 63) }
        firstWordBits = bits
    }

    /// Appends the hashes of an ASCII phrase's words as `split` and `lowercased` make them, read from its bytes
    /// (no copy); false, with nothing appended, for a phrase beyond ASCII.
    static func appendASCIIWordHashes(of phrase: String, lowerCased: Bool, to words: inout [UInt64]) -> Bool {
        var phrase = phrase
        return phrase.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            var start = -1
            func finish(_ end: Int) {
                guard start >= 0 else { return }
                var last = end
                while last > start, bytes[last - 1] == 0x27 { last -= 1 }
                if last > start {
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                    for index in start..<last {
                        var byte = bytes[index]
                        if lowerCased, byte >= 0x41, byte <= 0x5A { byte += 32 }
                        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                    }
                    words.append(hash)
                }
                start = -1
            }
            for index in 0..<bytes.count {
                let byte = bytes[index]
                let isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || (byte == 0x27 && start >= 0)
                if isWord {
                    if start < 0 { start = index }
                } else {
                    finish(index)
                }
            }
            finish(bytes.count)
            return true
        }
    }

    /// Every match in the unit, earliest first, not overlapping.
    public func matches(in unit: TextUnit) -> [Pattern.Match] {
        let (words, hashes) = unit.wordsAndHashes
        guard !words.isEmpty else { return [] }
        let utf16 = unit.utf16
        var result: [Pattern.Match] = []
        var index = 0
        // Most words start no phrase: the next word that may start one is found by the bits alone.
        while let candidate = nextCandidate(hashes, from: index) {
            index = candidate
            var matched = 0
            let word = words[index]
            let hash = hashes[index]
            if let candidates = phrasesByFirstWord[caseSensitive ? hash.written : hash.lower]
                ?? (word.bareLength != word.length ? phrasesByFirstWord[caseSensitive ? hash.writtenBare : hash.lowerBare] : nil) {
                for phrase in candidates where index + phrase.count <= words.count {
                    var ok = true
                    for offset in 0..<phrase.count {
                        let current = words[index + offset]
                        if offset > 0 {
                            let previous = words[index + offset - 1]
                            let gap = utf16[(previous.start + previous.length)..<current.start]
                            if !gap.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) { ok = false; break }
                        }
                        // The word as written or without its possessive is the phrase's word.
                        let wordHash = hashes[index + offset], target = phraseWords[phrase.start + offset]
                        let whole = caseSensitive ? wordHash.written : wordHash.lower, bare = caseSensitive ? wordHash.writtenBare : wordHash.lowerBare
                        if whole != target && bare != target { ok = false; break }
                    }
                    if ok { matched = phrase.count; break }
                }
            }
            if matched > 0 {
                let first = words[index], last = words[index + matched - 1]
                let range = NSRange(location: first.start, length: last.start + last.length - first.start)
                let text = TextUnit.string(utf16[range.location..<(range.location + range.length)])
                result.append(Pattern.Match(range: range, text: text, groups: []))
                index += matched
            } else {
                index += 1
            }
        }
        return result
    }

    /// The index of the first word from `start` on whose hash (as written or without its possessive) may start a
    /// phrase, or nil. A tight loop over the hashes and bits: the matching loop's own test, word by word with the
    /// words' ranges at hand, made `matches` 5.6 % of the instructions of `coe lint --no-cache` of 100 generated
    /// COEs (82.0 of 1,476.4 million, most of it on texts holding no phrase; callgrind, 2026-12-02). The loop went on
    /// that way after the first candidate, word by word, until this was asked again from each candidate on.
    private func nextCandidate(_ hashes: [WordHashes], from start: Int) -> Int? {
        firstWordBits.withUnsafeBufferPointer { bits in
            hashes.withUnsafeBufferPointer { hashes in
                guard start < hashes.count else { return nil }
                @inline(__always) func set(_ hash: UInt64) -> Bool { bits[Int(hash & 4095) >> 6] & (1 << (hash & 63)) != 0 }
                // A word's bare hash is tested only when it has a possessive (the two are equal otherwise).
                if caseSensitive {
                    for index in start..<hashes.count {
                        let key = hashes[index].written, bare = hashes[index].writtenBare
                        if set(key) || (bare != key && set(bare)) { return index }
                    }
                } else {
                    for index in start..<hashes.count {
                        let key = hashes[index].lower, bare = hashes[index].lowerBare
                        if set(key) || (bare != key && set(bare)) { return index }
                    }
                }
                return nil
            }
        }
    }

    /// True when any word or phrase occurs.
    public func occurs(in unit: TextUnit) -> Bool { !matches(in: unit).isEmpty }

    /// A word of a text: where it is in the text's UTF-16.
    public struct Word: Sendable {
        public let start: Int
        public let length: Int
        /// The length without a trailing 's or ’s.
        public let bareLength: Int
    }

    /// A word's hashes (`hash(_:)`): as written, as written without a possessive 's, lower-cased, and lower-cased
    /// without the possessive. A word without a possessive has its bare hashes equal to its whole ones.
    public typealias WordHashes = (written: UInt64, writtenBare: UInt64, lower: UInt64, lowerBare: UInt64)

    /// The words of a text (`split`) and each word's hashes (`WordHashes`). ASCII text, nearly all COE text, is
    /// split and hashed in one pass over its units, with no lower-cased copy; other text is split, lower-cased
    /// (`lowercased`, the text unit's own copy) and hashed word by word. Both give the same words and hashes
    /// (WordListTests). In three passes (split, lower-cased copy, hashes), this was 7.2 % of the instructions of
    /// `coe lint --no-cache` of the 1,000 generated COEs with W7 off (741 of 10,243 million; callgrind, 2026-12-02);
    /// in one pass, 491 million.
    static func wordsAndHashes(of units: [UInt16], lowercased: () -> [UInt16]) -> (words: [Word], hashes: [WordHashes]) {
        if let ascii = units.withUnsafeBufferPointer({ asciiWordsAndHashes($0) }) { return ascii }
        let words = split(units)
        let lower = lowercased()
        let hashes = units.withUnsafeBufferPointer { units in
            lower.withUnsafeBufferPointer { lower in
                words.map { word -> WordHashes in
                    var written = hashStart, lowerCased = hashStart
                    var writtenBare = written, lowerBare = lowerCased
                    let bareEnd = word.start + word.bareLength
                    for index in word.start..<(word.start + word.length) {
                        if index == bareEnd { writtenBare = written; lowerBare = lowerCased }
                        written = hash(written, units[index])
                        lowerCased = hash(lowerCased, lower[index])
                    }
                    if word.bareLength == word.length { writtenBare = written; lowerBare = lowerCased }
                    return (written, writtenBare, lowerCased, lowerBare)
                }
            }
        }
        return (words, hashes)
    }

    /// `wordsAndHashes` for ASCII text in one pass; nil as soon as a unit is beyond ASCII. A word is a run of
    /// letters, digits and inner apostrophes, as `split` makes it, hashed as it is read (a letter, digit or
    /// apostrophe is its own lower case once its 0x20 bit is set); the rare word that ends in apostrophes (no part
    /// of it) or in a possessive 's is hashed again over what it keeps. (Kept along the way, the hashes before the
    /// last apostrophe and after the last letter made thirteen variables live in the loop, spilled to memory:
    /// 863 million instructions for the 1,000 COEs, more than the three passes.)
    private static func asciiWordsAndHashes(_ units: UnsafeBufferPointer<UInt16>) -> (words: [Word], hashes: [WordHashes])? {
        var words: [Word] = []
        var hashes: [WordHashes] = []
        words.reserveCapacity(units.count / 5 + 1)
        hashes.reserveCapacity(units.count / 5 + 1)
        var start = -1
        var written = hashStart, lower = hashStart
        // One step past the end, as if a space followed, to end the last word.
        for index in 0...units.count {
            let unit = index < units.count ? units[index] : 0x20
            guard unit < 0x80 else { return nil }
            let folded = unit | 0x20
            if (folded >= 0x61 && folded <= 0x7A) || (unit >= 0x30 && unit <= 0x39) || (unit == 0x27 && start >= 0) {
                if start < 0 {
                    start = index
                    written = hashStart
                    lower = hashStart
                }
                written = hash(written, unit)
                lower = hash(lower, folded)
            } else if start >= 0 {
                var end = index
                while units[end - 1] == 0x27 { end -= 1 }
                if end != index { (written, lower) = asciiHashes(units, start, end) }
                let length = end - start
                if length > 2 && units[end - 2] == 0x27 && units[end - 1] | 0x20 == 0x73 {
                    let (writtenBare, lowerBare) = asciiHashes(units, start, end - 2)
                    words.append(Word(start: start, length: length, bareLength: length - 2))
                    hashes.append((written, writtenBare, lower, lowerBare))
                } else {
                    words.append(Word(start: start, length: length, bareLength: length))
                    hashes.append((written, written, lower, lower))
                }
                start = -1
            }
        }
        return (words, hashes)
    }

    /// The hashes as written and lower-cased of ASCII units `start..<end`.
    private static func asciiHashes(_ units: UnsafeBufferPointer<UInt16>, _ start: Int, _ end: Int) -> (UInt64, UInt64) {
        var written = hashStart, lower = hashStart
        for index in start..<end {
            written = hash(written, units[index])
            lower = hash(lower, units[index] | 0x20)
        }
        return (written, lower)
    }

    /// FNV-1a over UTF-16 code units.
    static func hash(_ units: ArraySlice<UInt16>) -> UInt64 {
        var hash = hashStart
        for unit in units { hash = Self.hash(hash, unit) }
        return hash
    }

    /// FNV-1a's start, and one step of it (`hash(_:)` a unit at a time).
    static let hashStart: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func hash(_ hash: UInt64, _ unit: UInt16) -> UInt64 { (hash ^ UInt64(unit)) &* 0x100_0000_01b3 }

    /// The text lower-cased code unit by code unit (ASCII by arithmetic; others when the mapping keeps the length).
    /// Over the copy's buffer (indexed with bounds checks, the copy cost 13.8 million instructions for 100 generated COEs;
    /// callgrind, 2026-12-02).
    static func lowercased(_ units: [UInt16]) -> [UInt16] {
        var result = units
        result.withUnsafeMutableBufferPointer { result in
            for index in result.indices {
                let unit = result[index]
                if unit >= 0x41 && unit <= 0x5A {
                    result[index] = unit + 32
                } else if unit >= 0x80, !UTF16.isLeadSurrogate(unit), !UTF16.isTrailSurrogate(unit), let scalar = Unicode.Scalar(unit) {
                    let lower = scalar.properties.lowercaseMapping.utf16
                    if lower.count == 1 { result[index] = lower.first! }
                }
            }
        }
        return result
    }

    /// Splits UTF-16 text into words: runs of letters and digits, with apostrophes inside a word kept.
    /// ASCII is classified by value; only other characters ask for Unicode properties.
    ///
    /// Over the units' buffer, into an array given room for a word in five units at first: grown as words came,
    /// the array was copied 49,000 times for 100 generated COEs, and with the bounds checks the split was 4.9 % of
    /// the instructions of `coe lint --no-cache` of them (66.3 of 1,344.0 million; callgrind, 2026-12-02).
    static func split(_ units: [UInt16]) -> [Word] {
        var words: [Word] = []
        words.reserveCapacity(units.count / 5 + 1)
        units.withUnsafeBufferPointer { split($0, into: &words) }
        return words
    }

    private static func split(_ units: UnsafeBufferPointer<UInt16>, into words: inout [Word]) {
        var start = -1
        var index = 0
        func finish(_ end: Int) {
            guard start >= 0 else { return }
            var last = end
            while last > start, units[last - 1] == 0x27 || units[last - 1] == 0x2019 { last -= 1 }
            let length = last - start
            if length > 0 {
                let possessive = length > 2 && (units[last - 2] == 0x27 || units[last - 2] == 0x2019) && (units[last - 1] == 0x73 || units[last - 1] == 0x53)
                words.append(Word(start: start, length: length, bareLength: possessive ? length - 2 : length))
            }
            start = -1
        }
        while index < units.count {
            let unit = units[index]
            // ASCII, most text, on a short path: a letter in either case is one range once its case bit is set, and a
            // unit that ends no word skips `finish`. (On the general path below, the split cost 39.4 million
            // instructions for 100 generated COEs; callgrind, 2026-12-02.)
            if unit < 0x80 {
                let folded = unit | 0x20
                if (folded >= 0x61 && folded <= 0x7A) || (unit >= 0x30 && unit <= 0x39) || (unit == 0x27 && start >= 0) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    finish(index)
                }
                index += 1
                continue
            }
            var width = 1
            let isWord: Bool
            if UTF16.isLeadSurrogate(unit), index + 1 < units.count, UTF16.isTrailSurrogate(units[index + 1]) {
                width = 2
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00)
                isWord = Unicode.Scalar(value).map { $0.properties.isAlphabetic || $0.properties.numericType != nil } ?? false
            } else if let scalar = Unicode.Scalar(unit) {
                isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || (unit == 0x2019 && start >= 0)
            } else {
                isWord = false
            }
            if isWord {
                if start < 0 { start = index }
            } else {
                finish(index)
            }
            index += width
        }
        finish(units.count)
    }
}
