import Foundation

/// A compiled regular expression, shared between threads (NSRegularExpression is immutable and thread-safe).
public final class Pattern: @unchecked Sendable {
    let regex: NSRegularExpression

    public init(_ pattern: String, caseInsensitive: Bool = false) {
        var options: NSRegularExpression.Options = []
        if caseInsensitive { options.insert(.caseInsensitive) }
        // The patterns are the rules' own constants: a bad one is a programming error found by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: options)
    }

    /// Every match: its UTF-16 range and the captured groups (nil where a group did not take part).
    public func matches(in text: String) -> [Match] {
        let nsText = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: nsText.length)).map { result in
            Match(range: result.range, text: nsText.substring(with: result.range),
                  groups: (0..<result.numberOfRanges).map { index in
                      let range = result.range(at: index)
                      return range.location == NSNotFound ? nil : Match.Group(range: range, text: nsText.substring(with: range))
                  })
        }
    }

    public func firstMatch(in text: String) -> Match? { matches(in: text).first }

    /// Every match in a unit's text.
    public func matches(in unit: TextUnit) -> [Match] { unit.text.isEmpty ? [] : matches(in: unit.text) }

    public struct Match {
        public struct Group {
            public let range: NSRange
            public let text: String
        }
        public let range: NSRange
        public let text: String
        /// Group 0 is the whole match.
        public let groups: [Group?]
    }
}
