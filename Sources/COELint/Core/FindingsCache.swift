import COEFormat
import COEWorkspace
import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `coe lint`'s findings of each COE kept between runs, in `<git dir>/coe/lint-cache` (the work tree) and
/// `<git dir>/coe/lint-cache-index` (the index, `coe lint --staged`), so that a run lints only the COEs that
/// changed. An optimisation only: `coe lint --no-cache` gives the same findings (a property test compares
/// them on random edits), and the file can be deleted at any time.
///
/// What a COE's findings depend on, and how each is kept:
/// - its files: a COE's record is used only while its folder's fingerprint is the one it was linted at (for the
///   work tree, its `FolderStamp`: every entry under the folder, its kind and `FileStamp`, as git's index tells a
///   file unchanged, taken once per command with the search index's (`WorkTreeStamps`); for the index, each
///   file's mode and blob id). A work-tree file changed within `trustWindow` of the run's start is not kept (a
///   file system that stamps in whole seconds could change it again unseen).
/// - the configuration, the program (`ProgramIdentity`: the rules' version), `--as` and the people's names of
///   history (B1.history): the whole file's key; another key and no record is used.
/// - the date (`--today`; A5, P5): a record whose rules read it holds the date and is used only on that date.
/// - the other COEs' ids (S4): a record holds the ids its rules asked about, and is used only while each
///   answer is the same.
/// - the other COEs' root causes (W7): a record holds what W7 reads of the COE (`RepeatInputs`) and W7's findings,
///   used while the corpus (every COE's root causes and action items, from the search index), the date and the
///   threshold are the file's (`repeatKey`); otherwise W7 is judged again from what the record holds, without
///   reading the COE.
/// A record whose rules read anything else of the repository (`LintContext.readWholeRepository`) is not kept.
///
/// The file is checked whole (magic, checksum, program, key) before a record is used; one that does not check
/// out is ignored and written anew. It is written (a temporary file renamed over it, holding `FileLock`) only
/// when something changed, never in a server's push quarantine; a failure to write only costs the next run.
public final class FindingsCache: @unchecked Sendable {
    static let magic = Array("coe-lint-cache".utf8) + [3]

    /// Files changed this recently (nanoseconds) are linted but not kept.
    static let trustWindow: Int64 = 2_000_000_000

    /// What a COE's findings are kept as.
    struct Record: Sendable {
        var id: String?
        var status: COEStatus?
        /// Every rule's findings but W7's, final (graded, suppressions applied); the format errors of a COE
        /// that could not be read.
        var findings: [Diagnostic]
        /// What W7 reads of the COE; nil when it could not be read.
        var repeatInputs: RepeatInputs?
        /// W7's findings (final), judged against the corpus of the file's `repeatKey`; nil when not judged yet.
        var repeats: [Diagnostic]?
        /// The date the rules read, if they did.
        var today: CalendarDate?
        /// The ids S4 asked about, and whether each was a COE's.
        var known: [(id: String, known: Bool)]
    }

    /// Where the records are read from the work tree or the index.
    public enum Place: String, Sendable {
        case workTree = "lint-cache"
        case index = "lint-cache-index"
    }

    let file: String
    let key: String
    /// What W7's findings depend on: the corpus (every COE's root causes and action items), the date, the threshold.
    let repeatKey: String
    /// The `repeatKey` of the file read: its records' W7 findings are used only when it is this run's.
    private let storedRepeatKey: String?
    /// W7's corpus for this run: when it was loaded and failed, the findings judged against it are not kept as judged.
    private let corpus: RepeatCorpus?
    private let keptBefore: Int64
    private let lock = NSLock()
    /// The records read, by COE folder, with their fingerprint.
    private let stored: [String: (fingerprint: String, record: Record)]
    /// The records of this run: used again or made anew.
    private var current: [String: (fingerprint: String, record: Record)] = [:]
    private var changed = false
    /// The COE folders linted this run.
    private var linted: Set<String> = []
    /// How many COEs' records were used this run (for tests and `--timings`-like checks).
    public private(set) var hits = 0
    /// Why the stored file was not used (nil when it was, or there was none): for tests.
    public private(set) var refusal: String?

