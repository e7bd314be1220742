import COEFormat
import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads COE files from the work tree on disk, with POSIX calls.
///
/// A path is opened one folder at a time from the work tree's root with `O_NOFOLLOW`, so a symbolic
/// link anywhere along it (a linked COE root, COE folder or file) is refused, never followed: nothing
/// outside the repository is read. A file is opened without blocking and checked to be a regular file
/// before anything is read (a FIFO would otherwise hang the hook), and its size is checked against the
/// caller's limit first. Opening folder by folder (one `openat` per folder) added 26 ms of system time
/// to linting the 1,000-COE benchmark (0.126 s to 0.152 s), within the noise of its wall time.
public struct WorkingTreeSource: FileSource, Sendable {
    /// The work tree folder, without a trailing slash.
    public let root: String
    /// A folder held open (`holding(_:)`), with its path's components: a path inside it is opened from it,
    /// folder by folder as from the root, instead of from the root again.
    private let held: (components: [Substring], folder: Descriptor)?

    public init(root: String) {
        self.root = root
        held = nil
    }

    private init(root: String, held: (components: [Substring], folder: Descriptor)) {
        self.root = root
        self.held = held
    }

    /// The same files, with the folder `directory` held open while the value lives: reading a COE's files
    /// opens each from its folder (two system calls) rather than from the work tree's root (five or more).
    /// Itself when the folder cannot be opened (a link, absent, unreadable): reading then meets that as ever.
    public func holding(_ directory: String) -> FileSource { held(directory) }

    /// `holding(_:)` as a work-tree source, for `blobID(of:)`: hashing a folder's files through it opens each
    /// file from the folder, not every folder on its path again (four opens a file).
    public func held(_ directory: String) -> WorkingTreeSource {
        let components = split(directory)
        guard let folder = try? openFolder(components[...], linkIsNotAFolder: true) else { return self }
        return WorkingTreeSource(root: root, held: (components, folder))
    }

    public var label: String { "working tree" }

    /// An open file descriptor, closed when the value is released.
    private final class Descriptor: Sendable {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { close(fd) }
    }

    /// The error for `errno` after opening `path`.
    private func failure(_ path: String, _ what: String) -> SourceError {
        let code = errno
        if code == ELOOP { return SourceError(path: path, message: "is a symbolic link; coe never follows links, so it is not read") }
        return SourceError(path: path, message: "\(what): \(String(cString: strerror(code)))")
    }

