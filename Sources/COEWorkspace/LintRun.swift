import COEFormat
import COELint
import Foundation
import GitKit

/// `coe lint`: which COEs, read from where, with what settings.
public enum LintRun {
    public struct Request: Sendable {
        /// COE ids, id prefixes or paths (a COE folder, or a folder holding COE folders); empty: every COE.
        public var references: [String]
        /// Read the index (what the next commit holds) instead of the work tree.
        public var staged: Bool
        public var today: CalendarDate
        /// The folder paths are relative to.
        public var currentDirectory: String

        public init(references: [String], staged: Bool, today: CalendarDate, currentDirectory: String) {
            self.references = references
            self.staged = staged
            self.today = today
            self.currentDirectory = currentDirectory
        }
    }

    public static func run(_ request: Request, in workspace: Workspace) throws -> [LintResult] {
        var results = configurationResults(workspace)
        let historyNames = try historyNames(workspace)
        if request.staged {
            let source = try IndexSource(repository: workspace.repository)
            let directories = try request.references.isEmpty
                ? stagedCOEs(in: workspace, source: source)
                : request.references.map { try workspace.resolve($0, in: source) }
            let settings = LintSettings(configuration: workspace.configuration, today: request.today, historyNames: historyNames,
                                        knownIDs: try knownIDs(workspace, source, directories))
            results += directories.map { Linter.lint(directory: $0, source: source, settings: settings) }
        } else {
            let source = workspace.workingTree
            let directories = try request.references.isEmpty
                ? workspace.coeDirectories(in: source)
                : request.references.flatMap { try resolve($0, in: workspace, relativeTo: request.currentDirectory) }
            var seen = Set<String>()
            let unique = directories.filter { seen.insert($0).inserted }
            let settings = LintSettings(configuration: workspace.configuration, today: request.today, historyNames: historyNames,
                                        knownIDs: try knownIDs(workspace, source, unique))
            results += Linter.lint(directories: unique, source: source, settings: settings)
        }
        return results
    }

    /// Lints the staged versions of the given COE folders only, reading just their entries of the
    /// index (what a pre-commit hook needs); `knownIDs` are the COEs `related:` may name.
    public static func lintStaged(_ directories: [String], knownIDs: Set<String>, today: CalendarDate, in workspace: Workspace) throws -> [LintResult] {
        guard !directories.isEmpty else { return [] }
        let results = configurationResults(workspace)
        let historyNames = try historyNames(workspace)
        let source = try IndexSource(repository: workspace.repository, only: directories)
        let settings = LintSettings(configuration: workspace.configuration, today: today, historyNames: historyNames,
                                    knownIDs: knownIDs.union(directories.map { String($0.split(separator: "/").last ?? "") }))
        return results + directories.sorted().map { Linter.lint(directory: $0, source: source, settings: settings) }
    }

    /// The configuration's own findings, as a result of their own (none when it is fine).
    static func configurationResults(_ workspace: Workspace) -> [LintResult] {
        let findings = configurationProblems(workspace.configuration)
        return findings.isEmpty ? [] : [LintResult(directory: Configuration.fileName, id: nil, status: nil, findings: findings)]
    }

    /// People's names from history for rule B1 (nothing to read when the rule is off).
    public static func historyNames(_ workspace: Workspace) throws -> [String] {
        workspace.configuration.rules["B1.history"] == .off || workspace.configuration.rules["B1"] == .off
            ? [] : try PeopleIndex.names(in: workspace.repository)
    }

    /// The COE folders holding staged changes (and still present in the index).
    static func stagedCOEs(in workspace: Workspace, source: IndexSource) throws -> [String] {
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

    /// Ids of all COEs, for links between them (S4): the folder names under the root and of the COEs linted.
    static func knownIDs(_ workspace: Workspace, _ source: FileSource, _ linted: [String]) throws -> Set<String> {
        Set(try workspace.coeDirectories(in: source).map { String($0.split(separator: "/").last ?? "") })
            .union(linted.map { String($0.split(separator: "/").last ?? "") })
    }

    /// Rule settings in `.coe.yaml` that name no rule (a typo would silently do nothing).
    static func configurationProblems(_ configuration: Configuration) -> [Diagnostic] {
        let known = RuleRegistry.knownIDs
        return configuration.rules.keys.sorted().filter { !known.contains($0) }.map { id in
            var message = "unknown rule '\(id)' in rules"
            if let near = nearest(id, in: known) { message += "; did you mean '\(near)'?" }
            return Diagnostic(file: Configuration.fileName, position: configuration.rulePositions[id], rule: "S3", message: message)
        }
    }
}
