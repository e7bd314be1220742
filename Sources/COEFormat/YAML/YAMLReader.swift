import Foundation

/// Reads typed values out of `YAMLNode`s, collecting positioned diagnostics as it goes.
///
/// Reading never stops at the first problem: every wrong type, missing key and
/// unknown key in a file is reported at once, each at its own line and column.
public final class YAMLReader {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public func report(_ message: String, at position: SourcePosition?, level: Diagnostic.Level = .error) {
        diagnostics.append(Diagnostic(file: file, position: position, level: level, message: message))
    }

    /// A mapping's keys, read one at a time; call `finish()` to report keys nobody asked for.
    public final class Mapping {
        let reader: YAMLReader
        let pairs: [(key: String, keyPosition: SourcePosition, value: YAMLNode)]
        public let position: SourcePosition
        /// The keys asked for, in order (a mapping is asked a dozen keys: a list costs less than hashing each).
        private var asked: [String] = []
        private let context: String
        /// Where each key and its value were written, made once when first asked for. (A line break in a value is
        /// looked for with `memchr`: through `utf8.contains`, a byte at a time, the tables of the mappings of 100
        /// generated COEs cost 23.5 million instructions more; callgrind, 2026-12-02.)
        private lazy var table = FieldTable(pairs.map { pair in
            if case .scalar(let text, let quoted, let start) = pair.value {
                return (pair.key, pair.keyPosition, TextLocation(position: start, columnsExact: !quoted && !text.containsBytes("\n")))
            }
            return (pair.key, pair.keyPosition, TextLocation(position: pair.value.position, columnsExact: false))
        })
        /// Where each key was written (for rules that point at a field).
        public var keyPositions: KeyPositions { KeyPositions(table) }
        /// Where each key's value starts (what a finding about the value points at).
        public var valueLocations: ValueLocations { ValueLocations(table) }

        init(reader: YAMLReader, pairs: [(key: String, keyPosition: SourcePosition, value: YAMLNode)], position: SourcePosition, context: String) {
            self.reader = reader
            self.pairs = pairs
            self.position = position
            self.context = context
            // Room for as many keys as it holds, and a few absent ones asked for: grown a key at a time, the lists of
            // the mappings of 100 generated COEs were copied 22,000 times (9 million instructions; callgrind, 2026-12-02).
            asked.reserveCapacity(pairs.count + 4)

        }

        /// The value node under `key`, or nil when absent or null (reported when `required`).
        public func node(_ key: String, required: Bool = false) -> YAMLNode? {
            asked.append(key)
            guard let pair = pairs.first(where: { $0.key == key }), !pair.value.isNull else {
                if required {
                    let place = pairs.first(where: { $0.key == key })?.keyPosition ?? position
                    reader.report("missing required key '\(key)'\(context.isEmpty ? "" : " in \(context)")", at: place)
                }
                return nil
            }
            return pair.value
        }

        public func string(_ key: String, required: Bool = false) -> String? {
            node(key, required: required).flatMap { reader.string($0, what: key) }
        }

        public func bool(_ key: String) -> Bool? {
            guard let node = node(key) else { return nil }
            guard case .scalar(let text, false, let position) = node else {
                reader.report("'\(key)' must be true or false, found \(node.kindName)", at: node.position)
                return nil
            }
            switch text {
            case "true", "True", "TRUE", "yes": return true
            case "false", "False", "FALSE", "no": return false
            default:
                reader.report("'\(key)' must be true or false, found '\(text)'", at: position)
                return nil
            }
        }

