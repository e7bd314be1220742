import COEFormat
import COEWorkspace
import CSQLite
import Foundation
import GitKit

/// The search index of the work tree's COEs: an SQLite database with an FTS5 table of every line of
/// every COE, in the git directory of the work tree (`<git dir>/coe/search-index.sqlite`; a linked work
/// tree has its own, as its files are its own). docs/search.md.
///
/// It is a cache: built on first use, brought up to date on every use from the files that changed, and
/// rebuilt whenever it does not check out (not an SQLite file, another program's, another version, built
/// for another COE root or by another build of coe, shorter than its pages say, or any read failing as
/// damaged). It can be deleted at any time.
///
/// Each file is known by its blob id (as git names its content), computed from the work tree as
/// `ContentHash` computes it and kept with the file's `stat` (size, times, inode), so a file whose `stat`
/// has not changed is not read again; a folder whose stats all match is not even looked up file by file.
/// A COE is read again (by `COEReader`, the one reader) only when the blob ids of its files changed.
///
/// Confidentiality (rule P9): a secure COE is never written to the file. Only that its folder is secure
/// is recorded (its path, a hash of its files' blob ids), so that it is not read again while unchanged.
/// With `includeSecure` the index is copied into memory and the secure COEs are added there, for this
/// run alone.
///
/// Two runs at once are safe: a rebuild writes a temporary file and renames it over the index, and an
/// update is one SQLite transaction (`BEGIN IMMEDIATE`, SQLite's locks, a wait of up to five seconds).
public final class SearchIndex {
    public static let fileName = "search-index.sqlite"
    /// 'COES', in `PRAGMA application_id`: an SQLite file of another program is not taken for an index.
    static let applicationID: Int32 = 0x434F_4553
    /// The layout of the tables; another value is rebuilt.
    static let schemaVersion: Int32 = 5

    let workspace: Workspace
    private(set) var database: SQLiteDatabase
    /// The index file's path.
    public let path: String
    /// COE folders that could not be read (their problems are `coe lint`'s to tell); not searched.
    public private(set) var unreadable: [String] = []
    /// Why the file was built from scratch in this run (`missing`, `checksum`, …); nil when it was updated.
    public private(set) var rebuiltBecause: String?
    /// How many COEs were read in this run (0 when every file was as the index knew it).
    public private(set) var readCount = 0
    /// True when secure COEs are searched too (in memory, never in the file).
    public let includesSecure: Bool

    /// The index of `workspace`'s work tree, brought up to date; `stamps`, the COE folders' stamps as the command
    /// took them (a `coe lint` takes them once for the index and its findings cache), or taken now.
    public init(workspace: Workspace, includeSecure: Bool = false, stamps: WorkTreeStamps? = nil) throws {
        self.workspace = workspace
        self.includesSecure = includeSecure
        let folder = workspace.repository.gitDirectory.hasSuffix("/") ? workspace.repository.gitDirectory : workspace.repository.gitDirectory + "/"
        path = folder + "coe/" + Self.fileName
        let stamps = stamps ?? WorkTreeStamps(workTree: workspace.workTree)
        database = try Self.openOrBuild(path: path, workspace: workspace, stamps: stamps, reason: &rebuiltBecause, readCount: &readCount,
                                        unreadable: &unreadable)
        if includeSecure {
            let memory = try SQLiteDatabase(path: ":memory:", create: true)
            try memory.copy(from: database)
            let secure = try memory.rows("SELECT folder FROM folders WHERE state = 'secure' ORDER BY folder").compactMap { $0[0] }
            try memory.execute("BEGIN")
            for folder in secure {
                if let document = try? COEReader.read(directory: folder, from: workspace.workingTree, limits: workspace.configuration.readLimits) {
                    try Self.insert(Extract(document), folder: folder, into: memory)
                    readCount += 1
                }
            }
            try memory.execute("COMMIT")
            database = memory
        }
    }

