#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Markdown text cut into prose, code and HTML comments, the way CommonMark (and so GitHub) reads it.
///
/// The one Markdown model of the project: the reader's check for a fence or comment that hides the rest of a
/// file, `Prose.content` (the text without the template's comments), the lint text units (code and comments
/// blanked) and inline suppressions (a directive counts only inside a comment) all read this scan, so they
/// agree on what is code and what is a comment.
///
/// What it follows, from the CommonMark spec (0.31): the block structure of block quotes and list items (with
/// lazy paragraph continuation and tab stops of four), fenced code (``` or ~~~ with up to three spaces of indent,
/// closed by a fence of the same character at least as long with nothing after it, a backtick fence's info string
/// without backticks; an unclosed one runs to the end of its container), indented code, HTML comment blocks (a
/// line starting with `<!--`, to the line holding `-->`, blank lines included), and inside paragraphs and
/// headings code spans (backtick runs of equal length; an unmatched run is text), inline comments (`<!--` to the
/// next `-->` in the same paragraph, and `<!-->` and `<!--->`), and backslash escapes. What it leaves as prose:
/// other raw HTML (HTML blocks other than comments, tags, autolinks) and GFM tables, which decide nothing here
/// but in rare corners (a backtick inside a tag's attribute, a `|` inside a code span in a table cell).
///
/// A hand scanner, not cmark-gfm (what GitHub renders with), for linting: it yields just the ranges its callers
/// need, delimiters included, with byte and UTF-16 offsets, lines and columns, where cmark-gfm 0.29.0.gfm.6 (Debian's)
/// builds a whole tree whose source positions fall short (an HTML block ends at "line:0", a code span's position is
/// its content's, inline columns slip after a tab or a hard line break); it follows spec 0.31 for comments, where
/// that cmark-gfm shows `<!-->` and a comment holding `--` as text and misses code spans after a backtick run that
/// closes nothing; it is faster (below); and the lint needs no system library for it. cmark-gfm stays the oracle:
/// `MarkdownOracleTests` compares the two on tricky and random inputs, and rendering HTML may use it later.
///
/// Measured 2026-11-30 on this project's 2-core machine while other builds ran (load average 7.2–8.1), on the
/// 4,000 Markdown files (4.4 MB) of the lint benchmark corpus (`scripts/bench/generate-coes.py`, 1,000 COEs), with
/// `scripts/bench/markdown.sh`: each program reads all files, then parses them ten times (the generated parts hold
/// no code and no comments, so this times the prose path every file takes). Ranges over two runs:
/// parse time alone, per pass over the corpus, cmark-gfm (tree walked for its code and HTML nodes) 60–67 ms, this
/// scan 30–32 ms; hyperfine, whole process, mean wall 572–823 ms against 186–259 ms, user CPU 323–403 ms against
/// 152–153 ms. In one throwaway process, two runs at load 5.8: the three copies it replaced (the reader's check, comment
/// stripping, the lint's blanking) took 72–77 ms a pass together, this scan with `content` and the masking 49–65 ms.
public struct MarkdownScan: Sendable, Equatable {
    /// What a segment of the text is.
    public enum Kind: Sendable, Equatable {
        /// Everything that is not code or a comment, line breaks and container markers (`>`, list markers) included.
        case prose
        /// A fenced code block, from the opening fence to the end of the closing fence's line.
        case fencedCode
        /// An indented code block, from its first line's text after the four columns of indent to its last
        /// line that is not blank.
        case indentedCode
        /// A code span, backticks included.
        case codeSpan
        /// An HTML comment, `<!--` to `-->` included, whether a block of its own or inline.
        case comment
    }

    /// A place in the text: its UTF-8 byte offset, UTF-16 offset, line and column (1-based, in Unicode scalars).
    public struct Location: Sendable, Equatable, Comparable {
        /// The UTF-8 offset.
        public let byte: Int
        /// The UTF-16 offset (what `NSString` and regular expressions count).
        public let utf16: Int
        /// The 1-based line.
        public let line: Int
        /// The 1-based column, in Unicode scalars, as every diagnostic of the project counts it.
        public let column: Int

