import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A YAML value with the position where it starts: the form every structured COE file is read from.
///
/// Built from libyaml's events once, so that the rest of the code never sees C types.
public indirect enum YAMLNode: Sendable {
    /// A scalar's text; `quoted` is true for '…' and "…" scalars and block scalars.
    case scalar(String, quoted: Bool, SourcePosition)
    case mapping([(key: String, keyPosition: SourcePosition, value: YAMLNode)], SourcePosition)
    case sequence([YAMLNode], SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .scalar(_, _, let position), .mapping(_, let position), .sequence(_, let position): return position
        }
    }

    /// True for an empty plain scalar, `~` or `null`.
    public var isNull: Bool {
        // By length first: asked of every value read, four string comparisons each cost 6 million instructions for
        // 100 generated COEs (callgrind, 2026-12-02).
        guard case .scalar(let text, false, _) = self else { return false }
        switch text.utf8.count {
        case 0: return true
        case 1: return text == "~"
        case 4: return text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }

    /// A word for error messages: "a mapping", "a list", "text".
    var kindName: String {
        switch self {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .mapping: return "a mapping (key: value)"
        case .sequence: return "a list"
        }
    }
}

/// Parses YAML text into a `YAMLNode` from libyaml's events, with every error positioned.
///
/// Composing the tree from events here (rather than through a general YAML library's node
/// objects) keeps the work to one allocation per node. Anchors and aliases are resolved;
/// every node, and every node an alias repeats, counts against a budget, so an alias bomb
/// is refused rather than expanded. Duplicate keys are refused at the second occurrence.
///
/// Nesting is bounded while the tree is composed, not after: the first list or mapping deeper than
/// `ReadLimits.yamlDepth` stops the parse with an error at its line and column. That bounds three
/// things at once: the tree's depth (so releasing it, which recurses once per level, cannot exhaust
/// the stack; 40,000 `[` used to crash with SIGSEGV there), the recursion of every reader over the
/// tree, and libyaml's own time, which grows with the flow nesting for every token it scans
/// (20,000 nested flow mappings took 13 s; refused at level 201 they take milliseconds).
public enum YAMLParser {
    /// More alias-like tokens than this are refused before parsing.
    static let aliasBudget = 20

    /// Parses one YAML document; an empty document (only comments) yields nil.
    /// `useBlockReader: false` reads through libyaml alone (for tests that compare the two).
    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> YAMLNode? {
        try parse(source, limits: limits, useBlockReader: true)
    }

    static func parse(_ source: SourceText, limits: ReadLimits, useBlockReader: Bool) throws -> YAMLNode? {
        let file = source.file
        if let (count, position) = aliasBomb(in: source.text) {
            throw FormatError([Diagnostic(file: file, position: position,
                message: "too many YAML aliases (*name): \(count) or more, and this one is over the \(aliasBudget) allowed; "
                    + "COE files do not use anchors or aliases")])
        }
        var text = source.text
        return try text.withUTF8 { bytes in
            if useBlockReader, let root = BlockYAML.parse(bytes, limits: limits) { return root }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { throw FormatError([Diagnostic(file: file, message: "YAML: out of memory")]) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var composer = Composer(file: file, limits: limits)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw FormatError([diagnostic(for: parser, file: file, bytes: bytes)])
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try composer.take(event)
            }
            return composer.root
        }
    }

    /// Builds the tree from events, with an explicit stack of open lists and mappings (no recursion).
    private struct Composer {
        let file: String
        let limits: ReadLimits
        var root: YAMLNode?
        var documents = 0
        var budget: Int
        /// Each anchored node with its size (nodes) and height (levels of lists and mappings), which an alias adds.
        var anchors: [String: (node: YAMLNode, size: Int, height: Int)] = [:]

        /// A list or mapping being filled; a class, so items are appended in place.
        final class Frame {
            let isMapping: Bool
            let position: SourcePosition
            let anchor: String?
            var size = 1
            /// Levels of lists and mappings below this one, so far.
            var height = 0
            var items: [YAMLNode] = []
            var pairs: [(key: String, keyPosition: SourcePosition, value: YAMLNode)] = []
            var key: (String, SourcePosition)?
            var seen: Set<String> = []

            init(isMapping: Bool, position: SourcePosition, anchor: String?) {
                self.isMapping = isMapping
                self.position = position
                self.anchor = anchor
            }
        }
        var stack: [Frame] = []

        init(file: String, limits: ReadLimits) {
            self.file = file
            self.limits = limits
            budget = limits.yamlNodes
        }

