/// `review/<id>.yaml`: one review record per file (comments, replies, resolutions, retractions, approvals).
public enum ReviewFile {
    /// The folder inside a COE.
    public static let folder = "review"

    /// The id a record file's name gives (`20261122T161500Z-3f9a1c2e7b.yaml` → its id), or nil for another file.
    public static func id(fromFileName name: String) -> String? {
        guard name.hasSuffix(".yaml") else { return nil }
        let id = String(name.dropLast(5))
        return isValidID(id) ? id : nil
    }

    /// `YYYYMMDDTHHMMSSZ-` and 10 lowercase hexadecimal digits.
    public static func isValidID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 27, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"), bytes[16] == UInt8(ascii: "-") else { return false }
        let digits = bytes[0..<8] + bytes[9..<15]
        return digits.allSatisfy { $0 >= 48 && $0 <= 57 } && bytes[17...].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    public static func parse(_ source: SourceText, id: String, limits: ReadLimits = .default) throws -> ReviewRecord {
        let (reader, map) = try YAMLReader.topLevelMapping(source, emptyMessage: "empty review record", limits: limits)
        let kind = map.choice("kind", required: true, as: ReviewRecord.Kind.self)
        let author = map.string("author", required: true)
        let at = map.timestamp("at", required: true)
        let part = map.string("part")
        let line = map.integer("line", in: 1...1_000_000)
        let item = map.string("item")
        let replyTo = map.string("reply_to")
        let contentHash = map.string("content_hash")
        let status = map.choice("status", as: COEStatus.self)
        let text = map.string("text") ?? ""
        map.finish()
        if let kind {
            if kind.answersThread && replyTo == nil {
                reader.report("a \(kind.rawValue) needs 'reply_to': the id of the comment it answers", at: map.keyPositions["kind"])
            }
            if (kind == .approval || kind == .imported) && contentHash == nil {
                let what = kind == .approval ? "an approval needs 'content_hash': the content it approves"
                    : "an import needs 'content_hash': the content it brings in"
                reader.report(what, at: map.keyPositions["kind"])
            }
            if kind == .imported && status == nil {
                reader.report("an import needs 'status': the status it brings the COE in with", at: map.keyPositions["kind"])
            } else if kind != .imported && status != nil {
                reader.report("only an import has a 'status'", at: map.keyPositions["status"])
            }
            if (kind == .comment || kind == .changesRequested || kind == .reply) && text.allSatisfy(\.isWhitespace) {
                reader.report("a \(kind.rawValue) needs 'text'", at: map.keyPositions["kind"])
            }
        }
        if let replyTo, !isValidID(replyTo) {
            reader.report("'reply_to' must be a review record id such as 20261122T161500Z-3f9a1c2e7b", at: map.keyPositions["reply_to"])
        }
        guard reader.diagnostics.isEmpty, let kind, let author, let at else { throw FormatError(reader.diagnostics) }
        var record = ReviewRecord(id: id, kind: kind, author: author, at: at, part: part, line: line, item: item, replyTo: replyTo,
                                  contentHash: contentHash, status: status, text: text)
        record.positions = map.keyPositions
        record.file = source.file
        return record
    }

    public static func serialize(_ record: ReviewRecord) -> String {
        var writer = YAMLWriter()
        writer.write([
            ("kind", .raw(record.kind.rawValue)),
            ("author", .string(record.author)),
            ("at", .raw(record.at.description)),
            ("part", record.part.map { .string($0) }),
            ("line", record.line.map { .raw(String($0)) }),
            ("item", record.item.map { .string($0) }),
            // Text, not raw: a hand-edited record may hold anything here, and what is written must read back.
            ("reply_to", record.replyTo.map { .string($0) }),
            ("content_hash", record.contentHash.map { .string($0) }),
            ("status", record.status.map { .raw($0.rawValue) }),
            ("text", record.text.isEmpty ? nil : .string(record.text)),
        ])
        return writer.text
    }
}
