import COEFormat

/// A process rule of the COE standard (P1–P7, P10–P13): its description (the single source of its documentation
/// and of its examples, which the test suite runs) and its check, a pure function over the facts of a
/// COE and the event judged. The workflow refuses with it, the gates and `coe check` report with it,
/// the audit reports with it, and lint runs P5 through it.
public protocol ProcessRule: Sendable {
    static var description: ProcessRuleDescription { get }
    init()
    /// The findings for the event; none when the rule does not judge this kind of event.
    func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding]
}

/// What a process rule checks, when, why, what to do next, and scenarios that show it.
public struct ProcessRuleDescription: Sendable {
    /// The ID from the COE standard.
    public let id: String
    /// A short name.
    public let name: String
    /// The level of its findings (P7 is raised to error by `review.require_reapproval`).
    public let level: Diagnostic.Level
    /// The events it judges (a status move, approvals added, the COE as it stands).
    public let judges: String
    /// What the check looks for.
    public let checks: String
    /// Why, quoting the standard.
    public let rationale: String
    /// What to do about a finding.
    public let fix: String
    /// Where it is enforced: the workflow, the gates, `coe check`, the audit, lint.
    public let enforcedBy: String
    /// Scenarios that trigger the rule (at least one).
    public let bad: [ProcessExample]
    /// Near misses: scenarios close to a bad one that do not trigger it (at least one).
    public let good: [ProcessExample]

    /// A rule's description, with at least one bad and one good scenario.
    public init(id: String, name: String, level: Diagnostic.Level, judges: String, checks: String, rationale: String,
                fix: String, enforcedBy: String, bad: [ProcessExample], good: [ProcessExample]) {
        self.id = id
        self.name = name
        self.level = level
        self.judges = judges
        self.checks = checks
        self.rationale = rationale
        self.fix = fix
        self.enforcedBy = enforcedBy
        self.bad = bad
        self.good = good
    }
}

extension ProcessRule {
    /// A finding of this rule at its default level.
    public func finding(_ message: String, hint: String? = nil) -> ProcessFinding {
        ProcessFinding(rule: Self.description.id, level: Self.description.level, message: message, hint: hint)
    }
}

/// A small story of a COE's review, for a rule's documentation and tests: who created it, a few status
/// moves, edits and review records, each with its time; the last step is the one judged.
public struct ProcessExample: Sendable {
    /// What the scenario shows, in a few words.
    public let title: String
    /// A `.coe.yaml` to judge with (the defaults when nil).
    public let configuration: String?
    /// The COE's severity (SEV-2 unless the scenario needs another).
    public let severity: IncidentSeverity
    /// The COE's `owner:`.
    public let owner: String?
    /// The COE's own `reviewers:`.
    public let reviewers: [String]
    /// The COE's action items when it is created, by id.
    public let actions: [ActionState]
    /// The commits, oldest first; the last is judged.
    public let steps: [ProcessStep]

    /// A scenario called `title`.
    public init(_ title: String, configuration: String? = nil, severity: IncidentSeverity = .sev2, owner: String? = nil,
                reviewers: [String] = [], actions: [ActionState] = [], steps: [ProcessStep]) {
        self.reviewers = reviewers
        self.title = title
        self.configuration = configuration
        self.severity = severity
        self.owner = owner
        self.actions = actions
        self.steps = steps
    }
}

/// One step of a scenario. People are written `Name <email>`, times `2026-11-01T10:00:00Z` (UTC).
public enum ProcessStep: Sendable {
    /// The commit that adds the COE, with its status (a draft, unless the scenario breaks P1).
    case create(by: String, at: String, status: COEStatus = .draft)
    /// A commit that moves the COE to `status`; `seen` is the server's witness of when it first saw the
    /// commit, when it differs from the commit's date.
    case move(to: COEStatus, by: String, at: String, seen: String? = nil)
    /// A commit that changes the COE's content (any part).
    case edit(by: String, at: String)
    /// A review comment.
    case comment(by: String, at: String)
    /// A request for changes; `signed` names whose key signed the commit (rule P13; nil: unsigned).
    case requestChanges(by: String, at: String, signed: String? = nil)
    /// The oldest open comment resolved (a commit rule P10 judges).
    case resolve(by: String, at: String, signed: String? = nil)
    /// An approval record of the current content, committed by `by`; `recordedAs` names someone else
    /// on the record (a forgery); `moving` moves the COE to approved in the same commit, as
    /// `coe approve` does with the last approval needed.
    case approve(by: String, at: String, recordedAs: String? = nil, moving: Bool = false, seen: String? = nil, signed: String? = nil)
    /// A COE reviewed elsewhere added with its status and an import record (`coe import`, rule P1);
    /// `existing`: the record is added to the COE already here, and its status set (a forgery).
    case importCOE(by: String, at: String, status: COEStatus, existing: Bool = false)
    /// The oldest open comment retracted (rule P10 judges who may).
    case retract(by: String, at: String)
    /// A commit that rewrites the newest review record (rule P11).
    case rewriteRecord(by: String, at: String)
    /// A commit that removes the newest review record (rule P11).
    case removeRecord(by: String, at: String)
    /// A commit that removes the COE's folder (rule P12); `signed` as for an approval.
    case remove(by: String, at: String, signed: String? = nil)
    /// A commit that sets an action item's status (a change of content).
    case action(String, ActionStatus, by: String, at: String)
    /// The COE as it stands at `at` (P5 reads the date; P7 the approvals and the content).
    case standing(at: String)
}
