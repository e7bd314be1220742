import COEFormat
import GitKit

/// Reads COE files from a commit's tree through libgit2 (for history, checks of a pushed range, and CI).
///
/// A symbolic link in the tree is followed when its target stays inside the
/// repository; otherwise it is reported as pointing outside and never read.
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
            let path = directory.isEmpty ? child.name : "\(directory)/\(child.name)"
            switch child.kind {
            case .blob: return FileEntry(name: child.name, kind: .file)
            case .tree: return FileEntry(name: child.name, kind: .directory)
            case .symlink: return FileEntry(name: child.name, kind: .symlink(target: try linkTarget(path: path, blob: child.id)))
            case .submodule, .other: return FileEntry(name: child.name, kind: .other)
            }
        }.sorted { $0.name < $1.name }
    }

    public func read(_ path: String) throws -> [UInt8]? { try read(path, hops: 0) }

    private func read(_ path: String, hops: Int) throws -> [UInt8]? {
        guard hops < 8 else { throw SourceError(path: path, message: "too many levels of symbolic links") }
        guard let entry = try entry(at: path) else { return nil }
        switch entry.kind {
        case .blob: return try repository.blob(entry.id)
        case .symlink:
            guard let target = try linkTarget(path: path, blob: entry.id) else {
                throw SourceError(path: path, message: "is a symbolic link pointing outside the repository; refused")
            }
            return try read(target, hops: hops + 1)
        default: throw SourceError(path: path, message: "is not a regular file")
        }
    }

    /// The repository-relative path a link points to, or nil when it leaves the repository.
    private func linkTarget(path: String, blob: ObjectID) throws -> String? {
        resolveLink(String(decoding: try repository.blob(blob), as: UTF8.self), from: path)
    }
}
