import COEFormat
import GitKit

/// Reads COE files from a commit's tree through libgit2 (for history, checks of a pushed range, and CI).
///
/// A symbolic link or submodule in the tree is reported as what it is and never followed; a blob's
/// size is read from its header before the blob itself, so a pushed 200 MB file is refused unread.
public struct GitTreeSource: FileSource {
    let repository: Repository
    public let tree: ObjectID
    public let label: String
    /// A folder whose tree id is already known (from the history index): paths below it are found from
    /// there, without reading the large trees above it.
    let known: (path: String, tree: ObjectID)?

    public init(repository: Repository, tree: ObjectID, label: String, knownFolder: (path: String, tree: ObjectID)? = nil) {
        self.repository = repository
        self.tree = tree
        self.label = label
        known = knownFolder
    }

    private func entry(at path: String) throws -> TreeEntry? {
        if let known, path.hasPrefix(known.path) {
            if path == known.path { return TreeEntry(name: String(path.split(separator: "/").last ?? ""), id: known.tree, kind: .tree, mode: 0o040000) }
            if path.utf8.dropFirst(known.path.utf8.count).first == UInt8(ascii: "/") {
                return try repository.entry(atPath: String(path.dropFirst(known.path.count + 1)), inTree: known.tree)
            }
        }
        return try repository.entry(atPath: path, inTree: tree)
    }

    /// The tree of the commit a revision names.
    public init(repository: Repository, revision: String) throws {
        let commit = try repository.resolveCommit(revision)
        self.init(repository: repository, tree: try repository.commit(commit).tree, label: revision)
    }

    public func list(_ directory: String) throws -> [FileEntry]? {
        guard let entry = try entry(at: directory), entry.kind == .tree else { return nil }
        return try repository.entries(ofTree: entry.id).map { child in
            FileEntry(name: child.name, kind: kind(of: child, at: directory.isEmpty ? child.name : "\(directory)/\(child.name)"))
        }.sorted { $0.name < $1.name }
    }

    public func kind(of path: String) throws -> FileKind? {
        try entry(at: path).map { kind(of: $0, at: path) }
    }

    private func kind(of entry: TreeEntry, at path: String) -> FileKind {
        switch entry.kind {
        case .blob: return .file
        case .tree: return .directory
        case .symlink: return .symlink(target: linkTarget(path: path, blob: entry.id))
        case .submodule: return .submodule
        case .other: return .other
        }
    }

    public func read(_ path: String) throws -> [UInt8]? { try read(path, limit: Int.max) }

    public func read(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let blob = try blobID(of: path) else { return nil }
        let size = try repository.objectSize(blob)
        if size > limit { throw FileTooLarge(path: path, size: size, limit: limit) }
        return try repository.blob(blob)
    }

    /// The blob of the regular file at `path` (nothing is read); nil when nothing is there, an error
    /// for a link, a submodule or a folder.
    func blobID(of path: String) throws -> ObjectID? {
        guard let entry = try entry(at: path) else { return nil }
        switch entry.kind {
        case .blob: return entry.id
        case .symlink: throw SourceError(path: path, message: "is a symbolic link; coe never follows links, so it is not read")
        case .submodule: throw SourceError(path: path, message: "is a submodule, not a file")
        default: throw SourceError(path: path, message: "is not a regular file")
        }
    }

    /// Where a link points, for messages; nil when it leaves the repository (or its target is implausibly long).
    private func linkTarget(path: String, blob: ObjectID) -> String? {
        guard let size = try? repository.objectSize(blob), size <= 4_096, let bytes = try? repository.blob(blob) else { return nil }
        return resolveLink(String(decoding: bytes, as: UTF8.self), from: path)
    }
}
