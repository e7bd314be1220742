import Foundation

/// What a folder entry is, as far as reading COEs is concerned.
public enum FileKind: Sendable, Equatable {
    case file, directory
    /// A symbolic link; `target` is where it points, relative to the repository root, or nil when it
    /// leaves the repository. A COE holds no links: `coe` reports them and never follows one.
    case symlink(target: String?)
    /// A git submodule (a gitlink in the index or a tree): another repository's commit, not files.
    case submodule
    /// Anything else: a FIFO, a socket, a device.
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
/// Paths are relative to the repository root and use `/`. A source never follows a symbolic link,
/// neither at the end of a path nor in one of its folders, so nothing outside the repository is read.
public protocol FileSource {
    /// A label for messages ("working tree", "index", a commit id).
    var label: String { get }
    /// The entries of a folder, sorted by name; nil when the folder does not exist or is not a folder.
    func list(_ directory: String) throws -> [FileEntry]?
    /// The bytes of a regular file; nil when it does not exist.
    func read(_ path: String) throws -> [UInt8]?
    /// The bytes of a regular file of at most `limit` bytes; nil when it does not exist. A larger file
    /// throws `FileTooLarge`, found from its size before it is read whole (`stat`, the git object header).
    func read(_ path: String, limit: Int) throws -> [UInt8]?
    /// What is at `path`, without following a link; nil when nothing is.
    func kind(of path: String) throws -> FileKind?
    /// The same files, read faster inside `directory` where the source can (the work tree keeps the folder
    /// open while the value lives); `COEReader` reads a COE through it.
    func holding(_ directory: String) -> FileSource
    /// What the file system says of the regular file at `path` (`FileStamp`), taken before it is read; nil
    /// when the source has no such thing (the index, a commit) or the path is not a regular file.
    func stamp(of path: String) -> FileStamp?
    /// The stamps of the regular files directly in `folder`, by name, opening the folder once; empty where
    /// `stamp(of:)` would give none.
    func stamps(in folder: String) -> [String: FileStamp]
}

/// What `lstat` says of a regular file: enough to tell that it has not changed since it was last read, as
/// git's index tells it (size, inode, modification and change times in nanoseconds; the change time cannot be
/// set back by a program, so a file rewritten with its old modification time is still seen as changed).
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    public var inode: Int64
    public var modified: Int64
    public var changed: Int64

    public init(size: Int64, inode: Int64, modified: Int64, changed: Int64) {
        self.size = size
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }
}

extension FileSource {
    /// Itself: most sources gain nothing from holding a folder.
    public func holding(_ directory: String) -> FileSource { self }

    /// None: only the work tree has stamps.
    public func stamp(of path: String) -> FileStamp? { nil }

    /// None: only the work tree has stamps.
    public func stamps(in folder: String) -> [String: FileStamp] { [:] }

    /// Reads the file whole, then compares: for sources already in memory (tests, overlays).
    public func read(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let bytes = try read(path) else { return nil }
        if bytes.count > limit { throw FileTooLarge(path: path, size: bytes.count, limit: limit) }
        return bytes
    }

    /// The entry's kind in its folder's listing.
    public func kind(of path: String) throws -> FileKind? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = components.last else { return .directory }
        return try list(components.dropLast().joined(separator: "/"))?.first { $0.name == name }?.kind
    }
}

/// An I/O problem reading a source (not a problem with the document).
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// A source with some files' bytes given: the COE as the commit being built will have it (a review command's
/// change, before it is committed), or files already read for another purpose (the search index hashes a COE's
/// files and reads the COE from the same bytes). Everything else is the base's.
public struct OverlaySource: FileSource {
    public let base: FileSource
    public let overrides: [String: [UInt8]]

    public init(base: FileSource, overrides: [String: [UInt8]]) {
        self.base = base
        self.overrides = overrides
    }

    public var label: String { base.label }

    /// The base's entries, with what the overrides add to the folder: a file (a new action item), or
    /// the folder that holds one (`actions/` of a COE that had no action item).
    public func list(_ directory: String) throws -> [FileEntry]? {
        var added: [FileEntry] = []
        for path in overrides.keys where path.hasPrefix(directory + "/") {
            let rest = path.dropFirst(directory.count + 1)
            let entry = rest.firstIndex(of: "/").map { FileEntry(name: String(rest[..<$0]), kind: .directory) }
                ?? FileEntry(name: String(rest), kind: .file)
            if !added.contains(entry) { added.append(entry) }
        }
        guard var entries = try base.list(directory) else { return added.isEmpty ? nil : added.sorted { $0.name < $1.name } }
        for entry in added where !entries.contains(where: { $0.name == entry.name }) { entries.append(entry) }
        return entries.sorted { $0.name < $1.name }
    }

    public func read(_ path: String) throws -> [UInt8]? { try overrides[path] ?? base.read(path) }

    /// An override checked against `limit`; any other file as the base reads it (a large one refused before it is read).
    public func read(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let bytes = overrides[path] else { return try base.read(path, limit: limit) }
        if bytes.count > limit { throw FileTooLarge(path: path, size: bytes.count, limit: limit) }
        return bytes
    }

    public func holding(_ directory: String) -> FileSource { OverlaySource(base: base.holding(directory), overrides: overrides) }

    /// The base's stamp, none for an override (its bytes are not the file's on disk).
    public func stamp(of path: String) -> FileStamp? { overrides[path] == nil ? base.stamp(of: path) : nil }

    public func stamps(in folder: String) -> [String: FileStamp] {
        base.stamps(in: folder).filter { overrides[folder + "/" + $0.key] == nil }
    }
}

/// A read of an open file failed: `code` is the `errno` it left.
public struct OpenFileReadError: Error, Sendable {
    public let code: Int32
}

/// The bytes of an open regular file that `fstat` said held `size`: read straight into the array, its size and one
/// byte more (the end, or that it grew), then, when it grew, on to at most `limit` + 1 bytes (a caller refuses a
/// count over its limit; a file growing while it is read is never read whole). The one way `coe` reads a whole
/// file: the work tree's files (`WorkingTreeSource`) and the cache files (`BinaryReader.decodeFile`). Through a
/// zeroed chunk of at least 4 KiB copied into the array, the 1,700 files of 100 generated COEs cost 13 million
/// instructions more (callgrind, 2026-12-02); through `Data` and a copy, reading and decoding the findings cache
/// was 7.6 % of a `coe lint` with nothing changed, 6.0 % this way (perf, 2026-12-02).
public func readOpenFile(_ descriptor: Int32, size: Int, limit: Int) throws(OpenFileReadError) -> [UInt8] {
    var code: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
        count = 0
        while count < buffer.count {
            let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if got < 0 {
                if errno == EINTR { continue }
                code = errno
                return
            }
            if got == 0 { return }
            count += got
        }
    }
    guard code == 0 else { throw OpenFileReadError(code: code) }
    // A file that grew since its size was taken: the rest chunk by chunk, up to one byte past the limit.
    var chunk = [UInt8](repeating: 0, count: bytes.count > size ? 65_536 : 0)
    while bytes.count > size, bytes.count <= limit {
        let wanted = min(chunk.count, limit + 1 - bytes.count)
        let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
        if got < 0 {
            if errno == EINTR { continue }
            throw OpenFileReadError(code: errno)
        }
        if got == 0 { break }
        bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
}
