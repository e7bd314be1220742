@testable import COEFormat

/// An in-memory `FileSource`: a dictionary of repository-relative paths to bytes.
struct MemorySource: FileSource {
    var files: [String: [UInt8]]
    var links: [String: String?] = [:]
    var label: String { "memory" }

    init(_ files: [String: String]) { self.files = files.mapValues { Array($0.utf8) } }

    func list(_ directory: String) throws -> [FileEntry]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var names: [String: FileKind] = [:]
        for path in Array(files.keys) + Array(links.keys) where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            let parts = rest.split(separator: "/", maxSplits: 1)
            guard let first = parts.first else { continue }
            if parts.count > 1 { names[String(first)] = .directory }
            else if let link = links[path] { names[String(first)] = .symlink(target: link) }
            else { names[String(first)] = .file }
        }
        if names.isEmpty { return nil }
        return names.keys.sorted().map { FileEntry(name: $0, kind: names[$0]!) }
    }

    func read(_ path: String) throws -> [UInt8]? { files[path] }
}

/// The example COE from docs/examples as an in-memory source under `coes/<id>`.
func exampleSource() throws -> MemorySource {
    let root = exampleDirectoryPath
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)!
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
            files["coes/\(exampleID)/\(relative)"] = Array(FileManager.default.contents(atPath: root + "/" + relative)!)
        }
    }
    var source = MemorySource([:])
    source.files = files
    return source
}

import Foundation
import TestSupport

let exampleDirectoryPath = exampleCOEDirectory
let exampleID = exampleCOEID
let exampleDirectory = "coes/\(exampleCOEID)"
