import COEFormat
import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Reads COE files from the work tree on disk, with POSIX calls (one `readdir` per folder, one `lstat`
/// only where the folder entry does not say what it is).
///
/// Symbolic links are followed only when they resolve inside the repository (and not
/// into `.git`); one pointing outside is reported as such and never read.
public struct WorkingTreeSource: FileSource, Sendable {
    /// The work tree folder, without a trailing slash.
    public let root: String
    private let resolvedRoot: String

    public init(root: String) {
        self.root = root
        resolvedRoot = WorkingTreeSource.realPath(root) ?? root
    }

    public var label: String { "working tree" }

    private func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    public func list(_ directory: String) throws -> [FileEntry]? {
        let folder = absolute(directory)
        guard let handle = opendir(folder) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SourceError(path: directory, message: "cannot list folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(handle) }
        var entries: [FileEntry] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let kind: FileKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            default: kind = self.kind(of: folder + "/" + name)
            }
            entries.append(FileEntry(name: name, kind: kind))
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func read(_ path: String) throws -> [UInt8]? {
        let file = absolute(path)
        switch kind(of: file) {
        case .file: break
        case .symlink(let target?):
            return try read(target)
        case .symlink(nil):
            throw SourceError(path: path, message: "is a symbolic link pointing outside the repository; refused")
        case .directory:
            throw SourceError(path: path, message: "is not a regular file")
        case .other:
            if access(file, F_OK) == 0 { throw SourceError(path: path, message: "is not a regular file") }
            return nil
        }
        let descriptor = open(file, O_RDONLY)
        guard descriptor >= 0 else { throw SourceError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private func kind(of path: String) -> FileKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK:
            guard let resolved = WorkingTreeSource.realPath(path), resolved != resolvedRoot, resolved.hasPrefix(resolvedRoot + "/"),
                  !resolved.dropFirst(resolvedRoot.count + 1).hasPrefix(".git/") else { return .symlink(target: nil) }
            var target = stat()
            guard stat(resolved, &target) == 0 else { return .symlink(target: nil) }
            if target.st_mode & S_IFMT == S_IFDIR { return .directory }
            return .symlink(target: String(resolved.dropFirst(resolvedRoot.count + 1)))
        default: return .other
        }
    }

    /// `realpath(3)`: the path with every link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
