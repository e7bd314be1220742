import COEFormat
import GitKit

/// The identity of a COE's content: what an approval approves.
///
/// Every file of the COE folder except the review record (`review/`), and `coe.yaml` without its
/// `status:` line (moving an approved COE to published does not change what was approved): each
/// file's path and blob id, one per line, sorted, hashed as a git blob. A change to any part after
/// the approval gives another hash, and the approval no longer counts. No file but `coe.yaml` is held
/// whole to compute it (`blobID`).
public enum ContentHash {
    public static func of(directory: String, in source: FileSource, repository: Repository) throws -> String {
        var lines: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? directory : "\(directory)/\(relative)"
            for entry in try source.list(folder) ?? [] {
                let path = relative.isEmpty ? entry.name : "\(relative)/\(entry.name)"
                if relative.isEmpty && entry.name == ReviewFile.folder { continue }
                switch entry.kind {
                case .directory: try walk(path)
                default:
                    guard let blob = try blobID(of: "\(directory)/\(path)", isMetadata: path == COELayout.metadataFile,
                                                in: source, repository: repository) else { continue }
                    lines.append("\(path) \(blob.hex)")
                }
            }
        }
        try walk("")
        return try repository.hashBlob(Array((lines.sorted().joined(separator: "\n") + "\n").utf8)).hex
    }

    /// A file's blob id, holding at most one small file whole: from the tree or the index as they
    /// record it (nothing read), hashed in chunks from the work tree (an image of any size costs 64 KiB
    /// of memory). `coe.yaml` is read (within the ceiling of the file limit) to hash it without its status line.
    static func blobID(of path: String, isMetadata: Bool, in source: FileSource, repository: Repository) throws -> ObjectID? {
        if isMetadata {
            return try source.read(path, limit: ReadLimits.ceiling.fileBytes).map { try repository.hashBlob(StatusLine.removed(from: $0)) }
        }
        switch source {
        case let tree as GitTreeSource: return try tree.blobID(of: path)
        case let index as IndexSource: return try index.blobID(of: path)
        case let workTree as WorkingTreeSource: return try workTree.blobID(of: path, repository: repository)
        default: return try source.read(path).map(repository.hashBlob)
        }
    }
}
