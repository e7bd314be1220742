import Yams

/// A YAML value with the position where it starts: the form every structured COE file is read from.
///
/// Converted from Yams' `Node` once, so that the rest of the code never sees Yams
/// types. Aliases arrive resolved; every reference counts against a node budget,
/// so an alias bomb is refused instead of expanded.
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

/// Parses YAML text into a `YAMLNode`, with every error positioned.
public enum YAMLParser {
    /// Documents larger than this many nodes are refused (alias bombs, runaway files).
    static let nodeBudget = 100_000
    /// More alias-like tokens than this are refused before Yams composes anything.
    static let aliasBudget = 20

    /// Parses one YAML document; an empty document (only comments) yields nil.
    public static func parse(_ source: SourceText) throws -> YAMLNode? {
        let file = source.file
        if aliasLikeTokens(in: source.text) > aliasBudget {
            throw FormatError([Diagnostic(file: file, message: "too many YAML aliases (*name); COE files do not use anchors or aliases")])
        }
        let node: Node?
        do {
            let parser = try Parser(yaml: source.text, resolver: .basic, constructor: .default, encoding: .utf8)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw FormatError([diagnostic(for: error, file: file)])
        } catch {
            throw FormatError([Diagnostic(file: file, message: "YAML: \(error)")])
        }
        guard let node else { return nil }
        var budget = nodeBudget
        return try convert(node, file: file, budget: &budget)
    }

    private static func convert(_ node: Node, file: String, budget: inout Int) throws -> YAMLNode {
        budget -= 1
        let position = node.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? SourcePosition(line: 1, column: 1)
        guard budget >= 0 else {
            throw FormatError([Diagnostic(file: file, position: position, message: "document is too large (over \(nodeBudget) YAML nodes)")])
        }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any, position)
        case .mapping(let mapping):
            var pairs: [(key: String, keyPosition: SourcePosition, value: YAMLNode)] = []
            for (key, value) in mapping {
                let keyPosition = key.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? position
                guard case .scalar(let keyScalar) = key else {
                    throw FormatError([Diagnostic(file: file, position: keyPosition, message: "a key must be a plain word, not a list or mapping")])
                }
                pairs.append((keyScalar.string, keyPosition, try convert(value, file: file, budget: &budget)))
            }
            return .mapping(pairs, position)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence { items.append(try convert(item, file: file, budget: &budget)) }
            return .sequence(items, position)
        case .alias:
            throw FormatError([Diagnostic(file: file, position: position, message: "YAML aliases (*name) are not used in COE files; write the value out")])
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func positioned(_ problem: String, _ mark: Mark, _ context: YamlError.Context?) -> Diagnostic {
            var message = "YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return Diagnostic(file: file, position: .init(line: mark.line, column: mark.column), message: message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return positioned(problem, mark, context)
        case .parser(let context, let problem, let mark, _): return positioned(problem, mark, context)
        case .composer(let context, let problem, let mark, _): return positioned(problem, mark, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(file: file, position: .init(line: context.mark.line, column: context.mark.column),
                              message: "duplicate key \(keys) in this mapping; each key may appear once")
        case .reader(let problem, _, _, _):
            return Diagnostic(file: file, message: "YAML: \(problem)")
        default:
            return Diagnostic(file: file, message: "YAML: \(error)")
        }
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
