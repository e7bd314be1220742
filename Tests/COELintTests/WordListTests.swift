import PropertyBased
import Testing
@testable import COELint

/// `WordList`'s words and hashes: ASCII text is split and hashed in one pass, other text split, lower-cased and
/// hashed word by word; both must give the same words and hashes, and lists must match through either.
@Suite struct WordListTests {
    typealias Split = (words: [WordList.Word], hashes: [WordList.WordHashes])

    /// The words and hashes of `text` by the ASCII pass, and by the general one (sent there by a non-ASCII
    /// separator at the end, which is no word).
    func bothPaths(_ text: String) -> (ascii: Split, general: Split) {
        let units = Array(text.utf16)
        let general = units + [0x2014]
        return (WordList.wordsAndHashes(of: units, lowercased: { WordList.lowercased(units) }),
                WordList.wordsAndHashes(of: general, lowercased: { WordList.lowercased(general) }))
    }

    func same(_ left: Split, _ right: Split) -> Bool {
        left.words.count == right.words.count && left.hashes.count == right.hashes.count
            && zip(left.words, right.words).allSatisfy { $0.start == $1.start && $0.length == $1.length && $0.bareLength == $1.bareLength }
            && zip(left.hashes, right.hashes).allSatisfy { $0 == $1 }
    }

    @Test func possessivesApostrophesAndCaseAreRead() {
        let (ascii, general) = bothPaths("Alice's 'quoted' rock'n'roll it''s X'S a's DNS's 5's end'")
        #expect(same(ascii, general))
        #expect(ascii.words.map { [$0.start, $0.length, $0.bareLength] } == [
            [0, 7, 5], [9, 6, 6], [17, 11, 11], [29, 5, 3], [35, 3, 1], [39, 3, 1], [43, 5, 3], [49, 3, 1], [53, 3, 3],
        ])
        // Lower-cased hashes are case-blind; written ones are not; a bare hash is the word without its 's.
        let (upper, _) = bothPaths("ALICE alice Alice's")
        #expect(upper.hashes[0].lower == upper.hashes[1].lower && upper.hashes[0].written != upper.hashes[1].written)
        #expect(upper.hashes[2].lowerBare == upper.hashes[1].lower && upper.hashes[2].writtenBare != upper.hashes[2].written)
    }

    @Test func bothPathsAgreeOnRandomText() async {
        let pieces: [String] = ["a", "B", "z", "Q", "s", "S", "0", "9", "'", "'s", "'S", " ", "  ", "\n", "-", ".", ",", "_", "\t", "''"]
        let text = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...40).map { $0.joined() }
        await propertyCheck(count: 500, input: text) { text in
            let (ascii, general) = bothPaths(text)
            #expect(same(ascii, general), "\(text)")
        }
    }

    @Test func listsMatchThroughEitherPath() {
        let list = WordList(["a number of", "alice", "we"])
        for text in ["We saw Alice's alert and a number of  errors.", "We saw Alice's alert and a number of  errors \u{2014}"] {
            let unit = TextUnit(file: "f", text: text, part: nil, field: "f", location: nil)
            #expect(list.matches(in: unit).map(\.text) == ["We", "Alice's", "a number of"], "\(text)")
        }
    }
}
