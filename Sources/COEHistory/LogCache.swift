import COEFormat
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
        program = LogCache.program(reading: limits)
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
        guard !added.isEmpty, ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"] == nil else { return }
        var all = added
        let unused = stored.keys.filter { !used.contains($0) }.count
        for (key, summary) in stored where unused <= used.count || used.contains(key) { all[key] = summary }
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(LogCache.encode(all, program: program))) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    // MARK: - The file

    static let magic = Array("coe-log-cache".utf8) + [2]

    /// The program that reads documents: its executable's size and modification time.
    static let program: String = {
        guard let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()

    /// The program, and the read limits when they are not the defaults: a version too large for one
    /// limit may be readable under another.
    static func program(reading limits: ReadLimits) -> String {
        guard limits != .default else { return program }
        return "\(program) limits \(limits.fileBytes) \(limits.coeBytes) \(limits.coeEntries) \(limits.yamlDepth) \(limits.yamlNodes)"
    }

    static func encode(_ summaries: [Key: Summary], program: String = LogCache.program) -> [UInt8] {
        var out = magic
        func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { out.append(contentsOf: $0) } }
        func string(_ value: String?) {
            guard let value else { return u32(Int(UInt32.max)) }
            u32(value.utf8.count)
            out.append(contentsOf: value.utf8)
        }
        string(program)
        u32(summaries.count)
        // Sorted, so the same summaries give the same bytes.
        for (key, summary) in summaries.sorted(by: { $0.key.commit != $1.key.commit ? $0.key.commit < $1.key.commit : ($0.key.path ?? "", $0.key.parentPath ?? "") < ($1.key.path ?? "", $1.key.parentPath ?? "") }) {
            key.commit.append(to: &out)
            string(key.path)
            string(key.parentPath)
            string(summary.statusFrom?.rawValue)
            string(summary.statusTo?.rawValue)
            u32(summary.changes.count)
            for change in summary.changes {
                string(change.kind.rawValue)
                string(change.item)
                string(change.field)
                string(change.from)
                string(change.to)
            }
        }
        withUnsafeBytes(of: ChangeIndexFile.checksum(out[...]).littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    /// The summaries in a file, nil when it is not one this program wrote whole.
    static func decode(_ bytes: UnsafeRawBufferPointer, program expected: String = LogCache.program) -> [Key: Summary]? {
        guard bytes.count >= magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        let body = bytes.count - 8
        guard ChangeIndexFile.checksum(bytes[..<body]) == bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self).littleEndian else { return nil }
        var offset = magic.count
        func u32() -> Int? {
            guard offset + 4 <= body else { return nil }
            defer { offset += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        /// A string; .some(nil) for an absent one, nil when the bytes run out.
        func string() -> String?? {
            guard let length = u32() else { return nil }
            if length == Int(UInt32.max) { return .some(nil) }
            guard offset + length <= body else { return nil }
            defer { offset += length }
            return .some(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))
        }
        guard case let program?? = string(), program == expected, let count = u32(), count <= body else { return nil }
        var summaries: [Key: Summary] = [:]
        for _ in 0..<count {
            guard offset + 20 <= body else { return nil }
            let commit = ObjectID(bytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 20)]))
            offset += 20
            guard let path = string(), let parentPath = string(), let from = string(), let to = string(), let changeCount = u32(), changeCount <= body else { return nil }
            let statusFrom = from.flatMap(COEStatus.init(rawValue:)), statusTo = to.flatMap(COEStatus.init(rawValue:))
            guard (from == nil) == (statusFrom == nil), (to == nil) == (statusTo == nil) else { return nil }
            var changes: [Change] = []
            for _ in 0..<changeCount {
                guard case let kindName?? = string(), let kind = Change.Kind(rawValue: kindName),
                      let item = string(), let field = string(), let changeFrom = string(), let changeTo = string() else { return nil }
                changes.append(Change(kind: kind, item: item, field: field, from: changeFrom, to: changeTo))
            }
            summaries[Key(commit: commit, path: path, parentPath: parentPath)] = Summary(statusFrom: statusFrom, statusTo: statusTo, changes: changes)
        }
        return offset == body ? summaries : nil
    }
}