    /// The cache of `repository`'s `place` for a lint run with `settings`.
    public convenience init(repository: Repository, place: Place, settings: LintSettings, historyNames: [String]) {
        let folder = repository.gitDirectory + (repository.gitDirectory.hasSuffix("/") ? "" : "/") + "coe/"
        self.init(file: folder + place.rawValue, key: Self.key(settings, historyNames: historyNames, place: place),
                  repeatKey: Self.repeatKey(settings), trustWindow: Self.trustWindow, corpus: settings.corpus)
    }

    init(file: String, key: String, repeatKey: String, trustWindow: Int64, corpus: RepeatCorpus? = nil) {
        self.file = file
        self.key = key
        self.repeatKey = repeatKey
        self.corpus = corpus
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        keptBefore = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - trustWindow
        let read = BinaryReader.decodeFile(file) { try Self.decode($0, key: key) }
        refusal = read.refusal
        stored = read.value?.0 ?? [:]
        storedRepeatKey = read.value?.1
    }

    /// What every record of the file depends on: the configuration as read (every field, in a fixed order),
    /// the program and its read limits, `--as`, the people's names of history, and the place.
    static func key(_ settings: LintSettings, historyNames: [String], place: Place) -> String {
        var text = ProgramIdentity.reading(settings.configuration.readLimits) + "\n" + place.rawValue + "\n" + settings.judgedAs.rawValue
        text += "\n" + canonical(settings.configuration) + "\n" + historyNames.sorted().joined(separator: "\n")
        return (try? Repository.hashBlob(Array(text.utf8)).hex) ?? text
    }

    /// W7's findings depend on the repository's COEs as the corpus holds them, the date (how overdue an earlier item
    /// is) and the threshold (in the configuration, and so in `key` too).
    /// A corpus its source names (the search index) is known by that name, and not read unless a COE is judged.
    static func repeatKey(_ settings: LintSettings) -> String {
        let corpus = settings.corpus.name.map { Array("named \($0)".utf8) } ?? settings.corpus.contents
        let bytes = corpus + Array("\n\(settings.today)\n\(settings.configuration.repeatSimilarity)".utf8)
        return (try? Repository.hashBlob(bytes).hex) ?? ""
    }