        func position(_ mark: yaml_mark_t) -> SourcePosition { SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1) }

        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int? = nil) -> String? {
            guard let pointer else { return nil }
            let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        }

        func error(_ message: String, at position: SourcePosition) -> FormatError {
            FormatError([Diagnostic(file: file, position: position, message: message)])
        }

        /// Refuses a list or mapping (or an alias of one) that would reach deeper than the limit.
        func checkDepth(adding height: Int, at position: SourcePosition) throws {
            guard stack.count + height > limits.yamlDepth else { return }
            throw error("YAML nested deeper than \(limits.yamlDepth) levels (lists and mappings inside each other); "
                        + "no COE file needs that many (the limit is \(ReadLimits.setting("max_yaml_depth")))", at: position)
        }

        mutating func take(_ event: yaml_event_t) throws {
            let start = position(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw error("a COE file holds one YAML document; remove the second '---'", at: start) }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = string(scalar.value, Int(scalar.length)) ?? ""
                let node = YAMLNode.scalar(value, quoted: scalar.style != YAML_PLAIN_SCALAR_STYLE, start)
                try add(node, size: 1, height: 0, anchor: string(scalar.anchor), at: start)
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else { throw error("YAML: alias '*\(name)' names no anchor", at: start) }
                try checkDepth(adding: target.height, at: start)
                try add(target.node, size: target.size, height: target.height, anchor: nil, at: start)
            case YAML_SEQUENCE_START_EVENT:
                try checkNotAKey(at: start)
                try checkDepth(adding: 1, at: start)
                stack.append(Frame(isMapping: false, position: start, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                try checkNotAKey(at: start)
                try checkDepth(adding: 1, at: start)
                stack.append(Frame(isMapping: true, position: start, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                let node: YAMLNode = frame.isMapping ? .mapping(frame.pairs, frame.position) : .sequence(frame.items, frame.position)
                try add(node, size: frame.size, height: frame.height + 1, anchor: frame.anchor, at: frame.position, counted: true)
            default:
                break
            }
        }

        /// A mapping key must be a single value: a list or mapping cannot start where a key is expected.
        func checkNotAKey(at position: SourcePosition) throws {
            if let frame = stack.last, frame.isMapping, frame.key == nil {
                throw error("a key must be a plain word, not a list or mapping", at: position)
            }
        }

        mutating func add(_ node: YAMLNode, size: Int, height: Int, anchor: String?, at position: SourcePosition,
                          counted: Bool = false) throws {
            if !counted {
                budget -= size
                guard budget >= 0 else {
                    throw error("document is too large (over \(limits.yamlNodes) YAML nodes, counting what aliases repeat; "
                                + "the limit is \(ReadLimits.setting("max_yaml_nodes")))", at: position)
                }
            }
            if let anchor { anchors[anchor] = (node, size, height) }
            guard let frame = stack.last else {
                root = node
                return
            }
            frame.size += size
            frame.height = max(frame.height, height)
            if !frame.isMapping {
                frame.items.append(node)
            } else if let (name, keyPosition) = frame.key {
                frame.pairs.append((name, keyPosition, node))
                frame.key = nil
            } else {
                guard case .scalar(let name, _, _) = node else { throw error("a key must be a plain word, not a list or mapping", at: position) }
                // A short mapping (the usual) is searched as it stands; a long one through a set, so a mapping
                // of many keys costs no more than one pass.
                let duplicate: Bool
                if frame.pairs.count < 16 {
                    duplicate = frame.pairs.contains { $0.key == name }
                } else {
                    if frame.seen.isEmpty { frame.seen = Set(frame.pairs.map(\.key)) }
                    duplicate = !frame.seen.insert(name).inserted
                }
                if duplicate { throw error("duplicate key '\(name)' in this mapping; each key may appear once", at: position) }
                frame.key = (name, position)
            }
        }
    }

    private static func diagnostic(for parser: yaml_parser_t, file: String, bytes: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let mark = parser.problem_mark
        var message = "YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset (a control character, say), not a mark.
            let offset = min(Int(parser.problem_offset), bytes.count)
            var line = 1, column = 1
            for byte in bytes[..<offset] {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return Diagnostic(file: file, position: SourcePosition(line: line, column: column), message: message)
        }
        return Diagnostic(file: file, position: SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1), message: message)
    }

    /// The count and position of the first alias-like token over the budget, or nil when there are few enough.
    static func aliasBomb(in text: String) -> (count: Int, position: SourcePosition)? {
        // Most files hold no `*` at all: one `memchr` over the bytes says so.
        guard text.containsBytes("*") else { return nil }
        var count = 0
        var found: SourcePosition?
        scanAliasLikeTokens(in: text) { position in
            count += 1
            if count > aliasBudget { found = position }
            return found == nil
        }
        return found.map { (count, $0) }
    }

    /// Calls `body` with the position of each `*name` token where YAML could read an alias (after a space,
    /// `[`, `{`, `,`, `-`, `:`, `?` or at a line start), while it returns true.
    private static func scanAliasLikeTokens(in text: String, _ body: (SourcePosition) -> Bool) {
        var previous: Unicode.Scalar = "\n"
        var star: SourcePosition?
        var line = 1, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            if let position = star {
                star = nil
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                    if !body(position) { return }
                }
            }
            if scalar == "*" && " \n\t[{,-:?".unicodeScalars.contains(previous) { star = SourcePosition(line: line, column: column) }
            if scalar == "\n" {
                line += 1
                column = 0
            }
            previous = scalar
        }
    }
}
