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
        if case .scalar(let text, false, _) = self { return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" }
        return false
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
public enum YAMLParser {
    /// Documents larger than this many nodes are refused (alias bombs, runaway files).
    static let nodeBudget = 100_000
    /// More alias-like tokens than this are refused before parsing.
    static let aliasBudget = 20

    /// Parses one YAML document; an empty document (only comments) yields nil.
    public static func parse(_ source: SourceText) throws -> YAMLNode? {
        let file = source.file
        if aliasLikeTokens(in: source.text) > aliasBudget {
            throw FormatError([Diagnostic(file: file, message: "too many YAML aliases (*name); COE files do not use anchors or aliases")])
        }
        var text = source.text
        return try text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { throw FormatError([Diagnostic(file: file, message: "YAML: out of memory")]) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var composer = Composer(file: file)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw FormatError([diagnostic(for: parser, file: file)]) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try composer.take(event)
            }
            return composer.root
        }
    }

    /// Builds the tree from events.
    private struct Composer {
        let file: String
        var root: YAMLNode?
        var documents = 0
        var budget = YAMLParser.nodeBudget
        var anchors: [String: (node: YAMLNode, size: Int)] = [:]

        /// A list or mapping being filled; a class, so items are appended in place.
        final class Frame {
            let isMapping: Bool
            let position: SourcePosition
            let anchor: String?
            var size = 1
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

        init(file: String) { self.file = file }

        func position(_ mark: yaml_mark_t) -> SourcePosition { SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1) }

        func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int? = nil) -> String? {
            guard let pointer else { return nil }
            let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
        }

        func error(_ message: String, at position: SourcePosition) -> FormatError {
            FormatError([Diagnostic(file: file, position: position, message: message)])
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
                try add(node, size: 1, anchor: string(scalar.anchor), at: start)
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else { throw error("YAML: alias '*\(name)' names no anchor", at: start) }
                try add(target.node, size: target.size, anchor: nil, at: start)
            case YAML_SEQUENCE_START_EVENT:
                try checkNotAKey(at: start)
                stack.append(Frame(isMapping: false, position: start, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                try checkNotAKey(at: start)
                stack.append(Frame(isMapping: true, position: start, anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                let node: YAMLNode = frame.isMapping ? .mapping(frame.pairs, frame.position) : .sequence(frame.items, frame.position)
                try add(node, size: frame.size, anchor: frame.anchor, at: frame.position, counted: true)
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

        mutating func add(_ node: YAMLNode, size: Int, anchor: String?, at position: SourcePosition, counted: Bool = false) throws {
            if !counted {
                budget -= size
                guard budget >= 0 else { throw error("document is too large (over \(YAMLParser.nodeBudget) YAML nodes)", at: position) }
            }
            if let anchor { anchors[anchor] = (node, size) }
            guard let frame = stack.last else {
                root = node
                return
            }
            frame.size += size
            if !frame.isMapping {
                frame.items.append(node)
            } else if let (name, keyPosition) = frame.key {
                frame.pairs.append((name, keyPosition, node))
                frame.key = nil
            } else {
                guard case .scalar(let name, _, _) = node else { throw error("a key must be a plain word, not a list or mapping", at: position) }
                if frame.seen.contains(name) { throw error("duplicate key '\(name)' in this mapping; each key may appear once", at: position) }
                frame.seen.insert(name)
                frame.key = (name, position)
            }
        }
    }

    private static func diagnostic(for parser: yaml_parser_t, file: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let mark = parser.problem_mark
        var message = "YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        if parser.error == YAML_READER_ERROR { return Diagnostic(file: file, message: message) }
        return Diagnostic(file: file, position: SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1), message: message)
    }

    /// Counts `*name` tokens where YAML could read an alias (after space, `[`, `{`, `,`, `-`, `:`, `?` or a line start).
    static func aliasLikeTokens(in text: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar = "\n"
        var afterStar = false
        for scalar in text.unicodeScalars {
            if afterStar {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" { count += 1 }
                afterStar = false
            }
            if scalar == "*" && " \n\t[{,-:?".unicodeScalars.contains(previous) { afterStar = true }
            previous = scalar
        }
        return count
    }
}
