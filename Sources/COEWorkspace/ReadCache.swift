import COEFormat
import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies the program that wrote a cache file: its executable's path, size and modification time,
/// and the read limits when they are not the defaults (a file too large under one limit may be read under
/// another). A cache written by any other program or limits is not used. The one identity every cache file
/// of `coe` records (the read cache, the log cache, the search index).
public enum ProgramIdentity {
    public static let executable: String = {
        #if os(Linux)
        // The running executable from /proc, with one stat: Foundation's main bundle and file attributes (a
        // scan of the executable's folder among them) cost 3 % of a warm `coe list`'s instructions.
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &target, target.count - 1)
        var info = stat()
        if length > 0 {
            let path = String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard stat(path, &info) == 0 else { return "unknown" }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000
            return "\(path) \(info.st_size) \(modified)"
        }
        #endif
        guard let path = Bundle.main.executablePath, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()

    /// The executable, and the limits when they are not the defaults.
    public static func reading(_ limits: ReadLimits) -> String {
        guard limits != .default else { return executable }
        return "\(executable) limits \(limits.fileBytes) \(limits.coeBytes) \(limits.coeEntries) \(limits.yamlDepth) \(limits.yamlNodes)"
    }

    /// True in a server's push quarantine (a pre-receive hook): nothing is written to the repository there.
    public static var inPushQuarantine: Bool { ProcessInfo.processInfo.environment["GIT_QUARANTINE_PATH"] != nil }
}

/// The parsed `coe.yaml` and action items of the work tree, kept between runs in `<git dir>/coe/read-cache/`
/// (the work tree's own git directory: paths and stamps are a work tree's), so that `coe list`, `coe actions`,
/// `coe remind` and `coe report` parse only the files that changed. One file per kind (`metadata`: every
/// coe.yaml; `actions`: every action item), so that a listing reads only the first.
///
/// A record is used only when the file's `FileStamp` (size, inode, modification and change times, in
/// nanoseconds) is the one it was parsed at. A file changed within `trustWindow` of the run's start is not
/// kept (a file system that stamps in whole seconds could change it again under the same stamp: git's
/// "racily clean" files). A file is checked whole (its magic, the program and limits that wrote it, a
/// checksum) before any record is used; one that does not check out is ignored and written anew, and one
/// that cannot be written only costs the next run the parsing. It can be deleted at any time.
public final class ReadCache: ParsedFileCache, @unchecked Sendable {
    static let magic = Array("coe-read-cache".utf8) + [1]

    /// Files changed this recently (nanoseconds) are parsed but not kept.
    static let trustWindow: Int64 = 2_000_000_000

    /// The records of one kind of file, as stored and as kept this run.
    final class Shelf {
        let file: String
        let stored: [UInt8]
        let records: [String: (stamp: FileStamp, range: Range<Int>, index: Int)]
        var used: [Bool]
        var kept: [String: (stamp: FileStamp, payload: [UInt8])] = [:]
        /// Why the stored file was not used (nil when it was, or there was none).
        var refusal: String?

        init(file: String, program: String) {
            self.file = file
            let read = BinaryReader.decodeFile(file) { try ReadCache.decode($0, program: program) }
            let records = read.value ?? [:]
            refusal = read.refusal
            stored = records.isEmpty ? [] : read.bytes
            self.records = records
            used = Array(repeating: false, count: records.count)
        }
    }

    private let program: String
    private let keptBefore: Int64
    private let lock = NSLock()
    private let metadata: Shelf
    private let actions: Shelf?
    /// How many records were used this run.
    public private(set) var hits = 0
    /// How many files were parsed and kept this run.
    public var keptCount: Int { lock.withLock { metadata.kept.count + (actions?.kept.count ?? 0) } }
    /// Why a stored file was not used, by kind (for tests).
    public var refusals: [String] { [metadata.refusal, actions?.refusal].compactMap { $0 } }

    /// The cache of `repository`'s work tree for a run that reads coe.yaml and `parts`, read under `limits`.
    public convenience init(repository: Repository, limits: ReadLimits, parts: Set<Part>) {
        let folder = repository.gitDirectory + (repository.gitDirectory.hasSuffix("/") ? "" : "/") + "coe/read-cache/"
        self.init(folder: folder, program: ProgramIdentity.reading(limits), parts: parts, trustWindow: ReadCache.trustWindow)
    }

