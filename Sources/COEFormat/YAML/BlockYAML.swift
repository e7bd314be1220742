#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the plain block YAML that COE files are written in straight into a `YAMLNode`, without libyaml; anything
/// else is left to libyaml (`YAMLParser`), which reads it and words its errors.
///
/// What it takes: block mappings whose keys are plain words; block sequences (also one written at its key's
/// indentation); one-line plain scalars (a ` #` comment may follow); one-line flow lists of plain scalars
/// (`[a, b]`); literal block scalars written `|` with clipped ends; comments and blank lines. What it leaves to
/// libyaml (answering nil): quotes, folded or chomped block scalars, plain scalars over several lines, flow
/// mappings, anchors, aliases, tags, directives, document markers, tabs, CR, control characters and the line breaks
/// and BOM that libyaml reads specially, duplicate keys, and anything libyaml refuses. A tree it does build is
/// the one `YAMLParser` composes from libyaml's events, positions (columns in Unicode scalars) and `quoted`
/// flags included: `YAMLParserAgreementTests` compares the two on every generated COE file and on mutated copies.
///
/// Why: libyaml scans, copies and frees every token and event, 163 instructions a byte. `coe lint --no-cache` of
/// 1,000 generated COEs (W7 off) parsed their 12,000 YAML files (14.2 MB) in 3,284 million instructions, 2,313
/// million of them in libyaml (10,248 million in all; callgrind, 2026-12-02). Read here, they take 870 million and
/// the run 7,847 million (−23.4 %), its findings byte-identical.
enum BlockYAML {
    /// The document's root (nil for one of only comments and blank lines), or nil when the text uses anything not
    /// taken here (see above), so that libyaml reads it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: ReadLimits) -> YAMLNode?? {
        var reader = Reader(bytes: bytes, limits: limits)
        guard reader.splitLines() else { return nil }
        do {
            return .some(try reader.document())
        } catch {
            return nil
        }
    }

    /// Thrown when the text uses something this reader leaves to libyaml.
    struct Unsupported: Error {}

    struct Line {
        /// Byte offsets: where the line starts, where its content starts (after the indentation) and where it
        /// ends (at its LF).
        let start: Int
        let content: Int
        let end: Int
        /// No byte over 0x7F (a column is a byte).
        let ascii: Bool
        var indent: Int { content - start }
        var isBlank: Bool { content == end }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let limits: ReadLimits
        var lines: [Line] = []
        /// Nodes made so far (keys included, as `YAMLParser` counts them).
        var nodes = 0
        /// Deepest nesting taken here (this reader recurses; `YAMLParser` does not): deeper is left to libyaml,
        /// which refuses it past `limits.yamlDepth`. A COE file nests a dozen levels, a five-whys tree two a why.
        let maximumDepth: Int

        init(bytes: UnsafeBufferPointer<UInt8>, limits: ReadLimits) {
            self.bytes = bytes
            self.limits = limits
            maximumDepth = min(limits.yamlDepth, 32)
        }

        /// Splits the text into lines, answering false for a byte or character libyaml reads specially (a tab,
        /// CR, a control character, NEL, LS, PS, a BOM or a noncharacter) and for a last line without its LF.
        ///
        /// Each line's end is found with `memchr` and its bytes checked eight at a time, a byte at a time only
        /// where a word holds a byte under 0x20 or over 0x7E (a byte at a time throughout, the 12,000 files of
        /// 1,000 generated COEs cost 235 million instructions here, and 73 million so; callgrind, 2026-12-02). A line
        /// of ASCII alone is marked, so that a column on it is its byte offset (counted, 41 million; so, 7 million).
        mutating func splitLines() -> Bool {
            let count = bytes.count
            guard count > 0, let base = bytes.baseAddress, bytes[count - 1] == 0x0A else { return false }
            let raw = UnsafeRawPointer(base)
            lines.reserveCapacity(count / 24)
            var start = 0
            while start < count {
                // There is an LF at the end, so memchr finds one.
                let end = UnsafeRawPointer(memchr(raw + start, 0x0A, count - start)!) - raw
                var content = start
                while content < end && bytes[content] == 0x20 { content += 1 }
                // Document markers and directives.
                if content == start && content < end {
                    let byte = bytes[content]
                    if byte == 0x25 { return false }
                    if (byte == 0x2D || byte == 0x2E) && content + 2 < end && bytes[content + 1] == byte && bytes[content + 2] == byte {
                        return false
                    }
                }
                var index = content
                var ascii = true
                while index < end {
                    if index + 8 <= end {
                        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        let low = word & 0x7F7F_7F7F_7F7F_7F7F
                        // A high bit where a byte is under 0x20 or over 0x7E.
                        let special = (~((low &+ 0x6060_6060_6060_6060) | word) | ((low &+ 0x0101_0101_0101_0101) | word)) & 0x8080_8080_8080_8080
                        if special == 0 {
                            index += 8
                            continue
                        }
                    }
                    let byte = bytes[index]
                    if byte < 0x20 || byte == 0x7F { return false }
                    if byte >= 0x80 {
                        ascii = false
                        // Valid UTF-8 (a Swift string's bytes): only the lead bytes of what libyaml reads specially.
                        if byte == 0xC2, bytes[index + 1] < 0xA0 { return false }
                        if byte == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return false }
                        if byte == 0xEF, (bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF)
                            || (bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE) { return false }
                    }
                    index += 1
                }
                lines.append(Line(start: start, content: content, end: end, ascii: ascii))
                start = end + 1
            }
            return true
        }

        func position(line: Int, at offset: Int) -> SourcePosition {
            let start = lines[line].start
            if lines[line].ascii { return SourcePosition(line: line + 1, column: offset - start + 1) }
            var column = 1
            var index = start
            while index < offset {
                if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
            return SourcePosition(line: line + 1, column: column)
        }

        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }

        /// The first line from `line` on that is neither blank nor a comment.
        func nextContent(_ line: Int) -> Int {
            var index = line
            while index < lines.count {
                let item = lines[index]
                if !item.isBlank && bytes[item.content] != 0x23 { return index }
                index += 1
            }
            return index
        }

        /// True when `offset` on a line holds `-` followed by a space or the line's end (a block list's item).
        func isEntry(_ offset: Int, end: Int) -> Bool {
            bytes[offset] == 0x2D && (offset + 1 == end || bytes[offset + 1] == 0x20)
        }

        mutating func count() throws {
            nodes += 1
            if nodes > limits.yamlNodes { throw Unsupported() }
        }

        mutating func document() throws -> YAMLNode? {
            let first = nextContent(0)
            guard first < lines.count else { return nil }
            var next = first
            let root = try collection(at: first, depth: 1, next: &next)
            guard nextContent(next) == lines.count else { throw Unsupported() }
            return root
        }

        /// The list or mapping whose first line is `line` (a line's content at its indentation).
        mutating func collection(at line: Int, depth: Int, next: inout Int) throws -> YAMLNode {
            let item = lines[line]
            if isEntry(item.content, end: item.end) {
                return try sequence(at: line, indent: item.indent, indentless: false, depth: depth, next: &next)
            }
            return try mapping(at: line, keyStart: item.content, indent: item.indent, depth: depth, next: &next)
        }

        /// Where a plain scalar starting at `from` ends on its line (before trailing spaces), and whether it ends at
        /// a `:` that makes it a key. Throws on what a plain scalar cannot start with, and in flow on a flow
        /// indicator or `:` it cannot hold.
        func plain(from: Int, end: Int, flow: Bool) throws -> (end: Int, isKey: Bool, stop: Int) {
            let first = bytes[from]
            switch first {
            case 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:
                throw Unsupported()  // ? : , [ ] { } # & * ! | > ' " % @ `
            case 0x2D:
                if from + 1 == end || bytes[from + 1] == 0x20 || bytes[from + 1] == 0x2C || bytes[from + 1] == 0x5D { throw Unsupported() }
            default:
                break
            }
            var index = from
            var last = from  // one past the last non-space byte
            while index < end {
                let byte = bytes[index]
                if byte == 0x20 {
                    if index + 1 < end && bytes[index + 1] == 0x23 { return (last, false, index) }
                } else if byte == 0x3A {
                    if index + 1 == end || bytes[index + 1] == 0x20 {
                        if flow { throw Unsupported() }
                        return (last, true, index)
                    }
                    if flow {
                        let next = bytes[index + 1]
                        let isAlphanumeric = (next >= 0x30 && next <= 0x39) || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A)
                        if !isAlphanumeric { throw Unsupported() }
                    }
                    last = index + 1
                } else {
                    if flow {
                        if byte == 0x2C || byte == 0x5D { return (last, false, index) }
                        if byte == 0x5B || byte == 0x7B || byte == 0x7D { throw Unsupported() }
                    }
                    last = index + 1
                }
                index += 1
            }
            return (last, false, end)
        }

        /// Throws when a plain scalar ending on `line` would go on to the next line (in libyaml, a later line
        /// indented deeper than the collection it is in, `indent`, continues it).
        func checkEndsOnItsLine(_ line: Int, indent: Int) throws {
            var index = line + 1
            while index < lines.count, lines[index].isBlank { index += 1 }
            guard index < lines.count else { return }
            let item = lines[index]
            if bytes[item.content] != 0x23 && item.indent > indent { throw Unsupported() }
        }

        /// Spaces only to the line's end, or spaces and then a comment.
        func checkRestIsComment(from: Int, end: Int) throws {
            var index = from
            while index < end && bytes[index] == 0x20 { index += 1 }
            if index < end && (bytes[index] != 0x23 || index == from) { throw Unsupported() }
        }

        mutating func sequence(at line: Int, indent: Int, indentless: Bool, depth: Int, next: inout Int) throws -> YAMLNode {
            guard depth <= maximumDepth else { throw Unsupported() }
            try count()
            let position = SourcePosition(line: line + 1, column: indent + 1)
            var items: [YAMLNode] = []
            var current = line
            while true {
                current = nextContent(current)
                guard current < lines.count else { break }
                let item = lines[current]
                if item.indent < indent { break }
                if item.indent > indent { throw Unsupported() }
                guard isEntry(item.content, end: item.end) else {
                    if indentless { break }
                    throw Unsupported()
                }
                var start = item.content + 1
                while start < item.end && bytes[start] == 0x20 { start += 1 }
                guard start < item.end else { throw Unsupported() }
                if bytes[start] == 0x5B {
                    items.append(try flowSequence(line: current, at: start, depth: depth + 1))
                    current += 1
                    continue
                }
                let scalar = try plain(from: start, end: item.end, flow: false)
                if scalar.isKey {
                    var after = current
                    items.append(try mapping(at: current, keyStart: start, indent: start - item.start, depth: depth + 1, next: &after))
                    current = after
                } else {
                    try checkRestIsComment(from: scalar.stop, end: item.end)
                    try checkEndsOnItsLine(current, indent: indent)
                    try count()
                    items.append(.scalar(text(start, scalar.end), quoted: false, SourcePosition(line: current + 1, column: start - item.start + 1)))
                    current += 1
                }
            }
            next = current
            return .sequence(items, position)
        }

        /// The mapping at `indent` whose first key starts at `keyStart` on `line` (after `- ` in a list, or the
        /// line's content).
        mutating func mapping(at line: Int, keyStart: Int, indent: Int, depth: Int, next: inout Int) throws -> YAMLNode {
            guard depth <= maximumDepth else { throw Unsupported() }
            try count()
            let position = SourcePosition(line: line + 1, column: indent + 1)
            var pairs: [(key: String, keyPosition: SourcePosition, value: YAMLNode)] = []
            // Room for a COE file's mapping at once: grown from one, the mappings of 1,000 generated COEs were copied
            // 95,000 times, and YAMLParser.parse took 679 million instructions, not 624 million (callgrind, 2026-12-02).
            pairs.reserveCapacity(8)
            var seen: Set<String> = []
            var current = line
            var start = keyStart
            while true {
                let item = lines[current]
                let key = try plain(from: start, end: item.end, flow: false)
                guard key.isKey, key.end - start < 1000 else { throw Unsupported() }
                let name = text(start, key.end)
                // A short mapping (the usual) is searched as it stands; a long one through a set, so that a mapping
                // of many keys costs no more than one pass (as in `YAMLParser`).
                let duplicate: Bool
                if pairs.count < 16 {
                    duplicate = pairs.contains { $0.key == name }
                } else {
                    if seen.isEmpty { seen = Set(pairs.map(\.key)) }
                    duplicate = !seen.insert(name).inserted
                }
                if duplicate { throw Unsupported() }
                try count()
                // A key starts at the mapping's indentation, after ASCII spaces (and `- `).
                let keyPosition = SourcePosition(line: current + 1, column: indent + 1)
                let colon = key.stop
                var value = colon + 1
                while value < item.end && bytes[value] == 0x20 { value += 1 }
                let node: YAMLNode
                if value == item.end || bytes[value] == 0x23 {
                    // The value is on the lines below, or empty.
                    let below = nextContent(current + 1)
                    if below < lines.count && lines[below].indent > indent {
                        var after = below
                        node = try collection(at: below, depth: depth + 1, next: &after)
                        current = after
                    } else if below < lines.count && lines[below].indent == indent && isEntry(lines[below].content, end: lines[below].end) {
                        var after = below
                        node = try sequence(at: below, indent: indent, indentless: true, depth: depth + 1, next: &after)
                        current = after
                    } else {
                        try count()
                        node = .scalar("", quoted: false, self.position(line: current, at: colon + 1))
                        current += 1
                    }
                } else if bytes[value] == 0x5B {
                    node = try flowSequence(line: current, at: value, depth: depth + 1)
                    current += 1
                } else if bytes[value] == 0x7C {
                    var after = current
                    node = try literal(line: current, at: value, indent: indent, next: &after)
                    current = after
                } else {
                    let scalar = try plain(from: value, end: item.end, flow: false)
                    if scalar.isKey { throw Unsupported() }
                    try checkRestIsComment(from: scalar.stop, end: item.end)
                    try checkEndsOnItsLine(current, indent: indent)
                    try count()
                    node = .scalar(text(value, scalar.end), quoted: false, self.position(line: current, at: value))
                    current += 1
                }
                pairs.append((name, keyPosition, node))
                current = nextContent(current)
                guard current < lines.count else { break }
                let following = lines[current]
                if following.indent < indent { break }
                if following.indent > indent || isEntry(following.content, end: following.end) { throw Unsupported() }
                start = following.content
            }
            next = current
            return .mapping(pairs, position)
        }

        /// A flow list of plain scalars, all on `line` from its `[` at `at`; only a comment may follow it.
        mutating func flowSequence(line: Int, at: Int, depth: Int) throws -> YAMLNode {
            guard depth <= maximumDepth else { throw Unsupported() }
            try count()
            let item = lines[line]
            let end = item.end
            var items: [YAMLNode] = []
            var index = at + 1
            while index < end && bytes[index] == 0x20 { index += 1 }
            guard index < end else { throw Unsupported() }
            if bytes[index] == 0x5D {
                index += 1
            } else {
                while true {
                    guard index < end else { throw Unsupported() }
                    let scalar = try plain(from: index, end: end, flow: true)
                    guard scalar.stop < end else { throw Unsupported() }
                    try count()
                    items.append(.scalar(text(index, scalar.end), quoted: false, position(line: line, at: index)))
                    index = scalar.stop
                    while index < end && bytes[index] == 0x20 { index += 1 }
                    guard index < end else { throw Unsupported() }
                    if bytes[index] == 0x5D { index += 1; break }
                    guard bytes[index] == 0x2C else { throw Unsupported() }
                    index += 1
                    while index < end && bytes[index] == 0x20 { index += 1 }
                    guard index < end, bytes[index] != 0x5D else { throw Unsupported() }
                }
            }
            try checkRestIsComment(from: index, end: end)
            return .sequence(items, position(line: line, at: at))
        }

        /// A literal block scalar (`|` alone at `at` on `line`) in a collection at `indent`: its lines are those
        /// below indented deeper than `indent`, as deep as the first; the text keeps one final line break.
        mutating func literal(line: Int, at: Int, indent: Int, next: inout Int) throws -> YAMLNode {
            let item = lines[line]
            // Only spaces after the `|` (a comment there is left to libyaml).
            var index = at + 1
            while index < item.end {
                if bytes[index] != 0x20 { throw Unsupported() }
                index += 1
            }
            let first = line + 1
            guard first < lines.count, !lines[first].isBlank else { throw Unsupported() }
            let depth = lines[first].indent
            guard depth > indent else { throw Unsupported() }
            var value: [UInt8] = []
            var breaks = 0
            var current = first
            while current < lines.count {
                let body = lines[current]
                if body.isBlank {
                    // An empty line keeps its break; one of only spaces is left to libyaml.
                    if body.end > body.start { throw Unsupported() }
                    breaks += 1
                    current += 1
                    continue
                }
                if body.indent < depth { break }
                if current > first {
                    value.append(0x0A)
                    for _ in 0..<breaks { value.append(0x0A) }
                }
                breaks = 0
                value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(body.start + depth)..<body.end]))
                current += 1
            }
            value.append(0x0A)
            next = current
            try count()
            return .scalar(String(decoding: value, as: UTF8.self), quoted: true, position(line: line, at: at))
        }
    }
}
