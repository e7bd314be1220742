import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// What `coe log` worked out for each commit of a COE's history, kept between runs so that a second
/// run parses no document: `<git dir>/coe/log-cache/<COE folder>` (in the git directory all linked
/// work trees share).
///
/// A summary is keyed by the commit and the folder paths it compares (the commit's and its first
/// parent's): a commit id names its whole tree and its parents, so a summary never goes stale. What
/// can change is how this program reads documents, so the file records which program wrote it (its
/// executable's size and modification time) and the read limits it read with (when not the defaults),
/// and is ignored by any other. A file that does not check
/// out (version, checksum, structure) is ignored too and written anew; one that cannot be written only
/// costs the next run the parsing.
final class LogCache {
    struct Key: Hashable {
        let commit: ObjectID
        let path: String?
        let parentPath: String?
    }

    struct Summary: Sendable {
        let statusFrom: COEStatus?
        let statusTo: COEStatus?
        let changes: [Change]
    }

    private let file: String
    /// The program and limits that read the documents summarised (`program(reading:)`).
    private let program: String
    private var stored: [Key: Summary] = [:]
    private var added: [Key: Summary] = [:]
    private var used: Set<Key> = []

    init(repository: Repository, folder: String, limits: ReadLimits) {
        // Shared by all work trees, as the commits are.
        file = repository.commonDirectory + "coe/log-cache/" + folder
        program = ProgramIdentity.reading(limits)
        if let data = FileManager.default.contents(atPath: file) {
            stored = data.withUnsafeBytes { [program] in LogCache.decode($0, program: program) } ?? [:]
        }
    }

    subscript(key: Key) -> Summary? {
        guard let summary = stored[key] ?? added[key] else { return nil }
        used.insert(key)
        return summary
    }

    func add(_ summary: Summary, for key: Key) {
        added[key] = summary
        used.insert(key)
    }

    /// Writes the file when this run added summaries, keeping the stored ones unless most went unused
    /// (a rewritten history); atomically, and never in a server's push quarantine.
    func save() {
        guard !added.isEmpty, !ProgramIdentity.inPushQuarantine else { return }
        var all = added
        let unused = stored.keys.filter { !used.contains($0) }.count
        for (key, summary) in stored where unused <= used.count || used.contains(key) { all[key] = summary }
        CacheFile.replace(file, with: LogCache.encode(all, program: program))
    }

    // MARK: - The file

    static let magic = Array("coe-log-cache".utf8) + [2]

    static func encode(_ summaries: [Key: Summary], program: String = ProgramIdentity.executable) -> [UInt8] {
        var out = BinaryWriter(magic: magic)
        out.string(program)
        out.u32(summaries.count)
        // Sorted, so the same summaries give the same bytes.
        for (key, summary) in summaries.sorted(by: { $0.key.commit != $1.key.commit ? $0.key.commit < $1.key.commit : ($0.key.path ?? "", $0.key.parentPath ?? "") < ($1.key.path ?? "", $1.key.parentPath ?? "") }) {
            out.objectID(key.commit)
            out.string(key.path)
            out.string(key.parentPath)
            out.string(summary.statusFrom?.rawValue)
            out.string(summary.statusTo?.rawValue)
            out.u32(summary.changes.count)
            for change in summary.changes {
                out.string(change.kind.rawValue)
                out.string(change.item)
                out.string(change.field)
                out.string(change.from)
                out.string(change.to)
            }
        }
        return out.finished()
    }

    /// The summaries in a file, nil when it is not one this program wrote whole.
    static func decode(_ bytes: UnsafeRawBufferPointer, program expected: String = ProgramIdentity.executable) -> [Key: Summary]? {
        guard var reader = try? BinaryReader(bytes, magic: magic) else { return nil }
        do {
            guard try reader.string() == expected else { return nil }
            let count = try reader.u32()
            try reader.need(count, 20)
            var summaries: [Key: Summary] = [:]
            for _ in 0..<count {
                let commit = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: try reader.raw(20)))
                let path = try reader.optionalString(), parentPath = try reader.optionalString()
                let from = try reader.optionalString(), to = try reader.optionalString()
                let statusFrom = from.flatMap(COEStatus.init(rawValue:)), statusTo = to.flatMap(COEStatus.init(rawValue:))
                guard (from == nil) == (statusFrom == nil), (to == nil) == (statusTo == nil) else { return nil }
                let changeCount = try reader.u32()
                try reader.need(changeCount, 20)
                var changes: [Change] = []
                for _ in 0..<changeCount {
                    guard let kind = Change.Kind(rawValue: try reader.string()) else { return nil }
                    changes.append(Change(kind: kind, item: try reader.optionalString(), field: try reader.optionalString(),
                                          from: try reader.optionalString(), to: try reader.optionalString()))
                }
                summaries[Key(commit: commit, path: path, parentPath: parentPath)] = Summary(statusFrom: statusFrom, statusTo: statusTo, changes: changes)
            }
            return reader.atEnd ? summaries : nil
        } catch {
            return nil
        }
    }
}
