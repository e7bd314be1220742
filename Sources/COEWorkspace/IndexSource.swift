import COEFormat
import GitKit

/// Reads COE files as they are staged in the git index (what the next commit will hold), through libgit2.
public struct IndexSource: FileSource {
    let repository: Repository
    /// Staged files by path.
    private let files: [String: IndexEntry]
    /// Folder path → names of its direct children (files and folders).
    private let children: [String: Set<String>]

    /// The whole index, or with `folders` only the entries under those folders, and an entry at a
    /// folder's own path (a submodule or link where a COE folder should be): a hook that lints two
    /// COEs of a thousand does not list the other files.
    public init(repository: Repository, only folders: [String]? = nil) throws {
        self.repository = repository
        var files: [String: IndexEntry] = [:]
        var children: [String: Set<String>] = [:]
        let wanted = folders.map(Set.init)
        for entry in try repository.indexEntries(under: folders) {
            // The prefix `coes/x` also matches `coes/xy/…`: keep the folder itself and what is inside it.
            if let wanted, !wanted.contains(entry.path),
               !wanted.contains(where: { entry.path.utf8.count > $0.utf8.count && entry.path.hasPrefix($0 + "/") }) { continue }
            files[entry.path] = entry
            var components = entry.path.split(separator: "/").map(String.init)
            var child = components.removeLast()
            while true {
                let folder = components.joined(separator: "/")
                let (inserted, _) = children[folder, default: []].insert(child)
                if !inserted || components.isEmpty { break }
                child = components.removeLast()
            }
        }
        self.files = files
        self.children = children
    }

    /// What tells the staged files under `directory` unchanged (the findings cache's key of a COE): every entry
    /// below it, depth first in name order, as its path, mode and blob id. Nil when no folder is staged there.
    public func fingerprint(of directory: String) -> [UInt8]? {
        guard files[directory] == nil, children[directory] != nil else { return nil }
        var bytes: [UInt8] = []
        func walk(_ folder: String, _ prefix: String) {
            for name in (children[folder] ?? []).sorted() {
                let path = folder.isEmpty ? name : folder + "/" + name
                if let entry = files[path] {
                    bytes.append(contentsOf: "\(prefix)\(name)\u{0} \(entry.mode) \(entry.id.hex)\n".utf8)
                } else {
                    bytes.append(contentsOf: "\(prefix)\(name)\u{0} folder\n".utf8)
                    walk(path, prefix + name + "/")
                }
            }
        }
        walk(directory, "")
        return bytes
    }

    public var label: String { "index" }

    public func list(_ directory: String) throws -> [FileEntry]? {
        guard files[directory] == nil, let names = children[directory] else { return nil }
        return names.sorted().map { name in
            let path = directory.isEmpty ? name : "\(directory)/\(name)"
            return FileEntry(name: name, kind: kind(at: path))
        }
    }

    public func kind(of path: String) throws -> FileKind? {
        if files[path] != nil || children[path] != nil { return kind(at: path) }
        return path.isEmpty ? .directory : nil
    }

    /// The kind of a path the index holds (a folder when only paths below it are staged).
    private func kind(at path: String) -> FileKind {
        guard let entry = files[path] else { return .directory }
        switch entry.mode {
        case 0o120000: return .symlink(target: linkTarget(of: path, entry: entry))
        case 0o160000: return .submodule
        default: return .file
        }
    }

    public func read(_ path: String) throws -> [UInt8]? { try read(path, limit: Int.max) }

    public func read(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let blob = try blobID(of: path) else { return nil }
        let size = try repository.objectSize(blob)
        if size > limit { throw FileTooLarge(path: path, size: size, limit: limit) }
        return try repository.blob(blob)
    }

    /// The staged blob of the regular file at `path` (nothing is read); nil when nothing is staged
    /// there, an error for a link or a submodule.
    func blobID(of path: String) throws -> ObjectID? {
        guard let entry = files[path] else { return nil }
        switch entry.mode {
        case 0o120000: throw SourceError(path: path, message: "is a symbolic link; coe never follows links, so it is not read")
        case 0o160000: throw SourceError(path: path, message: "is a submodule, not a file")
        default: return entry.id
        }
    }

    /// Where a link points, for messages; nil when it leaves the repository (or its target is implausibly long).
    private func linkTarget(of path: String, entry: IndexEntry) -> String? {
        guard let size = try? repository.objectSize(entry.id), size <= 4_096, let bytes = try? repository.blob(entry.id) else { return nil }
        return resolveLink(String(decoding: bytes, as: UTF8.self), from: path)
    }
}

/// The repository-relative path a link at `path` with `target` points to, or nil when it leaves the repository.
func resolveLink(_ target: String, from path: String) -> String? {
    if target.hasPrefix("/") { return nil }
    var components = path.split(separator: "/").dropLast().map(String.init)
    for component in target.split(separator: "/") {
        switch component {
        case ".": continue
        case "..":
            if components.isEmpty { return nil }
            components.removeLast()
        default: components.append(String(component))
        }
    }
    if components.first == ".git" || components.isEmpty { return nil }
    return components.joined(separator: "/")
}
