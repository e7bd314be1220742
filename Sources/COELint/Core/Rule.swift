import COEFormat

/// A check of the COE standard: its metadata (the single source of its documentation) and its check.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// The findings for one COE, at the rule's default level; the linter applies configuration and status.
    func check(_ context: LintContext) -> [Diagnostic]
}

/// What a rule checks, why, and how to fix it, with examples that do and do not trigger it.
public struct RuleDescription: Sendable {
    /// The ID from the COE standard, or a split of it (`B1.roster`).
    public let id: String
    /// A short name.
    public let name: String
    /// The level of a finding unless the configuration re-grades it.
    public let level: Diagnostic.Level
    /// True when the rule holds for drafts too (secrets, names); otherwise a draft's errors are warnings.
    public let appliesToDrafts: Bool
    /// What the check looks for.
    public let checks: String
    /// Why, quoting the standard.
    public let rationale: String
    /// How to fix a finding.
    public let fix: String
    /// Examples the rule reports, at their `↓` markers: at least one for each kind of finding.
    public let triggering: [RuleExample]
    /// Near misses: texts close to a triggering one that the rule must leave alone.
    public let nonTriggering: [RuleExample]

    /// A rule's metadata; docs/rules.md is generated from it and the test suite runs its examples.
    public init(id: String, name: String, level: Diagnostic.Level, appliesToDrafts: Bool = false, checks: String,
                rationale: String, fix: String, triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.name = name
        self.level = level
        self.appliesToDrafts = appliesToDrafts
        self.checks = checks
        self.rationale = rationale
        self.fix = fix
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    /// The section letter (`B` for `B1.roster`).
    public var section: String { String(id.prefix(1)) }
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
