import COEFormat
import COEWorkspace
import Foundation

/// What a lint run knows beyond the COE itself.
public struct LintSettings: Sendable {
    public let configuration: Configuration
    public let today: CalendarDate
    public let knownIDs: Set<String>
    /// How a COE's status grades its findings (`coe lint --as`).
    public let judgedAs: JudgedAs
    /// The other COEs of the repository as the similarity measure reads them (rule W7, a root cause seen
    /// before), indexed once for the run; empty where none were given, and W7 then finds nothing.
    public let corpus: RepeatCorpus
    /// Word lists made from the configuration and history, built once for the whole run.
    let lists: RunWordLists
    /// Each rule's setting in the configuration, in `RuleRegistry.all`'s order, looked up once for the run: looked up
    /// twice per rule and COE (its id split at '.', two dictionary look-ups of strings), it was 2.1 % of the
    /// instructions of `coe lint --no-cache` of 100 generated COEs (31.1 of 1,476.4 million; callgrind, 2026-12-02).
    let ruleSettings: [RuleSetting?]

    public init(configuration: Configuration, today: CalendarDate, historyNames: [String] = [], knownIDs: Set<String> = [],
                judgedAs: JudgedAs = .status, corpus: RepeatCorpus = RepeatCorpus([])) {
        self.configuration = configuration
        self.today = today
        self.knownIDs = knownIDs
        self.judgedAs = judgedAs
        self.corpus = corpus
        lists = RunWordLists(configuration: configuration, historyNames: historyNames)
        ruleSettings = RuleRegistry.all.map { Linter.setting(ofID: type(of: $0).description.id, in: configuration) }
    }
}

/// How a COE's status grades its findings: the status floor (docs/rules.md, "Levels, drafts and exit codes").
public enum JudgedAs: String, Sendable, CaseIterable {
    /// As its status says: a draft may be incomplete, so its errors are warnings (except rules that apply to drafts).
    case status
    /// As `coe submit` and the gates judge a COE entering review: no draft floor, every error an error.
    case review
}

/// Names to look for (B1, I5), as word lists, made once per run and shared by every COE's check.
final class RunWordLists: Sendable {
    let roster: WordList?
    let customers: WordList?
    let history: WordList?

    init(configuration: Configuration, historyNames: [String]) {
        func list(_ names: [String]) -> WordList? {
            let cleaned = Set(names.map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }.filter { !$0.isEmpty })
            return cleaned.isEmpty ? nil : WordList(cleaned.sorted())
        }
        roster = list(configuration.roster)
        customers = list(configuration.customers)
        // History names of two words or more, and not a configured team or role: one-word names (bots) are left to the roster.
        let roles = Set((configuration.teams + configuration.roles).map { $0.lowercased() })
        history = list(historyNames.filter { $0.split(whereSeparator: { $0.isWhitespace }).count >= 2 && !roles.contains($0.lowercased()) })
    }
}

/// The findings for one COE folder.
public struct LintResult: Sendable {
    public var directory: String
    /// The COE's id and status when it could be read.
    public var id: String?
    public var status: COEStatus?
    public var findings: [Diagnostic]

    public init(directory: String, id: String?, status: COEStatus?, findings: [Diagnostic]) {
        self.directory = directory
        self.id = id
        self.status = status
        self.findings = findings
    }

    /// True for a COE's findings; false for those of `.coe.yaml` and the notes about the repository (`.git`):
    /// a COE's folder name is never hidden.
    public var isCOE: Bool { !directory.hasPrefix(".") }

    public var errorCount: Int { findings.filter { $0.level == .error }.count }
    public var warningCount: Int { findings.filter { $0.level == .warning }.count }

    /// The result with only the findings at `level` or above (`--min-level`: what is printed; the exit
    /// code is decided before, from every finding).
    public func keeping(atLeast level: Diagnostic.Level) -> LintResult {
        LintResult(directory: directory, id: id, status: status, findings: findings.filter { $0.level <= level })
    }
}

/// Runs the rules over COEs: configuration, status floor, suppressions, stable order, no duplicates.
public enum Linter {
    /// Lints one document already read.
    public static func lint(_ document: COEDocument, settings: LintSettings) -> [Diagnostic] {
        findings(LintContext(document: document, configuration: settings.configuration, today: settings.today,
                             knownIDs: settings.knownIDs, lists: settings.lists, corpus: settings.corpus), settings: settings)
    }

    /// The findings of every rule but `skipping` (W7 for the findings cache, which judges it each run), graded
    /// and with the COE's suppressions applied, sorted, without duplicates.
    static func findings(_ context: LintContext, settings: LintSettings, skipping: String? = nil) -> [Diagnostic] {
        let isDraft = settings.judgedAs == .status && context.document.metadata.status == .draft
        var findings: [Diagnostic] = []
        for (rule, setting) in zip(RuleRegistry.all, settings.ruleSettings) {
            let description = type(of: rule).description
            if description.id == skipping || setting == .off { continue }
            findings += graded(rule.check(context), of: description, setting: setting, isDraft: isDraft)
        }
        let suppressions = context.suppressions
        findings.removeAll { finding in finding.rule != SuppressionReason.description.id && suppressions.contains { $0.covers(finding) } }
        return Array(Set(findings)).sorted()
    }

