import COEFormat
import Foundation

/// A piece of a COE's text a rule reads, with a way back to file, line and column.
///
/// Markdown parts become one unit each, with code blocks, code spans and HTML
/// comments blanked out as `MarkdownScan` finds them (same length, so offsets still
/// map to the file). Each YAML text value (a timeline event, a why, an action's
/// title …) is a unit of its own.
public final class TextUnit {
    /// The repository-relative file the text is in.
    public let file: String
    /// The text to match against (blanked where it must not be read); made from `utf16` when first asked for.
    public private(set) lazy var text: String = TextUnit.string(utf16)
    /// The text as UTF-16 (what positions and regular expressions count in).
    public let utf16: [UInt16]
    /// The part it belongs to (nil for the title in coe.yaml).
    public let part: Part?
    /// The YAML key the text came from; nil for Markdown.
    public let field: String?
    private let locator: Locator

    private enum Locator {
        /// The file's text as written (positions are computed from it, only when a finding needs one).
        case prose(original: String)
        case yaml(TextLocation)
    }

    /// The original text of a Markdown part as UTF-16, and where each of its lines starts, made when the
    /// first finding needs a position. Walking the text from its start for every finding made a 1 MiB
    /// part with many findings take 96 s to lint (issue 13's fuzzing); a binary search over line starts
    /// makes each position cost its line's length.
    private lazy var proseLines: (units: [UInt16], starts: [Int], lowSurrogates: [Int]) = {
        guard case .prose(let original) = locator else { return ([], [0], []) }
        let units = original.utf16Units
        var starts = [0]
        var lowSurrogates: [Int] = []
        for (index, unit) in units.enumerated() {
            if unit == 0x0A { starts.append(index + 1) } else if unit >= 0xDC00 && unit <= 0xDFFF { lowSurrogates.append(index) }
        }
        return (units, starts, lowSurrogates)
    }()

    /// The times and vague dates in the text (`TimeExpression`), found once for every rule that reads them.
    public private(set) lazy var times: [TimeExpression] = TimeExpression.scan(self)

    /// The text lower-cased, code unit for code unit (same offsets as `utf16`).
    public private(set) lazy var lowercasedUTF16: [UInt16] = WordList.lowercased(utf16)
    /// The words of the text and each word's hashes, made once, in one pass for ASCII text (`WordList.wordsAndHashes`).
    lazy var wordsAndHashes: (words: [WordList.Word], hashes: [WordList.WordHashes]) =
        WordList.wordsAndHashes(of: utf16, lowercased: { self.lowercasedUTF16 })
    /// The words of the text, split once.
    public var words: [WordList.Word] { wordsAndHashes.words }
    /// Each word's hash as written, lower-cased, and both without a possessive (see `WordList`).
    var wordHashes: [WordList.WordHashes] { wordsAndHashes.hashes }

    /// The text folded for the names and secrets rules (`TextFold`); nil when folding changes nothing.
    lazy var fold: TextFold? = {
        let fold = TextFold(utf16)
        return fold.isIdentity ? nil : fold
    }()

    /// The folded text as a unit of its own (its offsets are the fold's: map them back with `fold`).
    lazy var folded: TextUnit = {
        guard let fold else { return self }
        return TextUnit(file: file, text: TextUnit.string(fold.utf16), part: part, field: field ?? "", location: nil)
    }()

    /// A string of UTF-16 code units: ASCII (most COE text) copied byte for byte, anything else transcoded.
    /// `String(decoding:as: UTF16.self)` takes its slow path, scalar by scalar, for every text: it was 7 % of
    /// `coe lint` of the 1,000-COE benchmark. The rules make their words, sentences and matches from slices of a
    /// unit's UTF-16 through this too: through `String(decoding:as:)`, those 35,600 strings (a few thousand
    /// instructions each) were 10.6 % of `coe lint --no-cache` of 100 generated COEs (198.7 of 1,867.7 million
    /// instructions, callgrind, 2026-12-02).
    static func string(_ units: [UInt16]) -> String { string(units[...]) }

    /// A string of a slice of UTF-16 code units (see `string(_:)`).
    static func string(_ units: ArraySlice<UInt16>) -> String {
        units.withUnsafeBufferPointer { source in
            guard !source.isEmpty else { return "" }
            for unit in source where unit >= 0x80 { return String(decoding: source, as: UTF16.self) }
            return String(unsafeUninitializedCapacity: source.count) { buffer in
                for index in 0..<source.count { buffer[index] = UInt8(truncatingIfNeeded: source[index]) }
                return source.count
            }
        }
    }

    /// The text of a word, as written.
    public func text(of word: WordList.Word) -> String {
        TextUnit.string(utf16[word.start..<(word.start + word.length)])
    }

    /// A Markdown part.
    init(prose: Prose, part: Part) {
        file = prose.file
        self.part = part
        field = nil
        utf16 = prose.markdown.maskedUTF16()
        locator = .prose(original: prose.text)
    }

    /// A YAML text value.
    init(file: String, text: String, part: Part?, field: String, location: TextLocation?) {
        self.file = file
        utf16 = text.utf16Units
        self.part = part
        self.field = field
        locator = .yaml(location ?? TextLocation(position: SourcePosition(line: 1, column: 1), columnsExact: false))
        self.text = text
    }

    /// True when the ASCII text `needle` occurs (a scan of the UTF-16, no string made). Over the buffers, the needle
    /// read from its UTF-8: with the needle made an array for every call and the text indexed with bounds checks,
    /// I3's two calls for every text were 1.4 % of the instructions of `coe lint --no-cache` of 100 generated COEs
    /// (19.0 of 1,312.0 million; callgrind, 2026-12-02).
    public func contains(ascii needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pin -> Bool in
            guard let first = pin.first else { return true }
            guard utf16.count >= pin.count else { return false }
            return utf16.withUnsafeBufferPointer { units -> Bool in
                let head = UInt16(first)
                var index = 0
                while index <= units.count - pin.count {
                    if units[index] == head {
                        var offset = 1
                        while offset < pin.count, units[index + offset] == UInt16(pin[offset]) { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// The file position of a UTF-16 offset into `text`.
    public func position(atUTF16 offset: Int) -> SourcePosition {
        switch locator {
        case .prose:
            let (units, starts, lowSurrogates) = proseLines
            let end = min(max(offset, 0), units.count)
            // The last line start at or before `end` (binary search).
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= end { low = middle } else { high = middle - 1 }
            }
            // Columns count Unicode scalars: every code unit but the second of a surrogate pair, counted by
            // binary search in the list of those (counting along the line made a line of 32,000 findings
            // cost the square of its length).
            func surrogates(before limit: Int) -> Int {
                var lower = 0, upper = lowSurrogates.count
                while lower < upper {
                    let middle = (lower + upper) / 2
                    if lowSurrogates[middle] < limit { lower = middle + 1 } else { upper = middle }
                }
                return lower
            }
            let column = 1 + (end - starts[low]) - (surrogates(before: end) - surrogates(before: starts[low]))
            return SourcePosition(line: low + 1, column: column)
        case .yaml(let location):
            let prefix = utf16.prefix(min(offset, utf16.count))
            return location.position(atOffset: String(decoding: prefix, as: UTF16.self).unicodeScalars.count)
        }
    }

    /// The position where the value or file starts.
    public var start: SourcePosition { position(atUTF16: 0) }

    /// Where a YAML text value was written (nil for Markdown).
    public var yamlLocation: TextLocation? {
        if case .yaml(let location) = locator { return location }
        return nil
    }
}