        /// The line and column.
        public var position: SourcePosition { SourcePosition(line: line, column: column) }

        public static func < (lhs: Location, rhs: Location) -> Bool { lhs.byte < rhs.byte }
    }

    /// One piece of the text; the segments of a scan follow each other and cover the whole text.
    public struct Segment: Sendable, Equatable {
        /// What it is.
        public let kind: Kind
        /// Where it starts.
        public let start: Location
        /// Where it ends (exclusive).
        public let end: Location
        /// False for a fence or comment whose closing delimiter is missing: it runs to the end of its container.
        public let isClosed: Bool

        /// Its UTF-8 offsets.
        public var bytes: Range<Int> { start.byte..<end.byte }
        /// Its UTF-16 offsets.
        public var utf16: Range<Int> { start.utf16..<end.utf16 }
    }

    /// The text scanned.
    public let text: String
    /// The text's segments in order: adjacent, never overlapping, together the whole text.
    public let segments: [Segment]
    /// Each `<!--` written in prose that opens no comment, as no `-->` follows it in its paragraph: GitHub shows
    /// it as text, but its author almost certainly meant a comment.
    public let strayCommentOpeners: [Location]

    /// Scans `text` (LF line endings, as `SourceText` gives).
    public init(_ text: String) {
        var copy = text
        let (raw, stray) = copy.withUTF8 { bytes in
            var scanner = MarkdownBlockScanner(bytes: bytes)
            scanner.run()
            return (scanner.spans, scanner.stray)
        }
        self.text = text
        (segments, strayCommentOpeners) = MarkdownScan.locate(raw, stray: stray, in: text)
    }

    /// The code and comment segments (everything but prose).
    public var spans: [Segment] { segments.filter { $0.kind != .prose } }

    /// The segments of one kind.
    public func segments(_ kind: Kind) -> [Segment] { segments.filter { $0.kind == kind } }

