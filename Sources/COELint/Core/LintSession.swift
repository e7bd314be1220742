import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// The one way COEs are linted: `coe lint` (work tree or index), the pre-commit hook, `coe submit`,
/// pre-receive and `coe check` all lint through a session, so each gets the same settings: the
/// configuration, its own findings (a rule setting that names no rule), the people's names in the
/// repository's history for B1.history, and the COE ids `related:` may name (S4).
public struct LintSession: Sendable {
    public let configuration: Configuration
    public let today: CalendarDate
    /// People's names from history (empty when B1.history is off).
    public let historyNames: [String]
    /// The configuration's own findings, as a result of their own (none when it is fine).
    public let configurationResults: [LintResult]
    /// How a COE's status grades its findings: as its status says, or as a COE entering review (`coe lint --as review`).
    public var judgedAs: JudgedAs = .status
    /// The repository's COEs as the similarity measure reads them, for rule W7 (a root cause seen before):
    /// given by the caller (the commands take it from the search index); empty, W7 finds nothing.
    public var corpus = RepeatCorpus([])

    /// A session over `repository`'s history; `tips` are commits HEAD does not reach yet whose
    /// authors count too (the commits a push or a pull request brings).
    /// A shallow clone's history ends early: B1.history is not checked there, and `notes` says so.
    public init(configuration: Configuration, repository: Repository?, today: CalendarDate, tips: [ObjectID] = []) throws {
        let shallow = repository?.isShallow == true
        let historyNames = try repository.map { shallow ? [] : try Self.historyNames(configuration, repository: $0, tips: tips) } ?? []
        self.init(configuration: configuration, today: today, historyNames: historyNames)
        if shallow, !Self.historyNamesOff(configuration) {
            notes = [LintResult(directory: Self.repositoryEntry, id: nil, status: nil, findings: [
                Diagnostic(file: Self.repositoryEntry, level: .note, rule: "B1.history",
                           message: "a shallow clone: people's names from history were not looked for "
                               + "(fetch full history with git fetch --unshallow, then lint again)"),
            ])]
        }
    }

    /// What the notes about the repository are filed under.
    public static let repositoryEntry = ".git"

    /// What this session could not check, as notes of a result of their own (a shallow clone: B1.history).
    public private(set) var notes: [LintResult] = []

    /// The results every lint run reports first: the configuration's findings, then the notes.
    public var sessionResults: [LintResult] { configurationResults + notes }

    /// A session with the history's names given (tests, and COEs outside any repository).
    public init(configuration: Configuration, today: CalendarDate, historyNames: [String]) {
        self.configuration = configuration
        self.today = today
        self.historyNames = historyNames
        let findings = Self.configurationProblems(configuration)
        configurationResults = findings.isEmpty ? [] : [LintResult(directory: Configuration.fileName, id: nil, status: nil, findings: findings)]
    }

    /// The settings for linting COEs of which `known` are the ids (folder names) that exist.
    public func settings(knownIDs known: Set<String>) -> LintSettings {
        LintSettings(configuration: configuration, today: today, historyNames: historyNames, knownIDs: known, judgedAs: judgedAs, corpus: corpus)
    }

    /// Lints COE folders of `source`, one after another; `knownIDs` are the ids `related:` may name
    /// besides the folders linted. The configuration's findings are not included (`configurationResults`).
    public func lint(_ directories: [String], in source: FileSource, knownIDs: Set<String>) -> [LintResult] {
        let settings = settings(knownIDs: knownIDs.union(directories.map(Self.folderName)))
        return directories.map { Linter.lint(directory: $0, source: source, settings: settings) }
    }

    /// Lints COE folders of a source that threads may share (the work tree), in parallel.
    public func lintInParallel<Source: FileSource & Sendable>(_ directories: [String], in source: Source, knownIDs: Set<String>) -> [LintResult] {
        Linter.lint(directories: directories, source: source, settings: settings(knownIDs: knownIDs.union(directories.map(Self.folderName))))
    }

    /// Lints one COE folder with `source` (an overlay of the commit being built, say).
    public func lint(_ directory: String, in source: FileSource, knownIDs: Set<String>) -> LintResult {
        Linter.lint(directory: directory, source: source, settings: settings(knownIDs: knownIDs.union([Self.folderName(directory)])))
    }

    /// The ids of every COE in `source`: the folder names under the root.
    public static func knownIDs(in source: FileSource, root: String) throws -> Set<String> {
        Set(try source.list(Configuration.rootComponents(root).joined(separator: "/"))?
            .filter { $0.kind == .directory && !$0.name.hasPrefix(".") }.map(\.name) ?? [])
    }

