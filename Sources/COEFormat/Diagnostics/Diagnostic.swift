/// A 1-based line and column in a file. Columns count Unicode scalars (as YAML marks do).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a YAML text value starts; when `columnsExact`, the value is a plain one-line scalar,
/// so a character at offset n of the text stands at `column + n`.
public struct TextLocation: Hashable, Sendable {
    public var position: SourcePosition
    public var columnsExact: Bool

    public init(position: SourcePosition, columnsExact: Bool) {
        self.position = position
        self.columnsExact = columnsExact
    }

    /// The position of the character `offset` Unicode scalars into the value (the start when inexact).
    public func position(atOffset offset: Int) -> SourcePosition {
        columnsExact ? SourcePosition(line: position.line, column: position.column + offset) : position
    }
}

/// A problem found in a file: where, how bad, which rule (if any) and what.
public struct Diagnostic: Error, Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Level: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// The file's path relative to the repository root (or as the user gave it).
    public var file: String
    /// Where in the file; nil when the problem is the file as a whole.
    public var position: SourcePosition?
    public var level: Level
    /// The rule ID from the COE standard (`S3`, `T1` …), or nil for a plain format error.
    public var rule: String?
    public var message: String

    public init(file: String, position: SourcePosition? = nil, level: Level = .error, rule: String? = nil, message: String) {
        self.file = file
        self.position = position
        self.level = level
        self.rule = rule
        self.message = message
    }

    /// `path:line:col: error [RULE] message`, the form compilers and editors understand.
    public var description: String {
        var location = file
        if let position { location += ":\(position.line):\(position.column)" }
        let tag = rule.map { " [\($0)]" } ?? ""
        return "\(location): \(level.rawValue)\(tag) \(message)"
    }

    /// Orders by file, then position (file-level first), then rule and message: a stable order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        let l = lhs.position ?? SourcePosition(line: 0, column: 0)
        let r = rhs.position ?? SourcePosition(line: 0, column: 0)
        if l != r { return l < r }
        if (lhs.rule ?? "") != (rhs.rule ?? "") { return (lhs.rule ?? "") < (rhs.rule ?? "") }
        return lhs.message < rhs.message
    }
}

/// One or more diagnostics that stop a document from being read.
public struct FormatError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