    /// A value's fields as text, with a dictionary's or set's members sorted (their order changes from one process to the next).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty { return String(reflecting: value) }
        let children = mirror.children.map { ($0.label.map { $0 + ":" } ?? "") + canonical($0.value) }
        switch mirror.displayStyle {
        case .dictionary?, .set?: return "{" + children.sorted().joined(separator: ",") + "}"
        default: return "(" + children.joined(separator: ",") + ")"
        }
    }

    // MARK: Linting through the cache

    /// Lints `directories` of the work tree in parallel (one per core), each from its record when it still holds;
    /// `stamps`, the folders' stamps as this command took them (before any file is read).
    public func lint(_ directories: [String], in source: WorkingTreeSource, stamps: WorkTreeStamps, settings: LintSettings) -> [LintResult] {
        lock.withLock { linted.formUnion(directories) }
        let results = ParallelSlots<LintResult>(count: directories.count)
        let found = stamps.stamps(of: directories)
        DispatchQueue.concurrentPerform(iterations: directories.count) { index in
            let fingerprint = found[index].map { (key: $0.hex, newest: $0.newest) }
            results.set(index, lint(directories[index], in: source, settings: settings, fingerprint: fingerprint))
        }
        return results.all.compactMap { $0 }
    }

    /// Lints `directories` of the index, one after another, each from its record when it still holds.
    public func lint(_ directories: [String], in source: IndexSource, settings: LintSettings) -> [LintResult] {
        lock.withLock { linted.formUnion(directories) }
        return directories.map { directory in
            let fingerprint = source.fingerprint(of: directory).flatMap { bytes in (try? Repository.hashBlob(bytes).hex).map { (key: $0, newest: Int64.min) } }
            return lint(directory, in: source, settings: settings, fingerprint: fingerprint)
        }
    }

    private func lint(_ directory: String, in source: FileSource, settings: LintSettings, fingerprint found: (key: String, newest: Int64)?) -> LintResult {
        // The fingerprint is taken before the files are read: a file changed while it is read gives the next run another one.
        let fingerprint = found?.key
        if let fingerprint, var entry = stored[directory], entry.fingerprint == fingerprint, holds(entry.record, settings: settings) {
            // W7 judged again when the corpus, the date or the threshold is not the file's.
            let judged = storedRepeatKey == repeatKey && entry.record.repeats != nil
            if !judged { entry.record.repeats = Linter.repeats(entry.record, settings: settings) }
            lock.withLock {
                current[directory] = entry
                hits += 1
                if !judged { changed = true }
            }
            return Linter.result(directory: directory, record: entry.record, settings: settings)
        }
        var (record, keepable) = Linter.record(directory: directory, source: source, settings: settings)
        // W7's findings of the folder's last record still hold when W7 reads the same of the COE (its root causes,
        // their action items and places, its suppressions naming W7) and its status is the same, against the same
        // corpus, date and threshold: an edit elsewhere in the COE judges no repeat again, and loads no corpus.
        // (Judged again, one COE's edit in 1,000 read every COE's profile and cut every root cause into terms: a
        // sixth of that `coe lint`, perf, 2026-12-02.)
        if storedRepeatKey == repeatKey, let old = stored[directory]?.record, let repeats = old.repeats, old.status == record.status,
           let before = old.repeatInputs, let now = record.repeatInputs, now.readsAsMuch(as: before) {
            record.repeats = repeats
        } else {
            record.repeats = Linter.repeats(record, settings: settings)
        }
        // A COE not kept (changed just now, say) leaves the file as it is: its old record no longer matches, and the
        // file is written again when a record is kept.
        if let fingerprint, let found, keepable, found.newest < keptBefore {
            lock.withLock {
                changed = true
                current[directory] = (fingerprint, record)
            }
        }
        return Linter.result(directory: directory, record: record, settings: settings)
    }

    /// True when what the record's rules read besides the COE's files is as it was.
    private func holds(_ record: Record, settings: LintSettings) -> Bool {
        if let day = record.today, day != settings.today { return false }
        return record.known.allSatisfy { settings.knownIDs.contains($0.id) == $0.known }
    }

    /// Writes the records of this run, and those of the COE folders it did not lint unless it linted every COE
    /// (`keepingOthers` false: the folders gone are dropped), when a record was kept or dropped.
    public func save(keepingOthers: Bool) {
        guard !ProgramIdentity.inPushQuarantine else { return }
        var records = lock.withLock { current }
        var dropped = false
        for (directory, entry) in stored where records[directory] == nil {
            // A folder linted this run whose record was not kept (changed too recently) keeps its old record: it
            // no longer matches, and a folder has one record at most.
            guard keepingOthers || linted.contains(directory) else {
                dropped = true
                continue
            }
            // Its W7 findings were judged against another corpus, date or threshold than the file's now.
            var entry = entry
            if storedRepeatKey != repeatKey { entry.record.repeats = nil }
            records[directory] = entry
        }
        // W7 judged against a corpus that could not be read (the search index failed): the next run judges again.
        let failed = corpus.map { $0.isLoaded && $0.failed } ?? false
        guard changed || dropped || refusal != nil || failed else { return }
        let bytes = Self.encode(records, key: key, repeatKey: failed ? "unjudged" : repeatKey)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Two runs at once each write a whole file; the lock keeps one's temporary file from being renamed while the other writes it.
        guard let held = try? FileLock.acquire(file + ".lock", patience: 0.5) else { return }
        defer { held.release() }
        CacheFile.replace(file, with: bytes)
    }

    // MARK: The file's encoding

    static func encode(_ records: [String: (fingerprint: String, record: Record)], key: String, repeatKey: String) -> [UInt8] {
        var writer = BinaryWriter(magic: magic, capacity: 4_096 + records.count * 2_048)
        writer.shortString(key)
        writer.shortString(repeatKey)
        writer.varint(records.count)
        for (directory, entry) in records.sorted(by: { $0.key < $1.key }) {
            writer.shortString(directory)
            writer.shortString(entry.fingerprint)
            entry.record.encode(to: &writer)
        }
        return writer.finished()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, key: String) throws -> (records: [String: (fingerprint: String, record: Record)], repeatKey: String) {
        var reader = try BinaryReader(bytes, magic: magic)
        guard try reader.shortString() == key else { throw BinaryReader.Refused(reason: "another program, configuration or history") }
        let repeatKey = try reader.shortString()
        let count = try reader.varint()
        try reader.need(count, 3)
        var records: [String: (fingerprint: String, record: Record)] = [:]
        records.reserveCapacity(count)
        for _ in 0..<count {
            let directory = try reader.shortString()
            let fingerprint = try reader.shortString()
            guard records.updateValue((fingerprint, try Record(from: &reader)), forKey: directory) == nil else { throw BinaryReader.Refused(reason: "a folder twice") }
        }
        guard reader.atEnd else { throw BinaryReader.Refused(reason: "trailing bytes") }
        return (records, repeatKey)
    }
}