    /// The ids of the COE root's folders, from its entries already listed (`Workspace.coeEntries`).
    public static func knownIDs(_ entries: [(path: String, kind: FileKind)]) -> Set<String> {
        Set(entries.filter { $0.kind == .directory }.map { folderName($0.path) })
    }

    /// The last name of a path (sliced, not split: called for each of the COE root's 1,000 folders).
    static func folderName(_ directory: String) -> String {
        String(COELayout.lastName(of: directory))
    }

    /// Findings about the COE root (names that differ only in case) added to the results of the folders
    /// they name, or as results of their own for folders not linted.
    public static func merging(_ problems: [Diagnostic], into results: [LintResult]) -> [LintResult] {
        var results = results
        for problem in problems {
            if let index = results.firstIndex(where: { $0.directory == problem.file }) {
                results[index].findings = (results[index].findings + [problem]).sorted()
            } else {
                results.append(LintResult(directory: problem.file, id: nil, status: nil, findings: [problem]))
            }
        }
        return results
    }

    /// People's names from history for rule B1 (nothing to read when the rule is off).
    static func historyNames(_ configuration: Configuration, repository: Repository, tips: [ObjectID]) throws -> [String] {
        historyNamesOff(configuration) ? [] : try PeopleIndex.names(in: repository, alsoFrom: tips)
    }

    static func historyNamesOff(_ configuration: Configuration) -> Bool {
        configuration.rules["B1.history"] == .off || configuration.rules["B1"] == .off
    }

    /// Rule settings in `.coe.yaml` that name no rule (a typo would silently do nothing).
    public static func configurationProblems(_ configuration: Configuration) -> [Diagnostic] {
        let known = RuleRegistry.knownIDs
        return configuration.rules.keys.sorted().filter { !known.contains($0) }.map { id in
            var message = "unknown rule '\(id)' in rules"
            if let near = nearest(id, in: known) { message += "; did you mean '\(near)'?" }
            return Diagnostic(file: Configuration.fileName, position: configuration.rulePositions[id], rule: "S3", message: message)
        }
    }
}

/// `coe lint`: which COEs, read from where (the work tree, or the index with `--staged`).
public enum LintRun {
    public struct Request: Sendable {
        /// COE ids, id prefixes or paths (a COE folder, or a folder holding COE folders); empty: every COE.
        public var references: [String]
        /// Read the index (what the next commit holds) instead of the work tree.
        public var staged: Bool
        public var today: CalendarDate
        /// The folder paths are relative to.
        public var currentDirectory: String
        /// How a COE's status grades its findings (`--as`).
        public var judgedAs: JudgedAs
        /// The repository's COEs for rule W7 (`LintSession.corpus`).
        public var corpus: RepeatCorpus
        /// Use the findings cache (`FindingsCache`): `coe lint` does unless `--no-cache`; the hooks do not.
        public var cached: Bool
        /// The COE folders' stamps as the command took them (shared with the search index W7's corpus came from); nil: taken now.
        public var stamps: WorkTreeStamps?

        public init(references: [String], staged: Bool, today: CalendarDate, currentDirectory: String, judgedAs: JudgedAs = .status,
                    corpus: RepeatCorpus = RepeatCorpus([]), cached: Bool = false, stamps: WorkTreeStamps? = nil) {
            self.references = references
            self.staged = staged
            self.today = today
            self.currentDirectory = currentDirectory
            self.judgedAs = judgedAs
            self.corpus = corpus
            self.cached = cached
            self.stamps = stamps
        }
    }

