import PropertyBased
import Testing
@testable import COELint

/// W3's and W8's content words of a why or an answer: ASCII words are stemmed and hashed in place from the text
/// unit's word hashes; they must be what lower-casing the text, cutting it at apostrophes, stemming and hashing give.
@Suite struct WhyContentWordsTests {
    /// The content words the plain way: every word lower-cased, cut at apostrophes, pieces of four or more that are
    /// not stop words stemmed and hashed.
    static func reference(_ text: String) -> [UInt64] {
        let unit = TextUnit(file: "f", text: text, part: nil, field: "why", location: nil)
        let lower = WordList.lowercased(unit.utf16)
        var result: [UInt64] = []
        for word in unit.words {
            var start = word.start
            let end = word.start + word.bareLength
            for index in word.start...end where index == end || lower[index] == 0x27 || lower[index] == 0x2019 {
                let piece = lower[start..<index]
                if piece.count >= 4, !WhyFollowsAnswer.isStopWord(WordList.hash(piece)) {
                    result.append(WordList.hash(WhyFollowsAnswer.stem(piece)))
                }
                start = index + 1
            }
        }
        return result
    }

    static func content(_ text: String) -> [UInt64] {
        WhyFollowsAnswer.contentWords(TextUnit(file: "f", text: text, part: nil, field: "why", location: nil))
    }

    @Test func stemsAndStopWordsAreThoseOfTheLowerCasedText() {
        #expect(Self.content("Limits LIMITED limiting limit") == [Self.content("limit")[0], Self.content("limit")[0], Self.content("limit")[0], Self.content("limit")[0]])
        #expect(Self.content("Why was THIS not caught BECAUSE of that") == Self.reference("Why was THIS not caught BECAUSE of that"))
        #expect(Self.content("The class's access PASSES") == Self.reference("The class's access PASSES"))
        #expect(Self.content("the library's cache") == Self.content("library cache"))
    }

    @Test func theWordHashPathAgreesWithTheLowerCasedCopyOnRandomText() async {
        let pieces: [String] = ["limit", "LIMITS", "Limited", "limiting", "class", "CLASSES", "passes", "this", "THAT", "because", "deploy",
                                "Deployed", "caf\u{E9}s", "na\u{EF}ve", "it's", "library's", "o'clock", "'quoted'", "x", "abcd", "ABCDing",
                                "wording", "2026", "ab12es", " ", "  ", ", ", ". ", "-", "\u{2019}s"]
        let text = Gen<String?>.element(of: pieces).map { $0! }.array(of: 0...16).map { $0.joined(separator: " ") }
        await propertyCheck(count: 400, input: text) { text in
            #expect(Self.content(text) == Self.reference(text), "\(text)")
        }
    }
}
