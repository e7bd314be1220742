import COEFormat
import COEWorkspace
import Foundation
import GitKit

/// A query `coe search` cannot run: a usage error (exit 2), with what is wrong.
public struct SearchQueryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// What `coe search` keeps: filters on a COE's metadata.
/// One COE that matches, with its matching lines, best first.
public struct SearchHit: Sendable {
    public struct Line: Sendable {
        public let part: String
        public let file: String
        public let line: Int
        /// The matching line's text.
        public let text: String
        /// Where the query's terms are in `text`, as ranges of characters.
        public let spans: [Range<Int>]
    }

    public let folder: String
    public let id: String
    public let title: String
    public let severity: String
    public let status: String
    public let team: String
    public let created: String
    public let confidentiality: Confidentiality
    /// Higher is better: the sum of the BM25 scores of its three best lines.
    public let score: Double
    public let lines: [Line]
}

extension SearchIndex {
    /// The COEs matching `query` and `filters`, best first (BM25 over lines; a COE by its three best
    /// lines): the first `limit` with their matching lines, and how many match in all.
    ///
    /// In two steps, so that a word every COE holds costs little: the scores of every matching line
    /// (no text), then the text and highlights of the lines of the COEs shown.
    public func search(_ query: String, filters: COEFilters = COEFilters(), limit: Int = .max) throws -> (hits: [SearchHit], total: Int) {
        let match = try Self.ftsQuery(query)
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let severity = filters.severity { conditions.append("severity = ?"); values.append(.text(severity.rawValue)) }
        if let status = filters.status { conditions.append("status = ?"); values.append(.text(status.rawValue)) }
        if let team = filters.team { conditions.append("lower(team) = ?"); values.append(.text(team.lowercased())) }
        if let service = filters.service { conditions.append("instr(services, ?) > 0"); values.append(.text("\n" + service.lowercased() + "\n")) }
        if let tag = filters.tag { conditions.append("instr(tags, ?) > 0"); values.append(.text("\n" + tag.lowercased() + "\n")) }
        if let since = filters.since { conditions.append("created >= ?"); values.append(.text(since.description)) }
        if let until = filters.until { conditions.append("created <= ?"); values.append(.text(until.description)) }
        if !includesSecure { conditions.append("confidentiality != 'secure'") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var wanted: [String: [String]] = [:]
        // Each COE's lines are the rowids first...last: a line's COE is found by its rowid, without reading the line.
        var ranges: [(first: Int64, last: Int64, folder: String)] = []
        for row in try database.rows("SELECT folder, id, title, severity, status, team, created, confidentiality, first_line, last_line FROM coes"
                                     + filter, values) {
            guard let folder = row[0], let first = row[8].flatMap({ Int64($0) }), let last = row[9].flatMap({ Int64($0) }) else { continue }
            wanted[folder] = row[1...7].map { $0 ?? "" }
            ranges.append((first, last, folder))
        }
        ranges.sort { $0.first < $1.first }
        func folder(of rowid: Int64) -> String? {
            var low = 0, high = ranges.count - 1
            while low <= high {
                let middle = (low + high) / 2
                if rowid < ranges[middle].first { high = middle - 1 } else if rowid > ranges[middle].last { low = middle + 1 } else { return ranges[middle].folder }
            }
            return nil
        }
        // Step 1: every matching line's score.
        var scores: [String: [(rowid: Int64, score: Double)]] = [:]
        do {
            let statement = try database.prepare("SELECT rowid, bm25(lines) FROM lines WHERE lines MATCH ?")
            try statement.bind([.text(match)])
            while try statement.step() {
                let rowid = statement.int(0)
                guard let folder = folder(of: rowid) else { continue }
                scores[folder, default: []].append((rowid, -statement.double(1)))
            }
        } catch let error as SQLiteError where error.isQuerySyntax {
            throw SearchQueryError(message: Self.explain(error, query: query))
        }
        var ranked = scores.map { folder, lines -> (folder: String, score: Double, lines: [(rowid: Int64, score: Double)]) in
            let sorted = lines.sorted { $0.score != $1.score ? $0.score > $1.score : $0.rowid < $1.rowid }
            return (folder, sorted.prefix(3).reduce(0) { $0 + $1.score }, sorted)
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : wanted[$0.folder]![0] < wanted[$1.folder]![0] }
        let shown = ranked.prefix(limit)
        // Step 2: the text of the shown COEs' matching lines, highlighted.
        var texts: [Int64: SearchHit.Line] = [:]
        let rowids = shown.flatMap { $0.lines.map(\.rowid) }
        for chunk in stride(from: 0, to: rowids.count, by: 500) {
            let ids = rowids[chunk..<min(chunk + 500, rowids.count)].map(String.init).joined(separator: ",")
            let statement = try database.prepare("""
                SELECT rowid, part, file, line, highlight(lines, 0, char(1), char(2)) FROM lines WHERE lines MATCH ? AND rowid IN (\(ids))
                """)
            try statement.bind([.text(match)])
            while try statement.step() {
                let (text, spans) = Self.marked(statement.text(4) ?? "")
                texts[statement.int(0)] = SearchHit.Line(part: statement.text(1) ?? "", file: statement.text(2) ?? "", line: Int(statement.int(3)),
                                                         text: text, spans: spans)
            }
        }
        let hits = shown.map { entry -> SearchHit in
            let meta = wanted[entry.folder]!
            return SearchHit(folder: entry.folder, id: meta[0], title: meta[1], severity: meta[2], status: meta[3], team: meta[4], created: meta[5],
                             confidentiality: Confidentiality(rawValue: meta[6]) ?? .teamOnly, score: entry.score,
                             lines: entry.lines.compactMap { texts[$0.rowid] })
        }
        return (hits, ranked.count)
    }

    static func explain(_ error: SQLiteError, query: String) -> String {
        let detail = error.message.replacingOccurrences(of: "fts5: ", with: "")
        return "cannot search for '\(query)': \(detail). Words are searched as they are; \"a phrase\" in double quotes, "
            + "a prefix with * (throttl*), AND, OR and NOT between terms, parentheses to group"
    }

    /// The text of a highlighted line without its markers, and where the markers stood.
    static func marked(_ highlighted: String) -> (String, [Range<Int>]) {
        var text = ""
        var spans: [Range<Int>] = []
        var count = 0
        var start: Int?
        for character in highlighted {
            if character == "\u{1}" { start = count; continue }
            if character == "\u{2}" {
                if let begin = start, begin < count { spans.append(begin..<count) }
                start = nil
                continue
            }
            text.append(character)
            count += 1
        }
        return (text, spans)
    }

    /// The user's query in FTS5's syntax: each word quoted as a string (so `connection-pool` or `p99`
    /// search as written instead of being read as syntax), a quoted phrase kept a phrase, a trailing `*` a
    /// prefix, `AND`, `OR`, `NOT` and parentheses kept as operators.
    public static func ftsQuery(_ query: String) throws -> String {
        var parts: [String] = []
        var index = query.startIndex
        func quoted(_ text: Substring) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        while index < query.endIndex {
            let character = query[index]
            if character.isWhitespace { index = query.index(after: index); continue }
            if character == "(" || character == ")" {
                parts.append(String(character))
                index = query.index(after: index)
                continue
            }
            if character == "\"" {
                let open = query.index(after: index)
                guard let close = query[open...].firstIndex(of: "\"") else {
                    throw SearchQueryError(message: "cannot search for '\(query)': a phrase opened with \" is not closed")
                }
                var phrase = quoted(query[open..<close])
                index = query.index(after: close)
                if index < query.endIndex, query[index] == "*" {
                    phrase += "*"
                    index = query.index(after: index)
                }
                parts.append(phrase)
                continue
            }
            var end = index
            while end < query.endIndex, !query[end].isWhitespace, query[end] != "\"", query[end] != "(", query[end] != ")" { end = query.index(after: end) }
            var word = query[index..<end]
            index = end
            if ["AND", "OR", "NOT"].contains(word) { parts.append(String(word)); continue }
            var prefix = false
            while word.hasSuffix("*") { word = word.dropLast(); prefix = true }
            guard !word.isEmpty else { throw SearchQueryError(message: "cannot search for '\(query)': a * ends a word (throttl*), it is no word of its own") }
            parts.append(quoted(word) + (prefix ? "*" : ""))
        }
        guard !parts.isEmpty else { throw SearchQueryError(message: "the query is empty; give words to search for") }
        return parts.joined(separator: " ")
    }

    /// Every COE of the index as the similarity measure reads it (secure COEs only when included).
    public func profiles() throws -> [(folder: String, profile: SimilarityProfile)] {
        try profiles(folder: nil)
    }

    /// Lint rule W7's corpus: every COE of the index (secure ones only when included) as the similarity measure
    /// reads it, named by each COE's profile as the index keeps it (a hash of it, taken when the COE was indexed)
    /// and by the program that wrote the index, and read from the index only when a COE is compared: a `coe lint`
    /// whose findings all come from its cache reads none (reading and encoding the 1,000 profiles to key the cache
    /// on them was a tenth of that run; perf, 2026-12-02), and an edit that changes no profile keeps the name, so
    /// that no COE's W7 findings are judged again. The index is handed to the corpus: use it for nothing else after.
    public func repeatCorpus() throws -> RepeatCorpus {
        var lines = Self.identity(workspace).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let rows = try database.prepare("SELECT folder, profile FROM coes" + (includesSecure ? "" : " WHERE confidentiality != 'secure'")
                                        + " ORDER BY folder")
        while try rows.step() { lines.append("\(rows.text(0) ?? "") \(rows.text(1) ?? "")") }
        let name = try Repository.hashBlob(Array(lines.joined(separator: "\n").utf8)).hex
        let handed = Handed(self)
        return RepeatCorpus(name: name) { try? handed.index.profiles().map(\.profile) }
    }

    /// The index, as its corpus holds it: read once, under the corpus's lock, and by nothing else after it is handed.
    private final class Handed: @unchecked Sendable {
        let index: SearchIndex
        init(_ index: SearchIndex) { self.index = index }
    }

    /// The COE of `folder` as the similarity measure reads it, as the index has it; nil when the index does
    /// not hold it (secure and not included, unreadable, or not a COE).
    public func profile(folder: String) throws -> SimilarityProfile? {
        try profiles(folder: folder).first?.profile
    }

    /// Every COE of the index as `coe related` ranks it: its id, services, tags and the terms of its root
    /// causes and action titles, counted when it was indexed (secure COEs only when included). With
    /// `profile(folder:)` for the few shown, no COE's text is read or cut into terms again.
    public func candidates() throws -> [(folder: String, candidate: Relatedness.Candidate)] {
        let statement = try database.prepare("SELECT folder, id, services, tags, terms FROM coes"
                                             + (includesSecure ? "" : " WHERE confidentiality != 'secure'") + " ORDER BY folder")
        var all: [(folder: String, candidate: Relatedness.Candidate)] = []
        while try statement.step() {
            guard let folder = statement.text(0), let id = statement.text(1), let terms = TermCounts(encoded: statement.text(4) ?? "") else { continue }
            all.append((folder, Relatedness.Candidate(id: id, services: Self.list(statement.text(2)), tags: Self.list(statement.text(3)), terms: terms)))
        }
        return all
    }

    /// A label list as stored (`labels`).
    static func list(_ text: String?) -> [String] { (text ?? "").split(separator: "\n").map(String.init) }

    private func profiles(folder only: String?) throws -> [(folder: String, profile: SimilarityProfile)] {
        var causes: [String: [SimilarityProfile.RootCause]] = [:]
        var actions: [String: [SimilarityProfile.Action]] = [:]
        let one = only.map { [SQLiteValue.text($0)] } ?? []
        // Stepped through column by column (every W7 lint reads all 1,000 COEs' rows): no array made per row.
        let rows = try database.prepare("SELECT folder, kind, ident, line, text, actions, status, due, done_on FROM causes"
                                        + (only == nil ? "" : " WHERE folder = ?") + " ORDER BY folder, rowid")
        try rows.bind(one)
        while try rows.step() {
            guard let folder = rows.text(0), let kind = rows.text(1) else { continue }
            if kind == "root" {
                causes[folder, default: []].append(SimilarityProfile.RootCause(
                    text: rows.text(4) ?? "", line: Int(rows.text(3) ?? "") ?? 1, actions: (rows.text(5) ?? "").split(separator: " ").map(String.init)))
            } else {
                actions[folder, default: []].append(SimilarityProfile.Action(
                    id: rows.text(2) ?? "", title: rows.text(4) ?? "", status: ActionStatus(rawValue: rows.text(6) ?? "") ?? .open,
                    due: CalendarDate(rows.text(7) ?? ""), doneOn: CalendarDate(rows.text(8) ?? "")))
            }
        }
        var conditions = includesSecure ? [] : ["confidentiality != 'secure'"]
        if only != nil { conditions.append("folder = ?") }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try database.rows("SELECT folder, id, title, created, confidentiality, services, tags FROM coes\(filter) ORDER BY folder", one).compactMap { row in
            guard let folder = row[0], let id = row[1], let created = CalendarDate(row[3] ?? "") else { return nil }
            return (folder, SimilarityProfile(id: id, title: row[2] ?? "", created: created,
                                              confidentiality: Confidentiality(rawValue: row[4] ?? "") ?? .teamOnly,
                                              services: Self.list(row[5]), tags: Self.list(row[6]), rootCauses: causes[folder] ?? [], actions: actions[folder] ?? []))
        }
    }

    /// How many COEs are searched.
    public func count() throws -> Int {
        Int(try database.integer("SELECT count(*) FROM coes" + (includesSecure ? "" : " WHERE confidentiality != 'secure'")) ?? 0)
    }
}