    /// A rule's setting in the configuration: `B1: off` covers the checks B1.roster and B1.history; a setting for one check wins.
    static func setting(of description: RuleDescription, in settings: LintSettings) -> RuleSetting? {
        setting(ofID: description.id, in: settings.configuration)
    }

    /// The setting of the rule `id` in `configuration` (see `setting(of:in:)`).
    static func setting(ofID id: String, in configuration: Configuration) -> RuleSetting? {
        let base = String(id.split(separator: ".").first ?? "")
        return configuration.rules[id] ?? configuration.rules[base]
    }

    /// A rule's findings at the level the configuration and the COE's status give them.
    static func graded(_ found: [Diagnostic], of description: RuleDescription, settings: LintSettings, isDraft: Bool) -> [Diagnostic] {
        graded(found, of: description, setting: setting(of: description, in: settings), isDraft: isDraft)
    }

    /// A rule's findings at the level `setting` and the COE's status give them.
    static func graded(_ found: [Diagnostic], of description: RuleDescription, setting: RuleSetting?, isDraft: Bool) -> [Diagnostic] {
        found.map { finding in
            var finding = finding
            switch setting {
            case .error?: finding.level = .error
            case .warning?: finding.level = .warning
            default: break
            }
            // The status floor: a draft may be incomplete; only rules that hold for drafts stay errors.
            if isDraft, !description.appliesToDrafts, finding.level == .error { finding.level = .warning }
            return finding
        }
    }

    /// Reads and lints the COE in `directory`; a document that cannot be read yields its format errors as findings.
    public static func lint(directory: String, source: FileSource, settings: LintSettings) -> LintResult {
        do {
            let document = try COEReader.read(directory: directory, from: source, limits: settings.configuration.readLimits)
            return LintResult(directory: directory, id: document.id, status: document.metadata.status,
                              findings: lint(document, settings: settings))
        } catch let error as FormatError {
            return LintResult(directory: directory, id: nil, status: nil, findings: error.diagnostics.sorted())
        } catch {
            return LintResult(directory: directory, id: nil, status: nil,
                              findings: [Diagnostic(file: directory, message: "cannot be read: \(error)")])
        }
    }

    /// Reads and lints the COE in `directory` as the findings cache keeps it: every rule's findings but W7's,
    /// what W7 reads of it, and what the rules read besides its files. Not `keepable` when its rules read what a
    /// record cannot note, or it could not be read for a reason other than its files' contents.
    static func record(directory: String, source: FileSource, settings: LintSettings) -> (record: FindingsCache.Record, keepable: Bool) {
        do {
            let document = try COEReader.read(directory: directory, from: source, limits: settings.configuration.readLimits)
            let context = LintContext(document: document, configuration: settings.configuration, today: settings.today,
                                      knownIDs: settings.knownIDs, lists: settings.lists, corpus: settings.corpus)
            let findings = findings(context, settings: settings, skipping: RootCauseSeenBefore.description.id)
            let record = FindingsCache.Record(id: document.id, status: document.metadata.status, findings: findings,
                                              repeatInputs: RepeatInputs(context), today: context.readToday ? settings.today : nil,
                                              known: context.knownAsked.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            return (record, !context.readWholeRepository)
        } catch let error as FormatError {
            return (FindingsCache.Record(id: nil, status: nil, findings: error.diagnostics.sorted(), repeatInputs: nil, today: nil, known: []), true)
        } catch {
            return (FindingsCache.Record(id: nil, status: nil, findings: [Diagnostic(file: directory, message: "cannot be read: \(error)")],
                                         repeatInputs: nil, today: nil, known: []), false)
        }
    }

    /// W7's findings for a COE as its record holds it, judged against the corpus of this run: graded, suppressions applied.
    static func repeats(_ record: FindingsCache.Record, settings: LintSettings) -> [Diagnostic] {
        let description = RootCauseSeenBefore.description
        guard let inputs = record.repeatInputs, !settings.corpus.isEmpty, setting(of: description, in: settings) != .off else { return [] }
        let found = RootCauseSeenBefore.findings(inputs, corpus: settings.corpus, percent: settings.configuration.repeatSimilarity, today: settings.today)
        var repeats = graded(found, of: description, settings: settings, isDraft: settings.judgedAs == .status && record.status == .draft)
        repeats.removeAll { finding in inputs.suppressions.contains { $0.covers(finding) } }
        return repeats
    }

    /// A COE's result from its record: its findings, and W7's (`repeats`, judged now when the record has none).
    static func result(directory: String, record: FindingsCache.Record, settings: LintSettings) -> LintResult {
        let repeats = record.repeats ?? repeats(record, settings: settings)
        return LintResult(directory: directory, id: record.id, status: record.status,
                          findings: repeats.isEmpty ? record.findings : Array(Set(record.findings + repeats)).sorted())
    }

    /// Lints many COEs in parallel (one per core); results come back in the order of `directories`.
    public static func lint<Source: FileSource & Sendable>(directories: [String], source: Source, settings: LintSettings) -> [LintResult] {
        let results = ParallelSlots<LintResult>(count: directories.count)
        DispatchQueue.concurrentPerform(iterations: directories.count) { index in
            results.set(index, lint(directory: directories[index], source: source, settings: settings))
        }
        return results.all.compactMap { $0 }
    }
}

