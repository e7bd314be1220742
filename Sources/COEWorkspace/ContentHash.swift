import COEFormat
import GitKit

/// The identity of a COE's content: what an approval approves.
///
/// Every file of the COE folder except the review record (`review/`), and `coe.yaml` without its
/// `status:` line (moving an approved COE to published does not change what was approved): each
/// file's path and blob id, one per line, sorted, hashed as a git blob. A change to any part after
/// the approval gives another hash, and the approval no longer counts.
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
                    guard var bytes = try source.read("\(directory)/\(path)") else { continue }
                    if path == COELayout.metadataFile { bytes = StatusLine.removed(from: bytes) }
                    lines.append("\(path) \(try repository.hashBlob(bytes).hex)")
                }
            }
        }
        try walk("")
        return try repository.hashBlob(Array((lines.sorted().joined(separator: "\n") + "\n").utf8)).hex
    }
}
