/// An in-memory `FileSource`, for tests that need no disk.
import COEFormat

/// An in-memory `FileSource`: a dictionary of repository-relative paths to bytes.
public struct MemorySource: FileSource, Sendable {
    public var files: [String: [UInt8]]
    public var links: [String: String?] = [:]
    /// Entries of other kinds (submodules, FIFOs), which cannot be read.
    public var special: [String: FileKind] = [:]
    /// Files whose reading fails as an unreadable file's does (permission denied).
    public var unreadable: Set<String> = []
    public var label: String { "memory" }

    public init(_ files: [String: String]) { self.files = files.mapValues { Array($0.utf8) } }

    public func list(_ directory: String) throws -> [FileEntry]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var names: [String: FileKind] = [:]
        if files[directory] != nil || links[directory] != nil || special[directory] != nil { return nil }
        for path in Array(files.keys) + Array(links.keys) + Array(special.keys) where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            let parts = rest.split(separator: "/", maxSplits: 1)
            guard let first = parts.first else { continue }
            if parts.count > 1 { names[String(first)] = .directory }
            else if let link = links[path] { names[String(first)] = .symlink(target: link) }
            else if let kind = special[path] { names[String(first)] = kind }
            else { names[String(first)] = .file }
        }
        if names.isEmpty { return nil }
        return names.keys.sorted().map { FileEntry(name: $0, kind: names[$0]!) }
    }

    public func read(_ path: String) throws -> [UInt8]? {
        if unreadable.contains(path) { throw SourceError(path: path, message: "cannot be read: Permission denied") }
        if links[path] != nil { throw SourceError(path: path, message: "is a symbolic link; coe never follows links, so it is not read") }
        if special[path] != nil { throw SourceError(path: path, message: "is not a regular file") }
        return files[path]
    }
}

/// The example COE from docs/examples as an in-memory source under `coes/<id>`.
public func exampleSource() throws -> MemorySource {
    let root = exampleDirectoryPath
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)!
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
            files["coes/\(exampleCOEID)/\(relative)"] = Array(FileManager.default.contents(atPath: root + "/" + relative)!)
        }
    }
    var source = MemorySource([:])
    source.files = files
    return source
}

import Foundation

let exampleDirectoryPath = exampleCOEDirectory

/// The example COE's folder inside `exampleSource()`.
public let exampleDirectory = "coes/\(exampleCOEID)"