    // MARK: Opening, checking, building

    /// What identifies the program and settings that wrote an index: the schema, this executable, the COE
    /// root and the read limits. An index of another is rebuilt.
    static func identity(_ workspace: Workspace) -> [String: String] {
        let limits = workspace.configuration.readLimits
        return ["schema": "\(schemaVersion)", "program": ProgramIdentity.executable, "root": workspace.root,
                "limits": "\(limits.fileBytes) \(limits.coeBytes) \(limits.coeEntries) \(limits.yamlDepth) \(limits.yamlNodes)"]
    }

    private static func openOrBuild(path: String, workspace: Workspace, stamps: WorkTreeStamps, reason: inout String?, readCount: inout Int,
                                    unreadable: inout [String]) throws -> SQLiteDatabase {
        switch checked(at: path, workspace: workspace) {
        case .problem(let problem):
            reason = problem
        case .index(let reader):
            do {
                // Opened read-only: when no COE changed (the warm search), nothing is written and the query
                // runs on this connection.
                try prepareConnection(reader)
                let plan = try plan(reader, workspace: workspace, stamps: stamps)
                if plan.isEmpty {
                    unreadable = plan.unreadable
                    return reader
                }
                let writer = try SQLiteDatabase(path: path, create: false)
                try prepareConnection(writer)
                let result = try apply(plan, to: writer, workspace: workspace)
                readCount = result.read
                unreadable = result.unreadable
                return writer
            } catch let error as SQLiteError where error.isDamage {
                reason = "damaged (\(error.message))"
            }
        }
        // Built whole in a temporary file beside it, then renamed over it: a reader never sees half an index.
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        removeAbandonedBuilds(beside: path)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let fresh = try SQLiteDatabase(path: temporary, create: true)
            try createSchema(fresh, workspace: workspace)
            // A file no one else sees until it is renamed: no journal, no waiting for the disk while it is written.
            try fresh.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            let result = try update(fresh, workspace: workspace, stamps: stamps)
            readCount = result.read
            unreadable = result.unreadable
            if Foundation.rename(temporary, path) != 0 { unlink(temporary) }
            return fresh
        } catch let error as SQLiteError where error.code & 0xFF == SQLITE_CANTOPEN || error.code & 0xFF == SQLITE_READONLY {
            // The git directory cannot be written (a read-only checkout): the index lives in memory for this run.
            unlink(temporary)
            let memory = try SQLiteDatabase(path: ":memory:", create: true)
            try createSchema(memory, workspace: workspace)
            let result = try update(memory, workspace: workspace, stamps: stamps)
            readCount = result.read
            unreadable = result.unreadable
            return memory
        }
    }

    /// Temporary files of builds that were stopped (a killed run), left over ten minutes ago.
    static func removeAbandonedBuilds(beside path: String) {
        let folder = (path as NSString).deletingLastPathComponent, prefix = (path as NSString).lastPathComponent + ".tmp-"
        let old = Date().addingTimeInterval(-600)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            let file = folder + "/" + name
            if let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date, modified < old { unlink(file) }
        }
    }

    /// The file at `path` opened read-only when it checks out as an index to use, or why it does not.
    enum Checked {
        case index(SQLiteDatabase)
        case problem(String)
    }

    /// The file at `path`, opened read-only, when it checks out as an index to use; otherwise why not.
    static func checked(at path: String, workspace: Workspace) -> Checked {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return .problem("missing") }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        do {
            let database = try SQLiteDatabase(path: path, create: false, readOnly: true)
            guard try database.integer("PRAGMA application_id") == Int64(applicationID) else {
                return .problem("not a coe search index")
            }
            guard try database.integer("PRAGMA user_version") == Int64(schemaVersion) else { return .problem("another version") }
            let pages = try database.integer("PRAGMA page_count") ?? 0
            let pageSize = try database.integer("PRAGMA page_size") ?? 0
            guard pages * pageSize == size else { return .problem("truncated or extended (\(size) bytes, \(pages) pages of \(pageSize))") }
            var stored: [String: String] = [:]
            for row in try database.rows("SELECT key, value FROM meta") { if let key = row[0], let value = row[1] { stored[key] = value } }
            for (key, value) in identity(workspace) where stored[key] != value {
                return .problem(key == "program" ? "written by another build of coe" : "built for another \(key)")
            }
            return .index(database)
        } catch let error as SQLiteError {
            return .problem("damaged (\(error.message))")
        } catch {
            return .problem("unreadable")
        }
    }

    /// The options the SQLite coe runs on was compiled with (`PRAGMA compile_options`), and its version.
    public static func sqliteBuild() throws -> (options: [String], version: String) {
        let memory = try SQLiteDatabase(path: ":memory:", create: true)
        return (try memory.compileOptions(), String(cString: sqlite3_libversion()))
    }

    /// Why an SQLite compiled with `options` cannot hold the index (a usage or I/O error, exit 2, saying what
    /// is missing), or nil when it can: the index needs FTS5.
    public static func sqliteProblem(options: [String], version: String) -> WorkspaceError? {
        guard !options.contains(where: { $0.uppercased() == "ENABLE_FTS5" }) else { return nil }
        return WorkspaceError("coe search needs SQLite's full-text search, FTS5, and this SQLite (\(version)) was built without it "
            + "(PRAGMA compile_options has no ENABLE_FTS5); install an SQLite built with it (Debian's libsqlite3-dev has it)")
    }

    private static func prepareConnection(_ database: SQLiteDatabase) throws {
        if let problem = sqliteProblem(options: try database.compileOptions(), version: String(cString: sqlite3_libversion())) { throw problem }
        // Freed pages are overwritten: a COE that became secure leaves none of its words in the file.
        // Pages are read through a memory map rather than a read call each. The index is a cache, checked
        // when opened and rebuilt when damaged: an update waits for the disk once (NORMAL), not at every step.
        try database.execute("PRAGMA secure_delete = ON; PRAGMA mmap_size = 268435456; PRAGMA synchronous = NORMAL")
    }

    static func createSchema(_ database: SQLiteDatabase, workspace: Workspace) throws {
        try prepareConnection(database)
        try database.execute("""
            PRAGMA application_id = \(applicationID);
            PRAGMA user_version = \(schemaVersion);
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER, modified INTEGER, changed INTEGER, inode INTEGER, checked INTEGER, blob TEXT);
            CREATE TABLE folders(folder TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, trusted INTEGER NOT NULL, signature TEXT NOT NULL,
                                 state TEXT NOT NULL);
            CREATE TABLE coes(folder TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL,
                              team TEXT NOT NULL, created TEXT NOT NULL, confidentiality TEXT NOT NULL, services TEXT NOT NULL,
                              tags TEXT NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL, terms TEXT NOT NULL,
                              profile TEXT NOT NULL);
            CREATE TABLE causes(folder TEXT NOT NULL, kind TEXT NOT NULL, ident TEXT NOT NULL, line INTEGER NOT NULL, text TEXT NOT NULL,
                                actions TEXT NOT NULL, status TEXT NOT NULL, due TEXT NOT NULL, done_on TEXT NOT NULL);
            CREATE INDEX causes_folder ON causes(folder);
            CREATE VIRTUAL TABLE lines USING fts5(text, folder UNINDEXED, part UNINDEXED, file UNINDEXED, line UNINDEXED,
                                                  tokenize = 'porter unicode61 remove_diacritics 2');
            """)
        let insert = try database.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
        for (key, value) in identity(workspace) { try insert.run([.text(key), .text(value)]) }
    }

    // MARK: Updating

    fileprivate struct StoredFolder {
        let fingerprint: String
        let trusted: Bool
        let signature: String
        let state: String
    }

    /// Seconds a file must be older than its check to be trusted by its `stat` (git's "racy" files: a file
    /// changed within the same moment it was hashed could keep its size and time).
    static let racyNanoseconds: Int64 = 2_000_000_000

    /// A folder whose stats changed: what the index knew of it and of its files.
    fileprivate struct Pending: Sendable {
        let folder: String
        let stats: [FileStat]
        let fingerprint: String
        let knownSignature: String?
        let knownState: String?
        let cached: [String: CachedFile]
    }

    fileprivate struct CachedFile: Sendable {
        let stat: FileStat
        let checked: Int64
        let blob: String
    }

    /// What was worked out for a pending folder, off the database: blob ids, and the COE when it changed.
    private struct Worked: Sendable {
        let fresh: [(FileStat, String)]
        let trusted: Bool
        let signature: String
        let checked: Int64
        /// Nil when the blob ids are those the index has (nothing to read).
        let outcome: Outcome?
    }

    private enum Outcome: Sendable {
        case indexed(Extract)
        case secure
        case unreadable
    }

    /// What the index keeps of a COE, worked out from the document off the database.
    struct Extract: Sendable {
        let metadata: Metadata
        let units: [SearchUnit]
        let profile: SimilarityProfile
        /// The terms `coe related` weighs (`SimilarityProfile.comparedTerms`), counted once here.
        let terms: TermCounts
        /// A hash of the profile as its cache encoding writes it: what names W7's corpus (`repeatCorpus()`), so
        /// that an edit that leaves every profile as it was (a line of the analysis) keeps its name.
        let profileDigest: String

        init(_ document: COEDocument) {
            metadata = document.metadata
            units = SearchUnit.all(of: document)
            profile = SimilarityProfile(document)
            terms = profile.comparedTerms
            var writer = BinaryWriter(magic: [], capacity: 1_024)
            profile.encode(to: &writer)
            profileDigest = (try? Repository.hashBlob(writer.bytes).hex) ?? "unhashed"
        }
    }

    /// Brings `database` up to date with the work tree; one transaction, only when something changed.
    static func update(_ database: SQLiteDatabase, workspace: Workspace, stamps: WorkTreeStamps) throws -> (read: Int, unreadable: [String]) {
        try apply(plan(database, workspace: workspace, stamps: stamps), to: database, workspace: workspace)
    }

    /// What bringing the index up to date takes: the folders whose stats are not those the index has, and
    /// the folders gone from the work tree.
    struct Plan {
        fileprivate var pending: [Pending]
        fileprivate var gone: [String: StoredFolder]
        /// Folders that cannot be read, known so far.
        var unreadable: [String]
        /// Nothing to write: the index is the work tree's.
        var isEmpty: Bool { pending.isEmpty && gone.isEmpty }
    }

    /// What `database` lacks of the work tree, found by reading it alone (a read-only connection will do):
    /// each folder's stamp (`stamps`, taken on every core once per command) is compared with what the index recorded.
    static func plan(_ database: SQLiteDatabase, workspace: Workspace, stamps: WorkTreeStamps) throws -> Plan {
        let entries = try Workspace.coeEntries(in: workspace.workingTree, root: workspace.root)
        var stored: [String: StoredFolder] = [:]
        let folders = try database.statement("SELECT folder, fingerprint, trusted, signature, state FROM folders")
        while try folders.step() {
            guard let folder = folders.text(0), let fingerprint = folders.text(1), let signature = folders.text(3), let state = folders.text(4) else { continue }
            stored[folder] = StoredFolder(fingerprint: fingerprint, trusted: folders.int(2) == 1, signature: signature, state: state)
        }
        var unreadable: [String] = []
        // Every folder's stamp (the warm path's main cost: a stat per file); the stats are listed one by one only
        // for a folder whose stamp is not the one the index has.
        let directories = entries.filter { $0.kind == .directory }.map(\.path)
        var fingerprints: [String: String] = [:]
        for (folder, stamp) in zip(directories, stamps.stamps(of: directories)) { if let stamp { fingerprints[folder] = stamp.hex } }
        var pending: [Pending] = []
        let lookup = try database.statement("SELECT path, size, modified, changed, inode, checked, blob FROM files WHERE path > ? AND path < ?")
        for entry in entries {
            let folder = entry.path
            guard entry.kind == .directory, let quick = fingerprints[folder] else {
                unreadable.append(folder)
                continue
            }
            let known = stored.removeValue(forKey: folder)
            if let known, known.fingerprint == quick, known.trusted {
                if known.state == "unreadable" { unreadable.append(folder) }
                continue
            }
            guard let stats = FolderStamps.files(in: folder, workTree: workspace.workTree) else {
                if let known { stored[folder] = known }   // gone since: taken out of the index below
                unreadable.append(folder)
                continue
            }
            // The fingerprint of the stats the COE is read by (the folder may have changed since `quick`).
            let fingerprint = FolderStamps.stamp(of: stats).hex
            try lookup.bind([.text(folder + "/"), .text(folder + "0")])
            var cached: [String: CachedFile] = [:]
            while try lookup.step() {
                guard let path = lookup.text(0), let blob = lookup.text(6) else { continue }
                let stamp = FileStamp(size: lookup.int(1), inode: lookup.int(4), modified: lookup.int(2), changed: lookup.int(3))
                cached[path] = CachedFile(stat: FileStat(path: path, stamp: stamp, kind: .file), checked: lookup.int(5), blob: blob)
            }
            pending.append(Pending(folder: folder, stats: stats, fingerprint: fingerprint, knownSignature: known?.signature,
                                   knownState: known?.state, cached: cached))
        }
        return Plan(pending: pending, gone: stored, unreadable: unreadable)
    }

    /// Writes `plan` to `database`, in one transaction (none when the plan is empty): blob ids are computed
    /// and changed COEs read on every core; the database is written by this thread alone.
    static func apply(_ plan: Plan, to database: SQLiteDatabase, workspace: Workspace) throws -> (read: Int, unreadable: [String]) {
        let source = workspace.workingTree
        let limits = workspace.configuration.readLimits
        let pending = plan.pending
        var unreadable = plan.unreadable
        var began = false
        func begin() throws {
            if !began { try database.execute("BEGIN IMMEDIATE"); began = true }
        }
        var read = 0
        var leftIndex = false
        // The other cores read COEs while this thread writes those already read, in order.
        let pipeline = Pipeline(count: pending.count)
        let jobs = pending
        DispatchQueue.global().async { work(jobs, source: source, limits: limits, into: pipeline) }
        for (index, job) in pending.enumerated() {
            let result = pipeline.take(index)
            let folder = job.folder
            try begin()
            let files = try database.statement("INSERT OR REPLACE INTO files(path, size, modified, changed, inode, checked, blob) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for (stat, blob) in result.fresh {
                try files.run([.text(stat.path), .int(stat.size), .int(stat.modified), .int(stat.changed), .int(stat.inode), .int(result.checked),
                               .text(blob)])
            }
            var state = job.knownState ?? "unreadable"
            if let outcome = result.outcome {
                // Whatever the plan knew: another run may have indexed the folder since it was made.
                try delete(folder, from: database, keepingFiles: true)
                read += 1
                switch outcome {
                case .secure:
                    state = "secure"
                    if job.knownState == "indexed" { leftIndex = true }
                case .indexed(let extract):
                    state = "indexed"
                    try insert(extract, folder: folder, into: database)
                case .unreadable:
                    state = "unreadable"
                    if job.knownState == "indexed" { leftIndex = true }
                }
            }
            if state == "unreadable" { unreadable.append(folder) }
            try database.statement("INSERT OR REPLACE INTO folders(folder, fingerprint, trusted, signature, state) VALUES (?, ?, ?, ?, ?)")
                .run([.text(folder), .text(job.fingerprint), .int(result.trusted ? 1 : 0), .text(result.signature), .text(state)])
            // Files gone from the folder.
            let present = Set(job.stats.map(\.path))
            for path in job.cached.keys where !present.contains(path) { try database.statement("DELETE FROM files WHERE path = ?").run([.text(path)]) }
        }
        // Folders gone from the work tree.
        for (folder, known) in plan.gone {
            try begin()
            if known.state == "indexed" { leftIndex = true }
            try delete(folder, from: database, keepingFiles: false)
            try database.statement("DELETE FROM folders WHERE folder = ?").run([.text(folder)])
        }
        if began {
            // Deleted rows leave their terms in FTS5's older segments until they are merged: merge them all
            // when a COE left the index (became secure or unreadable, or was removed), so none of its words stay in the file.
            if leftIndex { try database.execute("INSERT INTO lines(lines) VALUES('optimize')") }
            try database.execute("COMMIT")
        }
        return (read, unreadable)
    }

    /// Blob ids of the pending folders' files (the stored ones where the stat is the same and old enough to
    /// trust), and each COE read again when its blob ids changed: on every core, in order of the folders, so
    /// that the writer can take each as it comes.
    private static func work(_ pending: [Pending], source: WorkingTreeSource, limits: ReadLimits, into pipeline: Pipeline) {
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: min(ProcessInfo.processInfo.activeProcessorCount, max(1, pending.count))) { _ in
            while let index = next.take(below: pending.count) {
                pipeline.put(index, work(pending[index], source: source, limits: limits))
            }
        }
    }

    private static func work(_ job: Pending, source: WorkingTreeSource, limits: ReadLimits) -> Worked {
        var lines: [String] = []
        var fresh: [(FileStat, String)] = []
        var trusted = true
        // When the blob ids are taken: a file must be older than this by the racy margin to be trusted by its stat.
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        // The folder held open while its files are hashed: each file opened from it, not from the work tree's root
        // through every folder on its path. A cold `coe search` of the 1,000 COEs made 108,000 fewer system calls.
        let held = source.held(job.folder)
        // A file hashed is hashed from its bytes, read as the COE reader reads it (up to the read limit), and the
        // COE is read from those same bytes: each file read once, not once to hash and again to parse.
        var read: [String: [UInt8]] = [:]
        for stat in job.stats {
            let blob: String
            // The newer of the modification and change times: a file rewritten with its old modification time is racy too.
            let newest = max(stat.modified, stat.changed)
            switch stat.kind {
            case .file:
                if let hit = job.cached[stat.path], hit.stat == stat, hit.checked - newest > racyNanoseconds {
                    blob = hit.blob
                } else {
                    if stat.size <= Int64(limits.fileBytes), let bytes = try? held.read(stat.path, limit: limits.fileBytes),
                       let id = try? Repository.hashBlob(bytes) {
                        blob = id.hex
                        read[stat.path] = bytes
                    } else {
                        blob = (try? held.blobID(of: stat.path))??.hex ?? "unreadable"
                    }
                    fresh.append((stat, blob))
                }
            case .folder: blob = "folder"
            case .unopened: blob = "unopened-folder"
            case .other: blob = "not-a-file"
            }
            if stat.kind != .folder, stat.kind != .unopened, now - newest <= racyNanoseconds { trusted = false }
            lines.append("\(stat.path) \(blob)")
        }
        let signature = (try? Repository.hashBlob(Array((lines.joined(separator: "\n") + "\n").utf8)).hex) ?? "unhashable"
        var outcome: Outcome?
        if job.knownSignature != signature || job.knownState == nil {
            if let document = try? COEReader.read(directory: job.folder, from: read.isEmpty ? source : OverlaySource(base: source, overrides: read),
                                                   limits: limits) {
                outcome = document.metadata.confidentiality == .secure ? .secure : .indexed(Extract(document))
            } else {
                outcome = .unreadable
            }
        }
        return Worked(fresh: fresh, trusted: trusted, signature: signature, checked: now, outcome: outcome)
    }

    /// The next index to work on, shared by the workers.
    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < count else { return nil }
            value += 1
            return value - 1
        }
    }

    /// Results put by the workers and taken, in order, by the writer, which waits for each; a result is
    /// let go once taken.
    private final class Pipeline: @unchecked Sendable {
        private var slots: [Worked?]
        private let condition = NSCondition()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func put(_ index: Int, _ value: Worked) {
            condition.lock()
            slots[index] = value
            condition.broadcast()
            condition.unlock()
        }
        func take(_ index: Int) -> Worked {
            condition.lock()
            defer { condition.unlock() }
            while slots[index] == nil { condition.wait() }
            defer { slots[index] = nil }
            return slots[index]!
        }
    }

    /// Takes a COE out of the index: its lines by their rowids (FTS5 cannot look a folder up), its rows.
    private static func delete(_ folder: String, from database: SQLiteDatabase, keepingFiles: Bool) throws {
        let range = try database.statement("SELECT first_line, last_line FROM coes WHERE folder = ?")
        try range.bind([.text(folder)])
        if try range.step() {
            let first = range.int(0), last = range.int(1)
            range.reset()
            try database.statement("DELETE FROM lines WHERE rowid BETWEEN ? AND ?").run([.int(first), .int(last)])
        }
        try database.statement("DELETE FROM coes WHERE folder = ?").run([.text(folder)])
        try database.statement("DELETE FROM causes WHERE folder = ?").run([.text(folder)])
        if !keepingFiles { try database.statement("DELETE FROM files WHERE path > ? AND path < ?").run([.text(folder + "/"), .text(folder + "0")]) }
    }

    /// A label list as stored for filtering: lower-cased, each between line breaks.
    static func labels(_ values: [String]) -> String { "\n" + values.map { $0.lowercased() }.joined(separator: "\n") + "\n" }

    static func insert(_ extract: Extract, folder: String, into database: SQLiteDatabase) throws {
        let metadata = extract.metadata
        let line = try database.statement("INSERT INTO lines(text, folder, part, file, line) VALUES (?, ?, ?, ?, ?)")
        var first: Int64?, last: Int64 = 0
        for unit in extract.units {
            try line.run([.text(unit.text), .text(folder), .text(unit.part), .text(unit.file), .int(Int64(unit.line))])
            last = database.lastRowID
            if first == nil { first = last }
        }
        try database.statement("""
            INSERT OR REPLACE INTO coes(folder, id, title, severity, status, team, created, confidentiality, services, tags, first_line, last_line,
                                        terms, profile)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([.text(folder), .text(metadata.id), .text(metadata.title), .text(metadata.severity.rawValue), .text(metadata.status.rawValue),
                      .text(metadata.team), .text(metadata.created.description), .text(metadata.confidentiality.rawValue),
                      .text(labels(metadata.services)), .text(labels(metadata.tags)), .int(first ?? 1), .int(first == nil ? 0 : last),
                      .text(extract.terms.encoded), .text(extract.profileDigest)])
        let cause = try database.statement("INSERT INTO causes(folder, kind, ident, line, text, actions, status, due, done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let profile = extract.profile
        for root in profile.rootCauses {
            try cause.run([.text(folder), .text("root"), .text(""), .int(Int64(root.line)), .text(root.text), .text(root.actions.joined(separator: " ")),
                           .text(""), .text(""), .text("")])
        }
        for action in profile.actions {
            try cause.run([.text(folder), .text("action"), .text(action.id), .int(0), .text(action.title), .text(""), .text(action.status.rawValue),
                           .text(action.due?.description ?? ""), .text(action.doneOn?.description ?? "")])
        }
    }
}
