import COEFormat

/// A check of the COE standard: its metadata (the single source of its documentation) and its check.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The findings for one COE, at the rule's default level; the linter applies configuration and status.
    func check(_ context: LintContext) -> [Diagnostic]
}

/// What a rule checks, why, and how to fix it, with a good and a bad example.
public struct RuleDescription: Sendable {
    /// The ID from the COE standard, or a split of it (`B1.roster`).
    public let id: String
    /// A short name.
    public let name: String
    public let level: Diagnostic.Level
    /// True when the rule holds for drafts too (secrets, names); otherwise a draft's errors are warnings.
    public let appliesToDrafts: Bool
    /// What the check looks for.
    public let checks: String
    /// Why, quoting the standard.
    public let rationale: String
    /// How to fix a finding.
    public let fix: String
    /// A change to the example COE that triggers the rule, with where the finding is.
    public let bad: RuleExample
    /// The same place written so that the rule is satisfied.
    public let good: RuleExample

    public init(id: String, name: String, level: Diagnostic.Level, appliesToDrafts: Bool = false, checks: String,
                rationale: String, fix: String, bad: RuleExample, good: RuleExample) {
        self.id = id
        self.name = name
        self.level = level
        self.appliesToDrafts = appliesToDrafts
        self.checks = checks
        self.rationale = rationale
        self.fix = fix
        self.bad = bad
        self.good = good
    }

    /// The section letter (`B` for `B1.roster`).
    public var section: String { String(id.prefix(1)) }
}

/// A change to one file of the example COE (docs/examples), used in the docs and, as tests, by the suite.
public struct RuleExample: Sendable {
    /// The file inside the COE folder (`coe.yaml`, `actions/A1.yaml`).
    public let file: String
    /// Text of the example file to replace (empty: replace the whole file).
    public let replacing: String
    /// What to write instead.
    public let with: String
    /// For a bad example: where the finding must be (line and column in the changed file).
    public let line: Int?
    public let column: Int?
    /// A `.coe.yaml` to lint with (for rules that read the configuration).
    public let configuration: String?
    /// People's names the repository's history holds (for B1.history).
    public let historyNames: [String]
    /// More files to add to the COE folder, by path inside it.
    public let addedFiles: [String: String]

    public init(file: String, replacing: String = "", with: String, line: Int? = nil, column: Int? = nil,
                configuration: String? = nil, historyNames: [String] = [], addedFiles: [String: String] = [:]) {
        self.file = file
        self.replacing = replacing
        self.with = with
        self.line = line
        self.column = column
        self.configuration = configuration
        self.historyNames = historyNames
        self.addedFiles = addedFiles
    }
}

extension Rule {
    /// A finding of this rule at its default level.
    public func finding(_ file: String, _ position: SourcePosition?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, position: position, level: Self.description.level, rule: Self.description.id, message: message)
    }

    /// A finding at a match inside a text unit.
    public func finding(_ unit: TextUnit, at match: Pattern.Match, _ message: String) -> Diagnostic {
        finding(unit.file, unit.position(atUTF16: match.range.location), message)
    }

    public func finding(_ unit: TextUnit, atUTF16 offset: Int, _ message: String) -> Diagnostic {
        finding(unit.file, unit.position(atUTF16: offset), message)
    }
}
