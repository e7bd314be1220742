import COEFormat
import GitKit

/// The identity of a COE's content: what an approval approves.
///
/// Every file of the COE folder except the review record (`review/`), `coe.yaml` without its `status:`
/// line (moving an approved COE to published does not change what was approved), and each action file
/// without its tracking state (`ActionTracking`: status, done date, done by, evidence, notes and slips
/// change as the work is done): each file's path and blob id, one per line, sorted, hashed as a git
/// blob, written `v2-<hex>`. A change to any other part after the approval gives another hash, and the
/// approval no longer counts. No file but `coe.yaml` and the action files is held whole to compute it.
///
/// Approvals made before the tracking state was set apart hold the version-1 hash (a bare hex id, every
/// action file whole): `ContentIdentity.legacy` is that hash of the same content, so they count until the
/// content changes, as they did when they were made.
public enum ContentHash {
    /// A path as one field of a line: as it is, unless it holds a line break, a control character, a
    /// backslash or starts with a quote, which could make one line read as two (a file named
    /// "response.md <id>\nsummary.md" standing for two entries); then quoted with escapes, a form no
    /// plain path takes. Ordinary paths are written as before, so hashes already recorded still match.
    static func field(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) || path.hasPrefix("\"") else {
            return path
        }
        var out = "\""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The prefix of a version-2 hash.
    static let version2 = "v2-"

    public static func of(directory: String, in source: FileSource, repository: Repository) throws -> String {
        try identity(directory: directory, in: source, repository: repository).current
    }

    public static func identity(directory: String, in source: FileSource, repository: Repository) throws -> ContentIdentity {
        var lines: [String] = [], legacyLines: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? directory : "\(directory)/\(relative)"
            for entry in try source.list(folder) ?? [] {
                let path = relative.isEmpty ? entry.name : "\(relative)/\(entry.name)"
                if relative.isEmpty && entry.name == ReviewFile.folder { continue }
                switch entry.kind {
                case .directory: try walk(path)
                default:
                    if relative == COELayout.actionsFolder, ActionFile.id(fromFileName: entry.name) != nil {
                        guard let bytes = try source.read("\(directory)/\(path)", limit: ReadLimits.ceiling.fileBytes) else { continue }
                        let whole = try repository.hashBlob(bytes).hex
                        let approved = try ActionTracking.approvedContent(of: bytes).map { try repository.hashBlob($0).hex } ?? whole
                        lines.append("\(Self.field(path)) \(approved)")
                        legacyLines.append("\(Self.field(path)) \(whole)")
                        continue
                    }
                    guard let blob = try blobID(of: "\(directory)/\(path)", isMetadata: path == COELayout.metadataFile,
                                                in: source, repository: repository) else { continue }
                    lines.append("\(Self.field(path)) \(blob.hex)")
                    legacyLines.append("\(Self.field(path)) \(blob.hex)")
                }
            }
        }
        try walk("")
        func hash(_ lines: [String]) throws -> String {
            try repository.hashBlob(Array((lines.sorted().joined(separator: "\n") + "\n").utf8)).hex
        }
        return ContentIdentity(current: version2 + (try hash(lines)), legacy: try hash(legacyLines))
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
