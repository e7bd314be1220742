/// What a folder entry is, as far as reading COEs is concerned.
public enum FileKind: Sendable, Equatable {
    case file, directory
    /// A link; `target` is where it points, relative to the repository root, or nil when it leaves the repository.
    case symlink(target: String?)
    case other
}

/// One entry of a folder listing.
public struct FileEntry: Sendable, Equatable {
    public var name: String
    public var kind: FileKind
    public init(name: String, kind: FileKind) { self.name = name; self.kind = kind }
}

/// Somewhere COE files are read from: the work tree, the git index or a commit's tree.
///
/// Paths are relative to the repository root and use `/`.
public protocol FileSource {
    /// A label for messages ("working tree", "index", a commit id).
    var label: String { get }
    /// The entries of a folder, sorted by name; nil when the folder does not exist.
    func list(_ directory: String) throws -> [FileEntry]?
    /// The bytes of a regular file; nil when it does not exist.
    func read(_ path: String) throws -> [UInt8]?
}

/// An I/O problem reading a source (not a problem with the document).
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}
