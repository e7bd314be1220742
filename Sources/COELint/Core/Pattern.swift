import Foundation

/// A regular expression, compiled when it is first matched, shared between threads (NSRegularExpression is
/// immutable and thread-safe; the lock guards only the compiling).
///
/// Compiled lazily because most COEs never reach most of the rules' expressions (they sit behind cheaper
/// tests), and compiling costs: ICU's first compile builds its static sets (7.8 million instructions), and
/// each expression 0.1–1.3 million more; compiled with their rules' tables, they were a tenth of `coe lint <id>`.
public final class Pattern: @unchecked Sendable {
    private let pattern: String
    private let options: NSRegularExpression.Options
    private let lock = NSLock()
    private var compiled: NSRegularExpression?

    public init(_ pattern: String, caseInsensitive: Bool = false) {
        self.pattern = pattern
        options = caseInsensitive ? [.caseInsensitive] : []
    }

    /// The compiled expression (compiled on first use).
    var regex: NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        // The patterns are the rules' own constants: a bad one is a programming error found by the tests.
        let regex = try! NSRegularExpression(pattern: pattern, options: options)
        compiled = regex
        return regex
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