        public func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let node = node(key), let text = reader.string(node, what: key) else { return nil }
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")), range.contains(value) else {
                reader.report("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'", at: node.position)
                return nil
            }
            return value
        }

        public func number(_ key: String) -> Double? {
            guard let node = node(key), let text = reader.string(node, what: key) else { return nil }
            // Not NaN or infinity: they compare unequal to themselves and break every figure computed from them.
            guard let value = Double(text), value.isFinite else {
                reader.report("'\(key)' must be a number, found '\(text)'", at: node.position)
                return nil
            }
            return value
        }

        public func timestamp(_ key: String, required: Bool = false) -> Timestamp? {
            guard let node = node(key, required: required), let text = reader.string(node, what: key) else { return nil }
            guard let value = Timestamp(text) else {
                reader.report("'\(key)' must be a time with its offset, like 2026-11-03T14:02:00Z or 2026-11-03T15:02:00+01:00, found '\(text)'", at: node.position)
                return nil
            }
            return value
        }

        public func date(_ key: String, required: Bool = false) -> CalendarDate? {
            guard let node = node(key, required: required), let text = reader.string(node, what: key) else { return nil }
            guard let value = CalendarDate(text) else {
                reader.report("'\(key)' must be a date like 2026-11-03, found '\(text)'", at: node.position)
                return nil
            }
            return value
        }

        /// A value from a fixed set, written as its raw value.
        public func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false, as type: T.Type = T.self) -> T? where T.RawValue == String {
            guard let node = node(key, required: required), let text = reader.string(node, what: key) else { return nil }
            guard let value = T(rawValue: text) else {
                let allowed = T.allCases.map { $0.rawValue }.joined(separator: ", ")
                reader.report("'\(key)' must be one of \(allowed); found '\(text)'", at: node.position)
                return nil
            }
            return value
        }

        /// A list of single values (a scalar alone is not accepted: lists are written as lists).
        public func strings(_ key: String) -> [String] {
            guard let node = node(key) else { return [] }
            guard case .sequence(let items, _) = node else {
                reader.report("'\(key)' must be a list (e.g. [a, b] or one '- item' per line), found \(node.kindName)", at: node.position)
                return []
            }
            return items.compactMap { reader.string($0, what: "an item of '\(key)'") }
        }

        /// A list of ids (of COEs or action items): each must be one safe path component (`COEID.problem`);
        /// an unsafe one is reported at its own position, with the character at fault shown escaped.
        public func ids(_ key: String) -> [String] {
            guard let node = node(key) else { return [] }
            guard case .sequence(let items, _) = node else {
                reader.report("'\(key)' must be a list (e.g. [a, b] or one '- item' per line), found \(node.kindName)", at: node.position)
                return []
            }
            return items.compactMap { item in
                guard let id = reader.string(item, what: "an item of '\(key)'") else { return nil }
                if let problem = COEID.problem(with: id) {
                    reader.report("'\(key)' holds '\(COEID.escaped(id))', which is not an id: it \(problem)", at: item.position)
                    return nil
                }
                return id
            }
        }

        /// One id (of a COE or an action item), checked as `ids` checks each.
        public func id(_ key: String) -> String? {
            guard let node = node(key), let id = reader.string(node, what: key) else { return nil }
            if let problem = COEID.problem(with: id) {
                reader.report("'\(key)' is '\(COEID.escaped(id))', which is not an id: it \(problem)", at: node.position)
                return nil
            }
            return id
        }

        public func mapping(_ key: String, required: Bool = false) -> Mapping? {
            node(key, required: required).flatMap { reader.mapping($0, context: key) }
        }

        public func sequence(_ key: String) -> [YAMLNode] {
            guard let node = node(key) else { return [] }
            guard case .sequence(let items, _) = node else {
                reader.report("'\(key)' must be a list, found \(node.kindName)", at: node.position)
                return []
            }
            return items
        }

        /// Every pair, for mappings whose keys are data (all count as asked for).
        public func allPairs() -> [(key: String, keyPosition: SourcePosition, value: YAMLNode)] {
            asked += pairs.map(\.key)
            return pairs
        }

        /// Reports every key that was never asked for, suggesting the nearest known one.
        public func finish() {
            let unknown = pairs.filter { !asked.contains($0.key) }
            guard !unknown.isEmpty else { return }
            let known = Set(asked)
            for pair in unknown {
                var message = "unknown key '\(pair.key)'\(context.isEmpty ? "" : " in \(context)")"
                if let near = nearest(pair.key, in: known) { message += "; did you mean '\(near)'?" }
                else { message += "; known keys: \(known.sorted().joined(separator: ", "))" }
                reader.diagnostics.append(Diagnostic(file: reader.file, position: pair.keyPosition, level: .error, rule: "S3", message: message))
            }
        }
    }

    /// Parses a file whose top level is a mapping; an empty file is an error saying `emptyMessage`.
    public static func topLevelMapping(_ source: SourceText, emptyMessage: String,
                                       limits: ReadLimits = .default) throws -> (YAMLReader, Mapping) {
        let reader = YAMLReader(file: source.file)
        guard let root = try YAMLParser.parse(source, limits: limits) else {
            throw FormatError([Diagnostic(file: source.file, position: .init(line: 1, column: 1), message: emptyMessage)])
        }
        guard let map = reader.mapping(root) else { throw FormatError(reader.diagnostics) }
        return (reader, map)
    }

    /// Parses a file whose top level is a list of mappings (`what` names an item); an empty file is an empty list.
    public static func topLevelList(_ source: SourceText, of what: String, example: String,
                                    limits: ReadLimits = .default) throws -> (YAMLReader, [Mapping]) {
        let reader = YAMLReader(file: source.file)
        guard let root = try YAMLParser.parse(source, limits: limits) else { return (reader, []) }
        guard case .sequence(let items, _) = root else {
            reader.report("this file is a list of \(what)s ('\(example)' lines), found \(root.kindName)", at: root.position)
            throw FormatError(reader.diagnostics)
        }
        return (reader, items.compactMap { reader.mapping($0, context: "a \(what)") })
    }

    /// `node` as a mapping, or nil with a diagnostic.
    public func mapping(_ node: YAMLNode, context: String = "") -> Mapping? {
        guard case .mapping(let pairs, let position) = node else {
            report("\(context.isEmpty ? "this" : "'\(context)'") must be a mapping (key: value lines), found \(node.kindName)", at: node.position)
            return nil
        }
        return Mapping(reader: self, pairs: pairs, position: position, context: context)
    }

    /// `node` as a single value, or nil with a diagnostic.
    public func string(_ node: YAMLNode, what: String) -> String? {
        guard case .scalar(let text, _, _) = node else {
            report("'\(what)' must be a single value, found \(node.kindName)", at: node.position)
            return nil
        }
        return text
    }
}

/// The closest candidate by edit distance, when it is close enough to be a typo (for "did you mean").
///
/// Candidates whose length differs from the word's by more than the distance allowed cannot be near,
/// so they are skipped before the edit distance (whose cost is the product of the lengths): a file of
/// ten thousand unknown 100-character keys would otherwise cost ten thousand such products per known key.
public func nearest(_ word: String, in candidates: Set<String>) -> String? {
    let length = word.count
    let allowed = max(2, length / 3)
    let scored = candidates.filter { abs($0.count - length) <= allowed }.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    return best.1 <= allowed ? best.0 : nil
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