    public static func run(_ request: Request, in workspace: Workspace) throws -> [LintResult] {
        var session = try LintSession(configuration: workspace.configuration, repository: workspace.repository, today: request.today)
        session.judgedAs = request.judgedAs
        session.corpus = request.corpus
        let source: FileSource = request.staged ? try IndexSource(repository: workspace.repository) : workspace.workingTree
        // Every COE: the root is listed once, and what to lint, the ids `related:` may name and case twins all
        // come from that. Named COEs: only the ids are needed, by one plain listing.
        let entries = request.references.isEmpty ? try Workspace.coeEntries(in: source, root: workspace.root) : nil
        let known = try entries.map(LintSession.knownIDs) ?? LintSession.knownIDs(in: source, root: workspace.root)
        let twins = entries.map { Workspace.caseTwins($0.map(\.path)) } ?? []
        if let index = source as? IndexSource {
            let directories = try request.references.isEmpty
                ? stagedCOEs(in: workspace, source: index)
                : request.references.map { try workspace.resolve($0, in: index) }
            guard request.cached else {
                return session.sessionResults + LintSession.merging(twins, into: session.lint(directories, in: index, knownIDs: known))
            }
            // The COEs staged are linted; the records of the others are kept for the next commit.
            let settings = session.settings(knownIDs: known.union(directories.map(LintSession.folderName)))
            let cache = FindingsCache(repository: workspace.repository, place: .index, settings: settings, historyNames: session.historyNames)
            let results = cache.lint(directories, in: index, settings: settings)
            cache.save(keepingOthers: true)
            return session.sessionResults + LintSession.merging(twins, into: results)
        }
        let workTree = workspace.workingTree
        let directories = try entries?.map(\.path)
            ?? request.references.flatMap { try resolve($0, in: workspace, relativeTo: request.currentDirectory) }
        var seen = Set<String>()
        let unique = directories.filter { seen.insert($0).inserted }
        guard request.cached else {
            return session.sessionResults + LintSession.merging(twins, into: session.lintInParallel(unique, in: workTree, knownIDs: known))
        }
        let settings = session.settings(knownIDs: known.union(unique.map(LintSession.folderName)))
        let cache = FindingsCache(repository: workspace.repository, place: .workTree, settings: settings, historyNames: session.historyNames)
        let results = cache.lint(unique, in: workTree, stamps: request.stamps ?? WorkTreeStamps(workTree: workspace.workTree), settings: settings)
        // A run of every COE drops the records of folders gone; a run of some keeps the others'.
        cache.save(keepingOthers: !request.references.isEmpty)
        return session.sessionResults + LintSession.merging(twins, into: results)
    }

    /// Lints the staged versions of the given COE folders only, reading just their entries of the
    /// index (what a pre-commit hook needs); `knownIDs` are the COEs `related:` may name, and
    /// `rootNames` every name in the COE root, of which two differing only in case are an error.
    public static func lintStaged(_ directories: [String], knownIDs: Set<String>, today: CalendarDate, in workspace: Workspace,
                                  rootNames: Set<String> = []) throws -> [LintResult] {
        guard !directories.isEmpty else { return [] }
        let session = try LintSession(configuration: workspace.configuration, repository: workspace.repository, today: today)
        let source = try IndexSource(repository: workspace.repository, only: directories)
        let prefix = Configuration.rootPrefix(workspace.root)
        let twins = Workspace.caseTwins(rootNames.filter { !$0.hasPrefix(".") }.map { prefix + $0 })
        return session.sessionResults
            + LintSession.merging(twins, into: session.lint(directories.sorted(), in: source, knownIDs: knownIDs))
    }

    /// The COE folders holding staged changes (and still present in the index).
    public static func stagedCOEs(in workspace: Workspace, source: IndexSource) throws -> [String] {
        let root = workspace.root == "." ? "" : workspace.root
        let depth = root.isEmpty ? 0 : root.split(separator: "/").count
        let folders = try workspace.repository.stagedChanges(under: root).compactMap { path -> String? in
            let components = path.split(separator: "/")
            guard components.count > depth + 1 else { return nil }
            return components.prefix(depth + 1).joined(separator: "/")
        }
        let existing = Set(try workspace.coeDirectories(in: source))
        return Array(Set(folders)).filter(existing.contains).sorted()
    }

    /// A reference as COE folders: an id or prefix under the root, else a path on disk.
    static func resolve(_ reference: String, in workspace: Workspace, relativeTo directory: String) throws -> [String] {
        let absolute = reference.hasPrefix("/") ? reference : directory + "/" + reference
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: standardized, isDirectory: &isDirectory), isDirectory.boolValue {
            let root = URL(fileURLWithPath: workspace.workTree).resolvingSymlinksInPath().path
            guard standardized == root || standardized.hasPrefix(root + "/") else {
                throw WorkspaceError("\(reference) is outside the repository at \(workspace.workTree)")
            }
            let relative = standardized == root ? "" : String(standardized.dropFirst(root.count + 1))
            let source = workspace.workingTree
            if try source.read(relative.isEmpty ? COELayout.metadataFile : "\(relative)/\(COELayout.metadataFile)") != nil { return [relative] }
            let folders = (try source.list(relative) ?? []).filter { $0.kind == .directory }.map { relative.isEmpty ? $0.name : "\(relative)/\($0.name)" }
            let coes = try folders.filter { try source.read("\($0)/\(COELayout.metadataFile)") != nil }
            if coes.isEmpty { throw WorkspaceError("\(reference) holds no COE (no coe.yaml in it or in its folders)") }
            return coes
        }
        return [try workspace.resolve(reference)]
    }
}