    /// The text of a segment.
    public func text(of segment: Segment) -> Substring {
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: segment.start.byte)..<utf8.index(
            utf8.startIndex, offsetBy: segment.end.byte)])
    }

    /// The text as UTF-16 with every code unit of code and comments replaced by a space, line breaks kept: same
    /// length, so every offset still maps to the file.
    public func maskedUTF16() -> [UInt16] {
        var units = text.utf16Units
        for segment in segments where segment.kind != .prose {
            for index in segment.utf16 where units[index] != 0x0A { units[index] = 0x20 }
        }
        return units
    }

    /// The text without its HTML comments (an unclosed comment block takes the rest of its container with it).
    public func removingComments() -> String {
        let comments = segments.filter { $0.kind == .comment }
        guard !comments.isEmpty else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var copy = text
        copy.withUTF8 { bytes in
            var from = 0
            for comment in comments {
                result.append(contentsOf: bytes[from..<comment.start.byte])
                from = comment.end.byte
            }
            result.append(contentsOf: bytes[from...])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Turns the scanner's byte ranges into segments with full locations, in one pass over the text.
    private static func locate(_ raw: [MarkdownBlockScanner.Span], stray: [Int], in text: String)
        -> ([Segment], [Location]) {
        let spans = raw.sorted { $0.start < $1.start }
        let count = text.utf8.count
        // Prose fills the gaps, so the segments cover the text.
        var pieces: [(kind: Kind, start: Int, end: Int, closed: Bool)] = []
        pieces.reserveCapacity(spans.count * 2 + 1)
        var at = 0
        for span in spans {
            if span.start > at { pieces.append((.prose, at, span.start, true)) }
            pieces.append((span.kind, span.start, span.end, span.closed))
            at = span.end
        }
        if at < count { pieces.append((.prose, at, count, true)) }

        // The segments' bounds and the stray openers, both ascending, located in one walk over the bytes.
        let bounds = pieces.map(\.start) + [count], strays = stray.sorted()
        var boundLocations: [Location] = [], strayLocations: [Location] = []
        boundLocations.reserveCapacity(bounds.count)
        var copy = text
        copy.withUTF8 { bytes in
            var index = 0, utf16 = 0, line = 1, column = 1
            func location(_ target: Int) -> Location {
                while index < target {
                    let byte = bytes[index]
                    if byte == 0x0A { line += 1; column = 1; utf16 += 1 }
                    else if byte & 0xC0 != 0x80 { column += 1; utf16 += byte >= 0xF0 ? 2 : 1 }
                    index += 1
                }
                return Location(byte: target, utf16: utf16, line: line, column: column)
            }
            var next = 0
            for bound in bounds {
                while next < strays.count, strays[next] < bound { strayLocations.append(location(strays[next])); next += 1 }
                boundLocations.append(location(bound))
            }
        }
        let segments = pieces.indices.map { index in
            Segment(kind: pieces[index].kind, start: boundLocations[index], end: boundLocations[index + 1],
                    isClosed: pieces[index].closed)
        }
        return (segments, strayLocations)
    }
}

/// The block and inline scan behind `MarkdownScan`, over UTF-8 bytes: CommonMark's line-by-line block algorithm,
/// keeping only what decides where code and comments are.
struct MarkdownBlockScanner {
    struct Span {
        var kind: MarkdownScan.Kind
        var start: Int
        var end: Int
        var closed: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var spans: [Span] = []
    private(set) var stray: [Int] = []

    private enum Container {
        case quote
        /// A list item: the columns of indent its content lines need, and whether it holds anything yet (an
        /// item that starts with a blank line ends at a second one).
        case item(indent: Int, hasContent: Bool)
    }

    private enum Leaf {
        case none
        case paragraph(start: Int, end: Int)
        case fenced(marker: UInt8, length: Int, start: Int, end: Int)
        case indented(start: Int, end: Int)
        case comment(start: Int, end: Int)
    }

    private enum Start {
        case heading(content: Int), fence(marker: UInt8, length: Int), comment, closesParagraph, indented
    }

    private var containers: [Container] = []
    private var leaf = Leaf.none

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, backtick: UInt8 = 0x60
    private static let tilde: UInt8 = 0x7E, less: UInt8 = 0x3C, bang: UInt8 = 0x21, dash: UInt8 = 0x2D
    private static let greater: UInt8 = 0x3E, backslash: UInt8 = 0x5C

    /// A position in a line with tab stops of four: a tab may be partly consumed (a block quote's optional
    /// space, or a list item's indent, can take one column of it).
    private struct Cursor {
        var position: Int
        var column = 0
        let end: Int

        /// The columns of white space ahead, and where the first other byte (or the line's end) is.
        func peek(_ bytes: UnsafeBufferPointer<UInt8>) -> (indent: Int, first: Int, firstColumn: Int) {
            var index = position, col = column
            while index < end {
                if bytes[index] == space { col += 1 } else if bytes[index] == tab { col += 4 - col % 4 } else { break }
                index += 1
            }
            return (col - column, index, col)
        }

        mutating func advance(columns: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
            var left = columns
            while left > 0, position < end {
                if bytes[position] == tab {
                    let width = 4 - column % 4
                    if width > left { column += left; return }
                    column += width
                    left -= width
                } else {
                    column += 1
                    left -= 1
                }
                position += 1
            }
        }

        mutating func move(to index: Int, column: Int) {
            position = index
            self.column = column
        }
    }

    mutating func run() {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        var lineStart = 0
        while lineStart < count {
            let found = memchr(base + lineStart, Int32(MarkdownBlockScanner.newline), count - lineStart)
            let lineEnd = found.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? count
            line(lineStart, lineEnd)
            lineStart = lineEnd + 1
        }
        closeLeaf()
    }

    private var leafIsParagraph: Bool { if case .paragraph = leaf { true } else { false } }

    private mutating func line(_ start: Int, _ end: Int) {
        var cursor = Cursor(position: start, end: end)
        // 1. Which open containers this line continues.
        var matched = 0
        matching: for index in containers.indices {
            let (indent, first, firstColumn) = cursor.peek(bytes)
            switch containers[index] {
            case .quote:
                guard indent <= 3, first < end, bytes[first] == Self.greater else { break matching }
                cursor.move(to: first + 1, column: firstColumn + 1)
                optionalSpace(&cursor)
            case .item(let needed, let hasContent):
                if indent >= needed { cursor.advance(columns: needed, bytes) }
                else if first == end && hasContent { cursor.move(to: first, column: firstColumn) }
                else { break matching }
            }
            matched += 1
        }
        let allMatched = matched == containers.count
        let (indent, first, _) = cursor.peek(bytes)
        let blank = first == end
        if !blank {
            for index in 0..<matched {
                if case .item(let needed, _) = containers[index] {
                    containers[index] = .item(indent: needed, hasContent: true)
                }
            }
        }

        // 2. The open leaf, when every container goes on: code and comment blocks take the line whole.
        if allMatched {
            switch leaf {
            case .fenced(let marker, let length, let fenceStart, _):
                if indent <= 3, closesFence(first, end, marker: marker, length: length) {
                    spans.append(Span(kind: .fencedCode, start: fenceStart, end: end, closed: true))
                    leaf = .none
                } else {
                    leaf = .fenced(marker: marker, length: length, start: fenceStart, end: end)
                }
                return
            case .comment(let commentStart, _):
                if let close = find(Self.dash, Self.dash, Self.greater, from: cursor.position, to: end) {
                    spans.append(Span(kind: .comment, start: commentStart, end: close + 3, closed: true))
                    leaf = .none
                    inline(from: close + 3, to: end, codeSpans: false)
                } else {
                    leaf = .comment(start: commentStart, end: end)
                }
                return
            case .indented(let codeStart, _):
                // A blank line may go on inside the block; it ends at its last line with text.
                if blank { return }
                if indent >= 4 { leaf = .indented(start: codeStart, end: end); return }
                closeLeaf()
            case .paragraph:
                if blank { closeLeaf() }
            case .none:
                break
            }
        }

        // 3. New containers and the start of a new leaf, in CommonMark's order.
        // An indented line after a paragraph continues it, unless a new container came first on the line.
        var maybeLazy = leafIsParagraph
        var opened: [Container] = []
        var start: Start?
        starting: while true {
            let (indent, first, firstColumn) = cursor.peek(bytes)
            if indent >= 4 {
                if !maybeLazy && first < end { start = .indented }
                break
            }
            guard first < end else { break }
            let byte = bytes[first]
            if byte == Self.greater {
                cursor.move(to: first + 1, column: firstColumn + 1)
                optionalSpace(&cursor)
                opened.append(.quote)
                maybeLazy = false
                continue
            }
            if let content = atxHeading(first, end) { start = .heading(content: content); break }
            if let (marker, length) = opensFence(first, end) { start = .fence(marker: marker, length: length); break }
            if startsComment(first, end) { start = .comment; break }
            if allMatched, opened.isEmpty, leafIsParagraph, isSetextUnderline(first, end) { start = .closesParagraph; break }
            if isThematicBreak(first, end) { start = .closesParagraph; break }
            let interrupts = allMatched && opened.isEmpty && leafIsParagraph
            if let (width, emptyItem) = listMarker(first, end, interruptingParagraph: interrupts) {
                cursor.move(to: first + width, column: firstColumn + width)
                let (spaces, _, _) = cursor.peek(bytes)
                let padding = emptyItem || spaces >= 5 ? 1 : spaces
                if !emptyItem { cursor.advance(columns: padding, bytes) }
                opened.append(.item(indent: indent + width + padding, hasContent: !emptyItem))
                maybeLazy = false
                continue
            }
            break
        }

        // 4. A lazy continuation line: the paragraph goes on though some containers did not.
        if !allMatched, opened.isEmpty, start == nil, leafIsParagraph, !blank, case .paragraph(let from, _) = leaf {
            leaf = .paragraph(start: from, end: end)
            return
        }
        if !allMatched || !opened.isEmpty || start != nil {
            closeLeaf()
            containers.removeSubrange(matched...)
            containers += opened
        }
        // Where the line's text starts after the containers opened on it.
        let text = cursor.peek(bytes).first
        switch start {
        case .heading(let content):
            inline(from: content, to: end, codeSpans: true)
        case .fence(let marker, let length):
            leaf = .fenced(marker: marker, length: length, start: text, end: end)
        case .comment:
            // `<!-->` and `<!--->` close themselves: the end condition is looked for from the `<!--` on.
            if let close = find(Self.dash, Self.dash, Self.greater, from: text + 2, to: end) {
                spans.append(Span(kind: .comment, start: text, end: close + 3, closed: true))
                inline(from: close + 3, to: end, codeSpans: false)
            } else {
                leaf = .comment(start: text, end: end)
            }
        case .indented:
            cursor.advance(columns: 4, bytes)
            leaf = .indented(start: cursor.position, end: end)
        case .closesParagraph:
            break
        case nil:
            if text == end { break }
            if case .paragraph(let from, _) = leaf { leaf = .paragraph(start: from, end: end) }
            else { leaf = .paragraph(start: text, end: end) }
        }
    }

    private mutating func closeLeaf() {
        switch leaf {
        case .none: break
        case .paragraph(let start, let end): inline(from: start, to: end, codeSpans: true)
        case .fenced(_, _, let start, let end): spans.append(Span(kind: .fencedCode, start: start, end: end, closed: false))
        case .indented(let start, let end): spans.append(Span(kind: .indentedCode, start: start, end: end, closed: true))
        case .comment(let start, let end): spans.append(Span(kind: .comment, start: start, end: end, closed: false))
        }
        leaf = .none
    }

    /// A block quote's marker may be followed by one space, or one column of a tab.
    private func optionalSpace(_ cursor: inout Cursor) {
        guard cursor.position < cursor.end else { return }
        if bytes[cursor.position] == Self.space { cursor.move(to: cursor.position + 1, column: cursor.column + 1) }
        else if bytes[cursor.position] == Self.tab { cursor.advance(columns: 1, bytes) }
    }

    private func run(of byte: UInt8, from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == byte { index += 1 }
        return index - start
    }

    private func isBlank(from start: Int, to end: Int) -> Bool {
        var index = start
        while index < end, bytes[index] == Self.space || bytes[index] == Self.tab { index += 1 }
        return index == end
    }

    /// Where `a b c` first occurs in `start..<end`.
    private func find(_ a: UInt8, _ b: UInt8, _ c: UInt8, from start: Int, to end: Int) -> Int? {
        var index = max(start, 0)
        while index + 2 < end {
            if bytes[index] == a, bytes[index + 1] == b, bytes[index + 2] == c { return index }
            index += 1
        }
        return nil
    }

    private func opensFence(_ first: Int, _ end: Int) -> (UInt8, Int)? {
        let marker = bytes[first]
        guard marker == Self.backtick || marker == Self.tilde else { return nil }
        let length = run(of: marker, from: first, to: end)
        guard length >= 3 else { return nil }
        if marker == Self.backtick, (first + length..<end).contains(where: { bytes[$0] == Self.backtick }) { return nil }
        return (marker, length)
    }

    private func closesFence(_ first: Int, _ end: Int, marker: UInt8, length: Int) -> Bool {
        let count = run(of: marker, from: first, to: end)
        return count >= length && isBlank(from: first + count, to: end)
    }

    private func startsComment(_ first: Int, _ end: Int) -> Bool {
        first + 3 < end && bytes[first] == Self.less && bytes[first + 1] == Self.bang && bytes[first + 2] == Self.dash
            && bytes[first + 3] == Self.dash
    }

    /// Where an ATX heading's text starts, when the line is one.
    private func atxHeading(_ first: Int, _ end: Int) -> Int? {
        let hashes = run(of: 0x23, from: first, to: end)
        guard (1...6).contains(hashes) else { return nil }
        let after = first + hashes
        guard after == end || bytes[after] == Self.space || bytes[after] == Self.tab else { return nil }
        return after
    }

    private func isSetextUnderline(_ first: Int, _ end: Int) -> Bool {
        let byte = bytes[first]
        guard byte == 0x3D || byte == Self.dash else { return false }
        return isBlank(from: first + run(of: byte, from: first, to: end), to: end)
    }

    private func isThematicBreak(_ first: Int, _ end: Int) -> Bool {
        let byte = bytes[first]
        guard byte == 0x2A || byte == Self.dash || byte == 0x5F else { return false }
        var count = 0
        for index in first..<end {
            if bytes[index] == byte { count += 1 }
            else if bytes[index] != Self.space && bytes[index] != Self.tab { return false }
        }
        return count >= 3
    }

    /// A list item's marker at `first`: its width, and whether the item's first line is empty.
    private func listMarker(_ first: Int, _ end: Int, interruptingParagraph: Bool) -> (Int, Bool)? {
        let byte = bytes[first]
        var width: Int
        if byte == Self.dash || byte == 0x2B || byte == 0x2A {
            width = 1
        } else {
            let digits = run(ofDigitsFrom: first, to: end)
            let delimiter = first + digits
            guard (1...9).contains(digits), delimiter < end, bytes[delimiter] == 0x2E || bytes[delimiter] == 0x29 else {
                return nil
            }
            // Only a list that starts at 1 may interrupt a paragraph (so a wrapped "2017. was a year" stays text).
            if interruptingParagraph, digits != 1 || bytes[first] != 0x31 { return nil }
            width = digits + 1
        }
        let after = first + width
        guard after == end || bytes[after] == Self.space || bytes[after] == Self.tab else { return nil }
        let empty = isBlank(from: after, to: end)
        if interruptingParagraph && empty { return nil }
        return (width, empty)
    }

    private func run(ofDigitsFrom start: Int, to end: Int) -> Int {
        var index = start
        while index < end, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return index - start
    }

    /// Code spans and comments in the inline text `start..<end` (a paragraph, with the container markers of its
    /// later lines, which hold neither backticks nor `<!--`).
    private mutating func inline(from start: Int, to end: Int, codeSpans: Bool) {
        var index = start
        // Runs of a length with no closer left, and whether no `-->` is left: each search fails once at most,
        // so a paragraph of unmatched openers costs linear time.
        var unmatchedRuns: Set<Int> = []
        var noCommentEnd = false
        while index < end {
            let byte = bytes[index]
            if byte == Self.backslash {
                index += index + 1 < end && isASCIIPunctuation(bytes[index + 1]) ? 2 : 1
                continue
            }
            if byte == Self.backtick && codeSpans {
                let length = run(of: Self.backtick, from: index, to: end)
                if !unmatchedRuns.contains(length), let close = closingRun(length, from: index + length, to: end) {
                    spans.append(Span(kind: .codeSpan, start: index, end: close + length, closed: true))
                    index = close + length
                } else {
                    unmatchedRuns.insert(length)
                    index += length
                }
                continue
            }
            if byte == Self.less, startsComment(index, end) {
                let close: Int?
                if index + 4 < end, bytes[index + 4] == Self.greater { close = index + 2 }
                else if index + 5 < end, bytes[index + 4] == Self.dash, bytes[index + 5] == Self.greater {
                    close = index + 3
                }
                else { close = noCommentEnd ? nil : find(Self.dash, Self.dash, Self.greater, from: index + 4, to: end) }
                if let close {
                    spans.append(Span(kind: .comment, start: index, end: close + 3, closed: true))
                    index = close + 3
                } else {
                    noCommentEnd = true
                    stray.append(index)
                    index += 4
                }
                continue
            }
            index += 1
        }
    }

    /// The start of the next run of exactly `length` backticks.
    private func closingRun(_ length: Int, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == Self.backtick {
                let count = run(of: Self.backtick, from: index, to: end)
                if count == length { return index }
                index += count
            } else {
                index += 1
            }
        }
        return nil
    }

    private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}
