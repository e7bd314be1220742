import COEFormat
import GitKit

/// Reads COE files as they are staged in the git index (what the next commit will hold), through libgit2.
public struct IndexSource: FileSource {
    let repository: Repository
    /// Staged files by path.
    private let files: [String: IndexEntry]
    /// Folder path → names of its direct children (files and folders).
    private let children: [String: Set<String>]

    /// The whole index, or with `folders` only the entries under those folders (a hook that lints
    /// two COEs of a thousand does not list the other files).
    public init(repository: Repository, only folders: [String]? = nil) throws {
        self.repository = repository
        var files: [String: IndexEntry] = [:]
        var children: [String: Set<String>] = [:]
        for entry in try repository.indexEntries(under: folders.map { $0.map { $0 + "/" } }) {
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

    public var label: String { "index" }

    public func list(_ directory: String) throws -> [FileEntry]? {
        guard let names = children[directory] else { return nil }
        return names.sorted().map { name in
            let path = directory.isEmpty ? name : "\(directory)/\(name)"
            guard let entry = files[path] else { return FileEntry(name: name, kind: .directory) }
            switch entry.mode {
            case 0o120000: return FileEntry(name: name, kind: .symlink(target: (try? linkTarget(of: path, entry: entry)) ?? nil))
            case 0o160000: return FileEntry(name: name, kind: .other)
            default: return FileEntry(name: name, kind: .file)
            }
        }
    }

    public func read(_ path: String) throws -> [UInt8]? { try read(path, hops: 0) }

    private func read(_ path: String, hops: Int) throws -> [UInt8]? {
        guard hops < 8 else { throw SourceError(path: path, message: "too many levels of symbolic links") }
        guard let entry = files[path] else { return nil }
        switch entry.mode {
        case 0o120000:
            guard let target = try linkTarget(of: path, entry: entry) else {
                throw SourceError(path: path, message: "is a symbolic link pointing outside the repository; refused")
            }
            return try read(target, hops: hops + 1)
        case 0o160000: throw SourceError(path: path, message: "is a submodule, not a file")
        default: return try repository.blob(entry.id)
        }
    }

    private func linkTarget(of path: String, entry: IndexEntry) throws -> String? {
        resolveLink(String(decoding: try repository.blob(entry.id), as: UTF8.self), from: path)
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