    /// Opens the folder at `components` below the root, one component at a time without following
    /// links; nil when one of them does not exist or is not a folder, or (with `linkIsNotAFolder`) when
    /// the last one is a link. A link on the way to the folder is an error: it could lead anywhere.
    private func openFolder(_ path: ArraySlice<Substring>, linkIsNotAFolder: Bool = false) throws -> Descriptor? {
        var folder: Descriptor
        // The path walked so far is named only in an error: made then, not for every folder of every file read (with
        // the path's split, that was 16 million instructions for the 1,700 files of 100 generated COEs; callgrind,
        // 2026-12-02).
        var walkedFrom: [Substring] = []
        var components = path
        if let held, path.starts(with: held.components) {
            // Inside the folder held open: from it.
            folder = held.folder
            walkedFrom = held.components
            components = path.dropFirst(held.components.count)
        } else {
            let start = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard start >= 0 else { throw failure("", "cannot open the work tree") }
            folder = Descriptor(start)
        }
        for (index, component) in components.enumerated() {
            let next = openat(folder.fd, String(component), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else {
                let code = errno
                let walked = (walkedFrom + components.prefix(index + 1)).joined(separator: "/")
                // A link gives ELOOP with O_NOFOLLOW, or ENOTDIR on some systems with O_DIRECTORY: look.
                let isLink = code == ELOOP || (code == ENOTDIR && (try? kind(named: String(component), in: folder, path: walked)).map {
                    if case .symlink = $0 { return true } else { return false }
                } == true)
                if isLink {
                    if linkIsNotAFolder && index == components.count - 1 { return nil }
                    throw SourceError(path: walked, message: "is a symbolic link; coe never follows links, so it is not read")
                }
                if code == ENOENT || code == ENOTDIR { return nil }
                errno = code
                throw failure(walked, "cannot open folder")
            }
            folder = Descriptor(next)
        }
        return folder
    }

    /// The path's components, split at each `/` byte as the system splits a path (splitting by characters
    /// cost a tenth of reading a thousand COEs' action items).
    /// By hand over the UTF-8 view: the generic `split` and a `map` to substrings cost 5,000 instructions a path.
    private func split(_ path: String) -> [Substring] {
        let utf8 = path.utf8
        var components: [Substring] = []
        var start = utf8.startIndex, index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if start != index { components.append(Substring(utf8[start..<index])) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { components.append(Substring(utf8[start..<utf8.endIndex])) }
        return components
    }

    public func list(_ directory: String) throws -> [FileEntry]? {
        guard let folder = try openFolder(split(directory)[...], linkIsNotAFolder: true) else { return nil }
        guard let names = names(in: folder) else { throw failure(directory, "cannot list folder") }
        let entries = names.map { name, type -> FileEntry in
            let kind: FileKind
            switch type {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            default:
                let path = directory.isEmpty ? name : directory + "/" + name
                kind = (try? self.kind(named: name, in: folder, path: path)) ?? .other
            }
            return FileEntry(name: name, kind: kind)
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The names in an open folder with their `d_type`, `.` and `..` left out; nil when it cannot be read.
    private func names(in folder: Descriptor) -> [(name: String, type: Int32)]? {
        // fdopendir takes the descriptor over: it is closed by closedir.
        let own = dup(folder.fd)
        guard own >= 0, let handle = fdopendir(own) else {
            if own >= 0 { close(own) }
            return nil
        }
        defer { closedir(handle) }
        // A duplicate shares its position with the folder held open (`holding`), which an earlier listing moved.
        rewinddir(handle)
        var names: [(name: String, type: Int32)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            names.append((name, Int32(entry.pointee.d_type)))
        }
        return names
    }

    public func read(_ path: String) throws -> [UInt8]? { try read(path, limit: Int.max - 1) }

    /// The regular file at `path`, opened folder by folder without following a link and without
    /// blocking, and its size; nil when it does not exist; an error when it is not a regular file.
    private func openFile(_ path: String) throws -> (Descriptor, size: Int)? {
        let components = split(path)
        guard let name = components.last, let folder = try openFolder(components.dropLast()) else { return nil }
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below as not a regular file.
        let opened = openat(folder.fd, String(name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot be read")
        }
        let file = Descriptor(opened)
        var info = stat()
        guard fstat(file.fd, &info) == 0 else { throw failure(path, "cannot be read") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SourceError(path: path, message: info.st_mode & S_IFMT == S_IFDIR ? "is a folder, not a file" : "is not a regular file")
        }
        return (file, Int(info.st_size))
    }

    /// The blob id of the regular file at `path`, hashed in chunks from the file opened as `read` opens
    /// it (no link followed): never held whole, whatever its size. Nil when it does not exist.
    public func blobID(of path: String, repository: Repository) throws -> ObjectID? { try blobID(of: path) }

    /// `blobID(of:repository:)` on any thread: hashing a blob reads no repository.
    public func blobID(of path: String) throws -> ObjectID? {
        guard let (file, size) = try openFile(path) else { return nil }
        // A file of up to a mebibyte is read whole, once, and hashed from memory: through libgit2's own reading it was
        // opened again by its `/proc/self/fd` name and stat'ed again, 4 of the 9 system calls of each of the 18,000 files
        // a cold `coe search` of the 1,000-COE benchmark hashes. A larger one is hashed in chunks, never held whole.
        guard size <= Self.wholeHashLimit else { return try withExtendedLifetime(file) { try Repository.hashBlob(fileDescriptor: file.fd) } }
        let bytes = try readWhole(file, path, size: size, limit: size)
        guard bytes.count == size else { throw SourceError(path: path, message: "changed size while it was read") }
        return try Repository.hashBlob(bytes)
    }

    /// The largest file `blobID(of:)` reads whole to hash.
    static let wholeHashLimit = 1 << 20

    public func read(_ path: String, limit: Int) throws -> [UInt8]? {
        guard let (file, size) = try openFile(path) else { return nil }
        if size > limit { throw FileTooLarge(path: path, size: size, limit: limit) }
        let bytes = try readWhole(file, path, size: size, limit: limit)
        if bytes.count > limit { throw FileTooLarge(path: path, size: nil, limit: limit) }
        return bytes
    }

    /// `readOpenFile` of an opened file, its failure named by `path`.
    private func readWhole(_ file: Descriptor, _ path: String, size: Int, limit: Int) throws -> [UInt8] {
        do {
            return try withExtendedLifetime(file) { () throws(OpenFileReadError) -> [UInt8] in try readOpenFile(file.fd, size: size, limit: limit) }
        } catch {
            errno = error.code
            throw failure(path, "cannot be read")
        }
    }

    /// One `lstat` of the whole path, not a folder at a time: a stamp is only a cache key, asked for a file
    /// whose folders the caller has just listed as folders (not links), and a record is only ever kept from a
    /// file read the safe way. Opening the folders one by one cost 15 % of a warm `coe list`.
    public func stamp(of path: String) -> FileStamp? {
        var info = stat()
        guard lstat(root + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(info)
    }

    public func stamps(in folder: String) -> [String: FileStamp] {
        guard let opened = try? openFolder(split(folder)[...], linkIsNotAFolder: true), let names = names(in: opened) else { return [:] }
        var stamps: [String: FileStamp] = [:]
        for (name, type) in names where type == Int32(DT_REG) || type == Int32(DT_UNKNOWN) {
            var info = stat()
            guard fstatat(opened.fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            stamps[name] = FileStamp(info)
        }
        return stamps
    }

    public func kind(of path: String) throws -> FileKind? {
        let components = split(path)
        guard let name = components.last else { return .directory }
        guard let folder = try openFolder(components.dropLast()) else { return nil }
        return try kind(named: String(name), in: folder, path: path)
    }

    /// What `name` in an open folder is, without following it; nil when it does not exist.
    private func kind(named name: String, in folder: Descriptor, path: String) throws -> FileKind? {
        var info = stat()
        guard fstatat(folder.fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw failure(path, "cannot be examined")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlinkat(folder.fd, name, &target, target.count - 1)
            guard length >= 0 else { return .symlink(target: nil) }
            let text = String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .symlink(target: resolveLink(text, from: path))
        default: return .other
        }
    }
}

extension FileStamp {
    /// The stamp of what `stat` returned.
    public init(_ info: stat) {
        func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }
        self.init(size: Int64(info.st_size), inode: Int64(info.st_ino), modified: nanoseconds(info.st_mtim), changed: nanoseconds(info.st_ctim))
    }
}
