/// Files already parsed, kept by path and `FileStamp`: what lets the commands that list across every COE
/// (`coe list`, `coe actions`, `coe remind`, `coe report`) skip parsing the files that did not change since
/// the last run. `COEReader` asks it for `coe.yaml` and the action items when a caller gives one; the store
/// itself (a file in the git directory, never trusted blindly) is `COEWorkspace.ReadCache`.
///
/// Only a file that parsed without a problem is kept, so a hit stands for a clean parse; the reader still
/// lists every folder and checks every entry as it does without a cache.
public protocol ParsedFileCache: AnyObject, Sendable {
    /// The value `decode` reads from the record kept for `path`, when the file's stamp is still `stamp`; nil
    /// when there is none, or it does not decode.
    func value<T>(_ path: String, stamp: FileStamp, _ decode: (inout BinaryReader) throws -> T) -> T?
    /// Keeps what `encode` writes for `path` at `stamp`, unless the stamp cannot be trusted yet (a file
    /// changed within the last moments could change again with the same stamp).
    func keep(_ path: String, stamp: FileStamp, _ encode: (inout BinaryWriter) -> Void)
}

/// A parsed file a `ParsedFileCache` can keep: written and read back field by field, every field of the value.
/// `ParsedFileCacheTests` fails when a field is added to the type and not here.
public protocol CachedParse {
    init(from reader: inout BinaryReader) throws
    func encode(to writer: inout BinaryWriter)
}

extension Metadata: CachedParse {
    public init(from reader: inout BinaryReader) throws {
        let (texts, positions) = try FieldTable.pair(from: &reader)
        self.init(id: try reader.shortString(), title: try reader.shortString(), severity: try reader.enumeration(),
                  status: try reader.enumeration(), team: try reader.shortString(), owner: try reader.optionalShortString(),
                  created: try reader.date(),
                  event: EventTimes(start: try reader.timestamp(), detected: try reader.timestamp(),
                                    mitigated: try reader.timestamp(), end: try reader.timestamp()),
                  detectionSource: try reader.optionalEnumeration(), reviewers: try reader.strings(),
                  confidentiality: try reader.enumeration(), related: try reader.strings(), tags: try reader.strings(),
                  services: try reader.strings(), positions: KeyPositions(positions))
        self.texts = ValueLocations(texts)
    }

    public func encode(to writer: inout BinaryWriter) {
        FieldTable.encode(texts.table, positions.table, to: &writer)
        writer.shortString(id)
        writer.shortString(title)
        writer.shortString(severity.rawValue)
        writer.shortString(status.rawValue)
        writer.shortString(team)
        writer.shortString(owner)
        writer.date(created)
        for time in [event.start, event.detected, event.mitigated, event.end] { writer.timestamp(time) }
        writer.shortString(detectionSource?.rawValue)
        writer.strings(reviewers)
        writer.shortString(confidentiality.rawValue)
        writer.strings(related)
        writer.strings(tags)
        writer.strings(services)
    }
}

extension ActionItem: CachedParse {
    public init(from reader: inout BinaryReader) throws {
        let (texts, positions) = try FieldTable.pair(from: &reader)
        self.init(id: try reader.shortString(), file: try reader.shortString(), title: try reader.shortString(),
                  description: try reader.optionalShortString(), owner: try reader.optionalShortString(),
                  priority: try reader.optionalEnumeration(), due: try reader.optionalDate(), ticket: try reader.optionalShortString(),
                  status: try reader.enumeration(), doneOn: try reader.optionalDate(), doneBy: try reader.optionalShortString(),
                  longTerm: try reader.bool(), replacedBy: try reader.optionalShortString())
        evidence = try reader.optionalShortString()
        let noteCount = try reader.varint()
        try reader.need(noteCount, 4)
        notes = try (0..<noteCount).map { _ in ActionNote(date: try reader.date(), by: try reader.optionalShortString(), text: try reader.shortString()) }
        let slipCount = try reader.varint()
        try reader.need(slipCount, 6)
        slips = try (0..<slipCount).map { _ in
            ActionSlip(date: try reader.date(), from: try reader.optionalDate(), to: try reader.date(), reason: try reader.shortString())
        }
        self.positions = KeyPositions(positions)
        self.texts = ValueLocations(texts)
    }

