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
        if let bytes = try Workspace.configurationBytes(in: WorkingTreeSource(root: workTree)) {
            configuration = try Configuration.parse(try SourceText.decode(bytes, file: Configuration.fileName))
            hasConfigurationFile = true
        } else {
            configuration = Configuration()
            hasConfigurationFile = false
        }
    }

    /// The bytes of `.coe.yaml`, nil when there is none. A link is refused (it could point anywhere),
    /// and so is a file over the default file limit: the configuration cannot raise the limit it is read under.
    public static func configurationBytes(in source: FileSource) throws -> [UInt8]? {
        do {
            return try source.read(Configuration.fileName, limit: ReadLimits.default.fileBytes)
        } catch let error as FileTooLarge {
            throw FormatError([Diagnostic(file: Configuration.fileName, message: "is \(error.size.map(ReadLimits.describe) ?? "larger"), "
                + "over the limit of \(ReadLimits.describe(bytes: error.limit)) for a file; not read")])
        } catch let error as SourceError {
            throw WorkspaceError("\(Configuration.fileName) \(error.message)")
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

    /// The folders of all COEs (relative to the repository root), sorted, with every other entry of the
    /// COE root that is not hidden: a file, link or submodule where a COE folder should be, which reading
    /// then reports (a COE is a folder). Throws when the root itself is not a folder, or is reached through
    /// a link: nothing outside the repository is read.
    public func coeDirectories(in source: FileSource) throws -> [String] {
        try Workspace.coeEntries(in: source, root: root).map(\.path)
    }

    /// The entries of the COE root of `source`, as paths with their kinds (hidden names left out).
    public static func coeEntries(in source: FileSource, root: String) throws -> [(path: String, kind: FileKind)] {
        let folder = Configuration.rootComponents(root).joined(separator: "/")
        let entries: [FileEntry]
        do {
            guard let listed = try source.list(folder) else {
                switch try source.kind(of: folder) {
                case nil, .directory?: return []
                case .symlink?:
                    throw WorkspaceError("the COE root \(folder) is a symbolic link; coe never follows links (make it a folder)")
                default: throw WorkspaceError("the COE root \(folder) is not a folder; it must be a folder holding one folder per COE")
                }
            }
            entries = listed
        } catch let error as SourceError {
            throw WorkspaceError("cannot read the COE root \(folder) (\(source.label)): \(error.path) \(error.message)")
        }
        let prefix = Configuration.rootPrefix(root)
        return entries.filter { !$0.name.hasPrefix(".") }.map { (prefix + $0.name, $0.kind) }
    }

    /// Names in the COE root of `source` that differ only in case, each reported on the later one's folder.
    public static func caseTwins(in source: FileSource, root: String) throws -> [Diagnostic] {
        let entries = try coeEntries(in: source, root: root)
        return caseTwins(entries.map(\.path))
    }

    /// Paths among `paths` whose last names differ only in case from an earlier one's.
    public static func caseTwins(_ paths: [String]) -> [Diagnostic] {
        var first: [String: String] = [:]
        var problems: [Diagnostic] = []
        // Called on every pre-commit with the 1,000 names of the COE root: the last name is sliced, not split.
        for path in paths.sorted() {
            let name = COELayout.lastName(of: path)
            let key = name.lowercased()
            if let earlier = first[key] {
                problems.append(Diagnostic(file: path,
                    message: "differs only in case from \(earlier); on macOS and Windows the two are one folder, so rename one"))
            } else {
                first[key] = path
            }
        }
        return problems
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

    /// Reads every COE of the work tree on every core, only coe.yaml and `parts` of each (`COEReader.read`):
    /// the commands that list across COEs (`coe list`, `coe actions`, `coe remind`, `coe report`). In
    /// `loadAll`'s order; a COE that cannot be read is a failure, any other error (the disk) is thrown.
    /// coe.yaml and the action items come from the read cache when unchanged (`ReadCache`), which is
    /// written back afterwards.
    public func loadAll(parts: Set<Part>) throws -> [(directory: String, result: Result<COEDocument, FormatError>)] {
        let source = workingTree, limits = configuration.readLimits
        let directories = try coeDirectories(in: source)
        let cache = ReadCache(repository: repository, limits: limits, parts: parts)
        defer { cache.save() }
        return try Workspace.inParallel(directories) { index in
            try COEReader.read(directory: directories[index], from: source, limits: limits, parts: parts, cache: cache)
        }
    }

    /// `read` of each of `directories` on every core, in their order: a COE that cannot be read is a failure, any
    /// other error (the disk) is thrown.
    static func inParallel<Value>(_ directories: [String], _ read: @Sendable (Int) throws -> Value) throws
        -> [(directory: String, result: Result<Value, FormatError>)] {
        let slots = ParallelSlots<Result<Value, any Error>>(count: directories.count)
        DispatchQueue.concurrentPerform(iterations: directories.count) { index in
            slots.set(index, Result { try read(index) })
        }
        return try zip(directories, slots.values).map { directory, result in
            switch result {
            case .success(let value): return (directory, .success(value))
            case .failure(let error as FormatError): return (directory, .failure(error))
            case .failure(let error): throw error
            }
        }
    }

    /// The metadata of every COE of the work tree, from its coe.yaml alone (`COEReader.readMetadata`), on every
    /// core and through the read cache: `coe list`. In `loadAll`'s order.
    public func loadMetadata() throws -> [(directory: String, result: Result<Metadata, FormatError>)] {
        let source = workingTree, limits = configuration.readLimits
        let entries = try Workspace.coeEntries(in: source, root: root)
        let cache = ReadCache(repository: repository, limits: limits, parts: [])
        defer { cache.save() }
        return try Workspace.inParallel(entries.map(\.path)) { index in
            // Only a folder's coe.yaml comes from the cache: a link where a COE should be is read, and refused, every time.
            try COEReader.readMetadata(directory: entries[index].path, from: source, limits: limits,
                                       cache: entries[index].kind == .directory ? cache : nil)
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