extension RepeatInputs {
    /// What W7 reads of a COE in a cache file, read back by `FindingsCache.Record.init(from:)`.
    func encode(to writer: inout BinaryWriter) {
        profile.encode(to: &writer)
        for position in positions { writer.position(position) }
        writer.shortString(whysFile)
        writer.varint(suppressions.count)
        for suppression in suppressions {
            writer.shortString(suppression.file)
            writer.position(suppression.position)
            writer.strings(suppression.rules)
            writer.shortString(suppression.reason)
            writer.varint(suppression.lines.lowerBound)
            writer.varint(suppression.lines.upperBound)
        }
    }

    /// True when W7 reads the same of both COEs (their encodings are the same bytes).
    func readsAsMuch(as other: RepeatInputs) -> Bool {
        var mine = BinaryWriter(magic: [], capacity: 1_024), theirs = BinaryWriter(magic: [], capacity: 1_024)
        encode(to: &mine)
        other.encode(to: &theirs)
        return mine.bytes == theirs.bytes
    }
}

extension FindingsCache.Record {
    func encode(to writer: inout BinaryWriter) {
        writer.shortString(id)
        writer.shortString(status?.rawValue)
        writer.varint(findings.count)
        for finding in findings { finding.encode(to: &writer) }
        writer.shortString(today?.description)
        writer.varint(known.count)
        for (id, known) in known {
            writer.shortString(id)
            writer.bool(known)
        }
        writer.bool(repeatInputs != nil)
        repeatInputs?.encode(to: &writer)
        writer.bool(repeats != nil)
        if let repeats {
            writer.varint(repeats.count)
            for finding in repeats { finding.encode(to: &writer) }
        }
    }

    init(from reader: inout BinaryReader) throws {
        id = try reader.optionalShortString()
        status = try reader.optionalEnumeration()
        let count = try reader.varint()
        try reader.need(count, 4)
        findings = try (0..<count).map { _ in try Diagnostic(from: &reader) }
        today = try reader.optionalShortString().map { text in
            guard let day = CalendarDate(text) else { throw BinaryReader.Truncated() }
            return day
        }
        let asked = try reader.varint()
        try reader.need(asked, 2)
        known = try (0..<asked).map { _ in (try reader.shortString(), try reader.bool()) }
        if try reader.bool() {
            let profile = try SimilarityProfile(from: &reader)
            let positions = try profile.rootCauses.map { _ in try reader.position() }
            let whysFile = try reader.shortString()
            let suppressionCount = try reader.varint()
            try reader.need(suppressionCount, 6)
            let suppressions = try (0..<suppressionCount).map { _ in
                let file = try reader.shortString()
                guard let position = try reader.position() else { throw BinaryReader.Truncated() }
                let rules = try reader.strings(), reason = try reader.optionalShortString()
                let lower = try reader.varint(), upper = try reader.varint()
                guard lower <= upper else { throw BinaryReader.Truncated() }
                return Suppression(file: file, position: position, rules: rules, reason: reason, lines: lower...upper)
            }
            repeatInputs = RepeatInputs(profile: profile, positions: positions, whysFile: whysFile, suppressions: suppressions)
        } else {
            repeatInputs = nil
        }
        if try reader.bool() {
            let count = try reader.varint()
            try reader.need(count, 4)
            repeats = try (0..<count).map { _ in try Diagnostic(from: &reader) }
        } else {
            repeats = nil
        }
    }
}

extension Diagnostic {
    func encode(to writer: inout BinaryWriter) {
        writer.shortString(file)
        writer.position(position)
        writer.shortString(level.rawValue)
        writer.shortString(rule)
        writer.shortString(message)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(file: try reader.shortString(), position: try reader.position(), level: try reader.enumeration(), rule: try reader.optionalShortString(),
                  message: try reader.shortString())
    }
}

extension BinaryWriter {
    /// A position as line + 1 and column (0 for none).
    mutating func position(_ position: SourcePosition?) {
        varint(position.map { $0.line + 1 } ?? 0)
        if let position { varint(position.column) }
    }
}

extension BinaryReader {
    mutating func position() throws -> SourcePosition? {
        let line = try varint()
        guard line > 0 else { return nil }
        return SourcePosition(line: line - 1, column: try varint())
    }
}