    public func encode(to writer: inout BinaryWriter) {
        FieldTable.encode(texts.table, positions.table, to: &writer)
        writer.shortString(id)
        writer.shortString(file)
        writer.shortString(title)
        writer.shortString(description)
        writer.shortString(owner)
        writer.shortString(priority?.rawValue)
        writer.optionalDate(due)
        writer.shortString(ticket)
        writer.shortString(status.rawValue)
        writer.optionalDate(doneOn)
        writer.shortString(doneBy)
        writer.bool(longTerm)
        writer.shortString(replacedBy)
        writer.shortString(evidence)
        writer.varint(notes.count)
        for note in notes {
            writer.date(note.date)
            writer.shortString(note.by)
            writer.shortString(note.text)
        }
        writer.varint(slips.count)
        for slip in slips {
            writer.date(slip.date)
            writer.optionalDate(slip.from)
            writer.date(slip.to)
            writer.shortString(slip.reason)
        }
    }
}

extension FieldTable {
    /// A value's two views of its keys (`ValueLocations`, `KeyPositions`): the reader makes them one table,
    /// written once (and twice when they are not).
    static func encode(_ texts: FieldTable, _ positions: FieldTable, to writer: inout BinaryWriter) {
        writer.bool(texts === positions)
        texts.encode(to: &writer)
        if texts !== positions { positions.encode(to: &writer) }
    }

    static func pair(from reader: inout BinaryReader) throws -> (FieldTable, FieldTable) {
        let shared = try reader.bool()
        let texts = try FieldTable(from: &reader)
        return (texts, shared ? texts : try FieldTable(from: &reader))
    }

    convenience init(from reader: inout BinaryReader) throws {
        let count = try reader.varint()
        try reader.need(count, 6)
        self.init(try (0..<count).map { _ in
            let key = try reader.shortString()
            let keyPosition = SourcePosition(line: try reader.varint(), column: try reader.varint())
            let value = TextLocation(position: SourcePosition(line: try reader.varint(), column: try reader.varint()), columnsExact: try reader.bool())
            return (key, keyPosition, value)
        })
    }

    func encode(to writer: inout BinaryWriter) {
        writer.varint(entries.count)
        for entry in entries {
            writer.shortString(entry.key)
            writer.varint(entry.keyPosition.line)
            writer.varint(entry.keyPosition.column)
            writer.varint(entry.value.position.line)
            writer.varint(entry.value.position.column)
            writer.bool(entry.value.columnsExact)
        }
    }
}

/// The values of the COE model every cache file writes the same way (lists of strings, dates, moments,
/// enumerations by their raw values).
extension BinaryWriter {
    public mutating func strings(_ values: [String]) {
        varint(values.count)
        values.forEach { shortString($0) }
    }

    public mutating func date(_ value: CalendarDate) {
        varint(value.year)
        u8(UInt8(value.month))
        u8(UInt8(value.day))
    }

    public mutating func optionalDate(_ value: CalendarDate?) {
        bool(value != nil)
        if let value { date(value) }
    }

    public mutating func timestamp(_ value: Timestamp?) {
        bool(value != nil)
        guard let value else { return }
        i64(value.seconds)
        i64(Int64(value.offsetMinutes))
        bool(value.isZulu)
    }
}

extension BinaryReader {
    public mutating func strings() throws -> [String] {
        let count = try varint()
        try need(count, 1)
        return try (0..<count).map { _ in try shortString() }
    }

    public mutating func enumeration<T: RawRepresentable<String>>() throws -> T {
        guard let value = T(rawValue: try shortString()) else { throw Truncated() }
        return value
    }

    public mutating func optionalEnumeration<T: RawRepresentable<String>>() throws -> T? {
        guard let raw = try optionalShortString() else { return nil }
        guard let value = T(rawValue: raw) else { throw Truncated() }
        return value
    }

    public mutating func date() throws -> CalendarDate {
        guard let value = CalendarDate(year: try varint(), month: Int(try u8()), day: Int(try u8())) else { throw Truncated() }
        return value
    }

    public mutating func optionalDate() throws -> CalendarDate? {
        try bool() ? try date() : nil
    }

    public mutating func timestamp() throws -> Timestamp? {
        guard try bool() else { return nil }
        let seconds = try i64(), offset = try i64(), zulu = try bool()
        guard abs(offset) < 24 * 60 else { throw Truncated() }
        return Timestamp(seconds: seconds, offsetMinutes: Int(offset), isZulu: zulu)
    }
}
