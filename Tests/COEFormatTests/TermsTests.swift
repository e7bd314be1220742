import PropertyBased
import Testing
@testable import COEFormat

/// `Terms`, the words `coe related`, `coe search`'s profiles and lint rule W7 compare: ASCII text is cut into
/// terms as bytes (stems in place, stop-words known as numbers), other text scalar by scalar; both must agree.
@Suite struct TermsTests {
    @Test func formsOfOneWordMeet() {
        #expect(Terms.of("throttled throttling throttle") == ["throttl", "throttl", "throttl"])
        #expect(Terms.of("rotation rotated rotate") == ["rotat", "rotat", "rotat"])
        #expect(Terms.of("logs logged logging") == ["log", "log", "log"])
        #expect(Terms.of("Deployments") == ["deplo"])
        #expect(Terms.stem("configuration") == "configur")
    }

    @Test func stopWordsDigitsAndShortWordsAreHandled() {
        // Stop-words, before and after the stem is cut ("during" is one; a possessive's "s" is a word of one letter).
        #expect(Terms.of("The service's pool was exhausted during the deploy") == ["servic", "pool", "exhaust", "deplo"])
        #expect(Terms.of("a I x") == [])
        // A number keeps its digits whole; letters and digits make one word.
        #expect(Terms.of("us-east-1 had 10000 errors in 2026") == ["east", "10000", "error", "2026"])
        #expect(Terms.of("WHY did THIS happen") == ["happen"])
    }

    @Test func nonASCIITextGivesTheSameTermsForItsASCIIWords() {
        #expect(Terms.of("Deployments — throttled rotation") == Terms.of("Deployments throttled rotation"))
        #expect(Terms.of("café outage") == ["café", "outag"])
    }

    /// A reason names the words people wrote: for each stem, the first word (lower-cased) of the texts that has it;
    /// a stem no text has is given back as it is.
    @Test func stemsAreNamedByTheirFirstWord() {
        #expect(Terms.words(for: ["configur", "throttl", "log", "log", "absent"],
                            in: ["The Configuration was THROTTLED; throttling logs", "configurations logged"])
                == ["configuration", "throttled", "logs", "logs", "absent"])
        // Text beyond ASCII is read scalar by scalar; an earlier text's word wins.
        #expect(Terms.words(for: ["outag", "café"], in: ["Café outages — again", "outage"]) == ["outages", "café"])
        #expect(Terms.words(for: ["pool"], in: ["no match here", "the Pool ran dry"]) == ["pool"])
    }

    /// The ASCII path (bytes) and the scalar path (strings, taken when the text holds any non-ASCII scalar) are two
    /// ways to the same terms: a non-ASCII separator sends the same words through the other one.
    @Test func bothPathsAgreeOnRandomWords() async {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") as [Character]
        let words = Gen<Character?>.element(of: letters).map { $0! }.string(of: 1...12).array(of: 1...8)
        await propertyCheck(count: 500, input: words) { words in
            let ascii = Terms.of(words.joined(separator: " "))
            let scalars = Terms.of(words.joined(separator: " ") + " \u{2014}")
            #expect(ascii == scalars, "\(words)")
        }
        // Every stop-word, in both paths, upper-cased too.
        for word in Terms.stopWords {
            #expect(Terms.of(word) == [] && Terms.of(word.uppercased()) == [] && Terms.of(word + " \u{2014}") == [], "\(word)")
        }
    }
}