    init(folder: String, program: String, parts: Set<Part>, trustWindow: Int64) {
        self.program = program
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        keptBefore = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - trustWindow
        metadata = Shelf(file: folder + "metadata", program: program)
        actions = parts.contains(.actions) ? Shelf(file: folder + "actions", program: program) : nil
    }


    /// The shelf of a file: coe.yaml, or an action item when this run reads them.
    private func shelf(_ path: String) -> Shelf? {
        // By the folder the file is in, compared as bytes (Foundation's `contains` cost 3 % of a warm `coe actions`).
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        if utf8[utf8.index(after: slash)...].elementsEqual(COELayout.metadataFile.utf8) { return metadata }
        return utf8[..<slash].suffix(ReadCache.actionsFolder.count).elementsEqual(ReadCache.actionsFolder) ? actions : nil
    }

    private static let actionsFolder = Array(("/" + COELayout.actionsFolder).utf8)

    /// The records of a file: path → stamp and where the payload is.
    static func decode(_ bytes: UnsafeRawBufferPointer, program: String) throws -> [String: (stamp: FileStamp, range: Range<Int>, index: Int)] {
        var reader = try BinaryReader(bytes, magic: magic)
        guard try reader.string() == program else { throw BinaryReader.Refused(reason: "another program") }
        let count = try reader.u32()
        try reader.need(count, 40)
        var records: [String: (stamp: FileStamp, range: Range<Int>, index: Int)] = [:]
        records.reserveCapacity(count)
        for index in 0..<count {
            let path = try reader.string()
            let stamp = FileStamp(size: try reader.i64(), inode: try reader.i64(), modified: try reader.i64(), changed: try reader.i64())
            let length = try reader.u32()
            let start = reader.offset
            _ = try reader.raw(length)
            guard records.updateValue((stamp, start..<(start + length), index), forKey: path) == nil else { throw BinaryReader.Refused(reason: "a path twice") }
        }
        guard reader.atEnd else { throw BinaryReader.Refused(reason: "trailing bytes") }
        return records
    }

    public func value<T>(_ path: String, stamp: FileStamp, _ decode: (inout BinaryReader) throws -> T) -> T? {
        guard let shelf = shelf(path), let record = shelf.records[path], record.stamp == stamp else { return nil }
        let value: T? = shelf.stored.withUnsafeBytes { bytes in
            var reader = BinaryReader(checked: UnsafeRawBufferPointer(rebasing: bytes[record.range]))
            guard let value = try? decode(&reader), reader.atEnd else { return nil }
            return value
        }
        guard let value else { return nil }
        lock.withLock {
            shelf.used[record.index] = true
            hits += 1
        }
        return value
    }

    public func keep(_ path: String, stamp: FileStamp, _ encode: (inout BinaryWriter) -> Void) {
        guard let shelf = shelf(path), stamp.modified < keptBefore, stamp.changed < keptBefore else { return }
        var writer = BinaryWriter(magic: [], capacity: 512)
        encode(&writer)
        let payload = writer.bytes
        lock.withLock { shelf.kept[path] = (stamp, payload) }
    }

    /// Writes each kind's records used or kept this run, when that differs from its file: call it after a run
    /// that read every COE of the work tree, so that a record not used is of a file gone or changed, and the
    /// files hold only what the work tree does. Atomic (a temporary file renamed over the old one); never in a
    /// server's push quarantine; a failure is ignored.
    public func save() {
        guard !ProgramIdentity.inPushQuarantine else { return }
        for shelf in [metadata, actions].compactMap({ $0 }) {
            let (kept, used) = lock.withLock { (shelf.kept, shelf.used) }
            guard !kept.isEmpty || used.contains(false) else { continue }
            var entries: [(path: String, stamp: FileStamp, payload: ArraySlice<UInt8>)] = []
            for (path, record) in shelf.records where used[record.index] && kept[path] == nil {
                entries.append((path, record.stamp, shelf.stored[record.range]))
            }
            for (path, record) in kept { entries.append((path, record.stamp, record.payload[...])) }
            entries.sort { $0.path < $1.path }
            var writer = BinaryWriter(magic: ReadCache.magic, capacity: shelf.stored.count + kept.count * 400 + 4_096)
            writer.string(program)
            writer.u32(entries.count)
            for entry in entries {
                writer.string(entry.path)
                for value in [entry.stamp.size, entry.stamp.inode, entry.stamp.modified, entry.stamp.changed] { writer.i64(value) }
                writer.u32(entry.payload.count)
                writer.raw(entry.payload)
            }
            let bytes = writer.finished()
            CacheFile.replace(shelf.file, with: bytes)
        }
    }
}
