import COEFormat
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

    /// Every match in a unit's text, searched piece by piece: the text is cut at each `separator`, and only the
    /// pieces `mayMatch` lets through are searched. The same matches as `matches(in:)` when no match can hold the
    /// separator and the pattern looks no further than a word boundary past a match (the separator being no
    /// word character, a piece's edge is a boundary as it is), which is the caller's to know of its pattern.
    ///
    /// For an expression run on every COE's prose whose matches are rare: ICU walks every position of the text
    /// (I5's `speculation`, searched in every impact.md, was 7 % of the instructions of `coe lint --no-cache` of
    /// 100 generated COEs, 130.8 of 1,867.7 million; callgrind, 2026-12-02), and most sentences lack a word every
    /// match needs.
    public func matches(in unit: TextUnit, cutAt separator: UInt16, where mayMatch: (ArraySlice<UInt16>) -> Bool) -> [Match] {
        let utf16 = unit.utf16
        var result: [Match] = []
        var start = 0
        while start < utf16.count {
            var end = start
            while end < utf16.count, utf16[end] != separator { end += 1 }
            let piece = utf16[start..<end]
            if !piece.isEmpty, mayMatch(piece) {
                result += matches(in: TextUnit.string(piece)).map { $0.shifted(by: start) }
            }
            start = end + 1
        }
        return result
    }

    /// Every match in a unit's text.
    public func matches(in unit: TextUnit) -> [Match] { unit.text.isEmpty ? [] : matches(in: unit.text) }

    /// The text of `units` lower-cased as ASCII bytes, for a cheap test of the words a case-insensitive pattern needs
    /// before it is run (`[UInt8].containsBytes`); nil for text beyond ASCII, where such a test cannot say no: ICU's
    /// case-insensitive matching folds some of it to ASCII letters ("ß" to "ss", "ſ" to "s", "ﬆ" to "st").
    ///
    /// Each search through NSRegularExpression costs 50,000–70,000 instructions before it reads a character (the
    /// bridged string, ICU's matcher set up), however short the text: on a COE's title, T2's two expressions were
    /// 14.2 million instructions for 100 generated COEs (callgrind, 2026-12-02).
    static func asciiLowercased(_ units: ArraySlice<UInt16>) -> [UInt8]? {
        var ascii = true
        let lower = [UInt8](unsafeUninitializedCapacity: units.count) { buffer, count in
            count = 0
            for unit in units {
                guard unit < 0x80 else { ascii = false; return }
                buffer[count] = UInt8(unit >= 0x41 && unit <= 0x5A ? unit + 32 : unit)
                count += 1
            }
        }
        return ascii ? lower : nil
    }

    /// False only when `units` are ASCII and hold none of `words` (lower-case ASCII) in any case (see `asciiLowercased`).
    static func mayHold(anyOf words: [String], in units: ArraySlice<UInt16>) -> Bool {
        guard let lower = asciiLowercased(units) else { return true }
        return words.contains { lower.containsBytes($0) }
    }

    public struct Match {
        public struct Group {
            public let range: NSRange
            public let text: String
        }
        public let range: NSRange
        public let text: String
        /// Group 0 is the whole match.
        public let groups: [Group?]

        /// The match with its ranges `offset` code units later (found in a piece of a text that starts there).
        func shifted(by offset: Int) -> Match {
            guard offset != 0 else { return self }
            func shift(_ range: NSRange) -> NSRange { NSRange(location: range.location + offset, length: range.length) }
            return Match(range: shift(range), text: text, groups: groups.map { $0.map { Group(range: shift($0.range), text: $0.text) } })
        }
    }
}
