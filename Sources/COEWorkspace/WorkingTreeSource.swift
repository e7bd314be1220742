import COEFormat
import Foundation

/// Reads COE files from the work tree on disk.
///
/// Symbolic links are followed only when they resolve inside the repository;
/// one pointing outside is reported as such and never read.
public struct WorkingTreeSource: FileSource, Sendable {
    /// The work tree folder, without a trailing slash.
    public let root: String
    private let resolvedRoot: String

    public init(root: String) {
        self.root = root
        resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
    }

    public var label: String { "working tree" }

    private func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    public func list(_ directory: String) throws -> [FileEntry]? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let folder = absolute(directory)
        guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        guard insideRepository(folder) else { return nil }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: folder)
        } catch {
            throw SourceError(path: directory, message: "cannot list folder: \(error.localizedDescription)")
        }
        return names.sorted().map { name in FileEntry(name: name, kind: kind(of: folder + "/" + name)) }
    }

    public func read(_ path: String) throws -> [UInt8]? {
        let file = absolute(path)
        switch kind(of: file) {
        case .file: break
        case .symlink(let target?):
            return try read(target)
        case .symlink(nil):
            throw SourceError(path: path, message: "is a symbolic link pointing outside the repository; refused")
        case .directory, .other:
            if FileManager.default.fileExists(atPath: file) { throw SourceError(path: path, message: "is not a regular file") }
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw SourceError(path: path, message: "cannot be read (permissions?)")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw SourceError(path: path, message: "cannot be read: \(error.localizedDescription)")
        }
    }

    private func kind(of path: String) -> FileKind {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let type = attributes[.type] as? FileAttributeType else { return .other }
        switch type {
        case .typeRegular: return .file
        case .typeDirectory: return .directory
        case .typeSymbolicLink:
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard insideRepository(resolved), resolved != resolvedRoot,
                  !resolved.dropFirst(resolvedRoot.count + 1).hasPrefix(".git/") else { return .symlink(target: nil) }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else { return .symlink(target: nil) }
            if isDirectory.boolValue { return .directory }
            return .symlink(target: String(resolved.dropFirst(resolvedRoot.count + 1)))
        default: return .other
        }
    }

    private func insideRepository(_ path: String) -> Bool {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/")
    }
}
