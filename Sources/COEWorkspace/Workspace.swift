import COEFormat
import Foundation
import GitKit

/// A problem with the repository or its set-up, rather than with a document (exit code 2).
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A git repository holding COEs: its work tree, its configuration and its COE root folder.
public final class Workspace {
    public let repository: Repository
    /// The work tree folder, without a trailing slash.
    public let workTree: String
    public let configuration: Configuration
    /// True when `.coe.yaml` exists (false: defaults are in use).
    public let hasConfigurationFile: Bool

    /// Opens the repository containing `path` (the current folder when nil) and reads its configuration.
    public init(at path: String? = nil) throws {
        let start = path ?? FileManager.default.currentDirectoryPath
        guard FileManager.default.fileExists(atPath: start) else { throw WorkspaceError("no such folder: \(start)") }
        do {
            repository = try Repository.discover(from: start)
        } catch let error as GitError {
            throw WorkspaceError("\(start) is not inside a git repository (\(error.message)); run 'coe init' in a git repository, or 'coe init <path>' to create one")
        }
        guard let workdir = repository.workdir else {
            throw WorkspaceError("\(repository.gitDirectory) is a bare repository; this command needs a work tree")
        }
        workTree = workdir.hasSuffix("/") ? String(workdir.dropLast()) : workdir
        let configPath = workTree + "/" + Configuration.fileName
        if let bytes = FileManager.default.contents(atPath: configPath) {
            configuration = try Configuration.parse(try SourceText.decode(Array(bytes), file: Configuration.fileName))
            hasConfigurationFile = true
        } else {
            configuration = Configuration()
            hasConfigurationFile = false
        }
    }

    /// The commit a revision names (`HEAD`, a branch, a tag, an id), or a clear error.
    public func commit(at revision: String) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch let error as GitError {
            throw WorkspaceError("cannot read revision '\(revision)': \(error.message)")
        }
    }

    /// The files of the work tree as they are on disk.
    public var workingTree: WorkingTreeSource { WorkingTreeSource(root: workTree) }

    /// The COE root folder, relative to the repository root.
    public var root: String { configuration.root }

    /// The folders of all COEs (relative to the repository root), sorted.
    public func coeDirectories(in source: FileSource) throws -> [String] {
        guard let entries = try source.list(root == "." ? "" : root) else { return [] }
        return entries.filter { $0.kind == .directory && !$0.name.hasPrefix(".") }
            .map { root == "." || root.isEmpty ? $0.name : "\(root)/\($0.name)" }
    }

    /// Reads every COE; each result is the document or the problems that stopped it.
    public func loadAll(from source: FileSource? = nil) throws -> [(directory: String, result: Result<COEDocument, FormatError>)] {
        let source = source ?? workingTree
        return try coeDirectories(in: source).map { directory in
            do {
                return (directory, .success(try COEReader.read(directory: directory, from: source, limits: configuration.readLimits)))
            } catch let error as FormatError {
                return (directory, .failure(error))
            }
        }
    }

    /// The folder of the COE a user named: its full id, a unique prefix of it or of its random part, or its folder path.
    public func resolve(_ reference: String, in source: FileSource? = nil) throws -> String {
        let source = source ?? workingTree
        let trimmed = reference.hasSuffix("/") ? String(reference.dropLast()) : reference
        // A full id or folder path names a folder directly: no need to list the thousand others.
        let prefix = Configuration.rootPrefix(root)
        let name = !prefix.isEmpty && trimmed.hasPrefix(prefix) ? String(trimmed.dropFirst(prefix.count)) : trimmed
        let direct = prefix + name
        if !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), try source.list(direct) != nil { return direct }
        let directories = try coeDirectories(in: source)
        let names = directories.map { ($0, String($0.split(separator: "/").last ?? "")) }
        if let exact = names.first(where: { $0.1 == trimmed || $0.0 == trimmed }) { return exact.0 }
        if let problem = COEID.problem(with: trimmed) {
            throw WorkspaceError("'\(reference)' is not a COE id: it \(problem)")
        }
        let matches = names.filter { $0.1.hasPrefix(trimmed) || (COEID.randomPart(of: $0.1)?.hasPrefix(trimmed) ?? false) }
        switch matches.count {
        case 1: return matches[0].0
        case 0: throw WorkspaceError("no COE with id '\(reference)' under \(root)/ (run 'coe list')")
        default:
            throw WorkspaceError("'\(reference)' matches \(matches.count) COEs: \(matches.map(\.1).joined(separator: ", ")); give more of the id")
        }
    }
}
