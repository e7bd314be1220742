import COEFormat
import COESearch
import COEWorkspace
import Foundation
import Testing
import TestSupport

/// A repository of COEs made from the example, each with its own id, audience and a sentence of its own.
func searchRepository(_ coes: [(id: String, confidentiality: String, sentence: String)]) throws -> GitFixture {
    let fixture = try GitFixture()
    try fixture.write(".coe.yaml", "root: coes\n")
    for coe in coes {
        try addCOE(fixture, id: coe.id, confidentiality: coe.confidentiality, sentence: coe.sentence)
    }
    try fixture.commitAll("COEs")
    return fixture
}

func addCOE(_ fixture: GitFixture, id: String, confidentiality: String, sentence: String) throws {
    let folder = "coes/\(id)"
    try copyTree(exampleCOEDirectory, to: fixture.path + "/" + folder)
    let metadata = try fixture.scratch.read("\(folder)/coe.yaml")
        .replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)")
        .replacingOccurrences(of: "confidentiality: team-only", with: "confidentiality: \(confidentiality)")
    try fixture.write("\(folder)/coe.yaml", metadata)
    let analysis = try fixture.scratch.read("\(folder)/analysis.md")
    try fixture.write("\(folder)/analysis.md", analysis + "\n" + sentence + "\n")
}

/// Every byte of the index file and of anything beside it (a journal), as Latin-1 text to look for words in.
func indexBytes(_ fixture: GitFixture) throws -> String {
    let folder = fixture.path + "/.git/coe"
    var all = ""
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        all += String(decoding: data.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
    }
    return all.lowercased()
}

@Suite struct SearchIndexTests {
    @Test func searchesEveryPartRankedWithPhrasesPrefixesAndFilters() throws {
        let fixture = try searchRepository([
            ("2026-10-20-aaaaaaaaaa", "team-only", "The throttling of the fraud scorer queued requests."),
            ("2026-10-21-bbbbbbbbbb", "public", "Nothing about rate limits here; the scorer was throttled twice."),
        ])
        // A phrase across the whys and prose of both; the line and part of each.
        let phrase = try coe(["search", "\"20 connections per host\"", "--format", "json"], in: fixture.path)
        #expect(phrase.status == 0, "\(phrase.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(phrase.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 2)
        let lines = try #require(hits.first?["lines"] as? [[String: Any]])
        #expect(Set(lines.compactMap { $0["part"] as? String }).isSuperset(of: ["whys", "summary"]), "\(lines)")
        let whyLines = lines.filter { ($0["file"] as? String)?.hasSuffix("whys.yaml") == true }.compactMap { $0["line"] as? Int }
        #expect(Set(whyLines) == [6, 8], "\(lines)")
        // Words joined by a hyphen are a phrase of their words: "connection pool" finds connection-pool.
        let hyphen = try coe(["search", "\"connection pool\"", "--format", "json"], in: fixture.path)
        let tagged = try #require(try JSONSerialization.jsonObject(with: Data(hyphen.stdout.utf8)) as? [[String: Any]])
        #expect(tagged.count == 2 && (tagged[0]["lines"] as? [[String: Any]])?.contains { $0["part"] as? String == "tags" } == true)
        // A prefix finds both forms; a word only one COE has ranks that one alone.
        let prefix = try coe(["search", "throttl*", "--color", "never"], in: fixture.path)
        #expect(prefix.status == 0 && prefix.stdout.contains("2026-10-20-aaaaaaaaaa") && prefix.stdout.contains("2026-10-21-bbbbbbbbbb"), "\(prefix.stdout)")
        #expect(prefix.stdout.hasSuffix("2 COEs match.\n"))
        // Team-only COEs are marked, public ones are not.
        #expect(prefix.stdout.contains("Customers unable to complete checkout in the EU region  [team-only]\n"), "\(prefix.stdout)")
        let queued = try coe(["search", "fraud", "scorer", "--color", "never"], in: fixture.path)
        #expect(queued.stdout.hasPrefix("2026-10-20-aaaaaaaaaa") && queued.stdout.hasSuffix("1 COE matches.\n"), "\(queued.stdout)")
        #expect(queued.stdout.contains("analysis  analysis.md:"), "\(queued.stdout)")
        // Filters.
        let team = try coe(["search", "throttl*", "--team", "PAYMENTS", "--status", "closed", "--severity", "sev2", "--format", "json"], in: fixture.path)
        #expect(try (JSONSerialization.jsonObject(with: Data(team.stdout.utf8)) as? [Any])?.count == 2)
        for (option, value) in [("--service", "billing"), ("--tag", "dns"), ("--team", "search"), ("--since", "2026-10-15"), ("--until", "2026-10-13"),
                                ("--status", "draft"), ("--severity", "SEV-1")] {
            let none = try coe(["search", "throttl*", option, value], in: fixture.path)
            #expect(none.status == 0 && none.stdout == "No COE matches.\n", "\(option) \(value): \(none.stdout)")
        }
        let service = try coe(["search", "pool", "--service", "Checkout-Service", "--tag", "connection-pool", "--format", "json"], in: fixture.path)
        #expect(try (JSONSerialization.jsonObject(with: Data(service.stdout.utf8)) as? [Any])?.count == 2)
        // Colour only when asked for (or on a terminal): the terms in bold yellow.
        let coloured = try coe(["search", "fraud", "--color", "always"], in: fixture.path)
        #expect(coloured.stdout.contains("\u{1B}[1;33mfraud\u{1B}[0m"), "\(coloured.stdout)")
        #expect(!(try coe(["search", "fraud"], in: fixture.path)).stdout.contains("\u{1B}"))
    }

    @Test func aBadQueryIsAUsageErrorAndNoMatchIsNoError() throws {
        let fixture = try searchRepository([("2026-10-20-aaaaaaaaaa", "team-only", "Plain words.")])
        for query in ["AND pool", "\"unclosed phrase", "pool OR", "*", "(pool", "NOT"] {
            let bad = try coe(["search", query], in: fixture.path)
            #expect(bad.status == 2, "\(query): \(bad.status) \(bad.stderr)")
            #expect(bad.stderr.contains("cannot search for") || bad.stderr.contains("query is empty"), "\(query): \(bad.stderr)")
        }
        // Characters FTS5 would read as syntax are searched as written.
        for query in ["connection-pool", "p99:latency", "A1.yaml", "'quoted'", "col:umn", "^start", "a+b"] {
            let odd = try coe(["search", query], in: fixture.path)
            #expect(odd.status == 0, "\(query): \(odd.stderr)")
        }
        let none = try coe(["search", "zebra"], in: fixture.path)
        #expect(none.status == 0 && none.stdout == "No COE matches.\n" && none.stderr.isEmpty)
        let json = try coe(["search", "zebra", "--format", "json"], in: fixture.path)
        #expect(json.status == 0 && json.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || json.stdout.contains("[]"), "\(json.stdout)")
    }

    @Test func theIndexIsUpdatedFromTheFilesThatChanged() throws {
        let fixture = try searchRepository([
            ("2026-10-20-aaaaaaaaaa", "team-only", "Aardvarks."), ("2026-10-21-bbbbbbbbbb", "team-only", "Second."),
        ])
        let workspace = try Workspace(at: fixture.path)
        let first = try SearchIndex(workspace: workspace)
        #expect(first.rebuiltBecause == "missing" && first.readCount == 2)
        // Files older than the racy window are trusted by their stat: backdate them, as time would.
        try backdate(fixture.path + "/coes")
        _ = try SearchIndex(workspace: workspace)
        let warm = try SearchIndex(workspace: workspace)
        #expect(warm.rebuiltBecause == nil && warm.readCount == 0)
        // One file changed: that COE alone is read again, and its new words are found, its old ones not.
        try fixture.write("coes/2026-10-21-bbbbbbbbbb/lessons.yaml", "- lesson: Quokkas need explicit pool sizes.\n  category: technical\n  actions: [A1]\n")
        let updated = try SearchIndex(workspace: workspace)
        #expect(updated.rebuiltBecause == nil && updated.readCount == 1)
        #expect(try updated.search("quokkas").hits.map(\.id) == ["2026-10-21-bbbbbbbbbb"])
        // Touched but unchanged: hashed again, not read again.
        try backdate(fixture.path + "/coes")
        _ = try SearchIndex(workspace: workspace)
        try fixture.write("coes/2026-10-20-aaaaaaaaaa/summary.md", try fixture.scratch.read("coes/2026-10-20-aaaaaaaaaa/summary.md"))
        #expect(try SearchIndex(workspace: workspace).readCount == 0)
        // A COE removed from the work tree is gone from the index; a new one is added.
        try FileManager.default.removeItem(atPath: fixture.path + "/coes/2026-10-20-aaaaaaaaaa")
        try addCOE(fixture, id: "2026-10-22-cccccccccc", confidentiality: "public", sentence: "Wombats.")
        let moved = try SearchIndex(workspace: workspace)
        #expect(try moved.readCount == 1 && moved.count() == 2)
        #expect(try moved.search("aardvarks").hits.isEmpty)
        #expect(try moved.search("wombats").hits.map(\.id) == ["2026-10-22-cccccccccc"])
    }

    @Test func aDamagedTruncatedOrForeignIndexIsRebuilt() throws {
        let fixture = try searchRepository([("2026-10-20-aaaaaaaaaa", "team-only", "Narwhals.")])
        let workspace = try Workspace(at: fixture.path)
        let path = try SearchIndex(workspace: workspace).path
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        func check(_ damage: (inout Data) -> Void, _ reason: String) throws {
            var bytes = good
            damage(&bytes)
            try bytes.write(to: URL(fileURLWithPath: path))
            let index = try SearchIndex(workspace: workspace)
            #expect(index.rebuiltBecause != nil, "\(reason): not rebuilt")
            if !reason.isEmpty { #expect(index.rebuiltBecause?.contains(reason) == true, "\(reason): \(index.rebuiltBecause ?? "")") }
            #expect(try index.search("narwhals").hits.map(\.id) == ["2026-10-20-aaaaaaaaaa"])
            #expect(try SearchIndex(workspace: workspace).rebuiltBecause == nil, "rebuilt once, then used")
            // And through the command.
            try bytes.write(to: URL(fileURLWithPath: path))
            let run = try coe(["search", "narwhals"], in: fixture.path)
            #expect(run.status == 0 && run.stdout.hasPrefix("2026-10-20-aaaaaaaaaa"), "\(reason): \(run.stderr)")
        }
        try check({ $0 = $0.prefix($0.count / 2) }, "")
        try check({ $0 = $0.prefix($0.count - 4096) }, "")
        try check({ $0 = Data() }, "")
        try check({ $0 = Data("not an sqlite file at all, just text".utf8) }, "")
        try check({ bytes in for offset in stride(from: 200, to: bytes.count, by: 97) { bytes[offset] ^= 0x5A } }, "")
        // Another program's SQLite file.
        try FileManager.default.removeItem(atPath: path)
        _ = try run("/usr/bin/sqlite3", [path, "CREATE TABLE other(x); INSERT INTO other VALUES (1);"], in: fixture.path)
        let foreign = try SearchIndex(workspace: workspace)
        #expect(foreign.rebuiltBecause == "not a coe search index")
        // Deleted: built again.
        try FileManager.default.removeItem(atPath: path)
        #expect(try SearchIndex(workspace: workspace).rebuiltBecause == "missing")
    }

    /// An SQLite without FTS5 cannot be had here (Debian's has it): the check is fed the real SQLite's own
    /// compile options, with and without ENABLE_FTS5. Its error is a `WorkspaceError`, which every command
    /// reports as a usage or I/O error, exit 2 (`COECommand.report`).
    @Test func anSQLiteWithoutFTS5IsRefusedSayingWhatIsMissing() throws {
        let build = try SearchIndex.sqliteBuild()
        #expect(SearchIndex.sqliteProblem(options: build.options, version: build.version) == nil, "\(build.options)")
        let without = build.options.filter { $0.uppercased() != "ENABLE_FTS5" }
        #expect(without.count == build.options.count - 1, "\(build.options)")
        let problem = try #require(SearchIndex.sqliteProblem(options: without, version: build.version))
        #expect(problem.message.contains("needs SQLite's full-text search, FTS5") && problem.message.contains("no ENABLE_FTS5")
                && problem.message.contains("(\(build.version))") && problem.message.contains("libsqlite3-dev"), "\(problem.message)")
    }

    @Test func concurrentRunsLeaveAWorkingIndex() throws {
        let fixture = try searchRepository((0..<6).map { ("2026-10-2\($0)-aaaaaaaaa\($0)", "team-only", "Platypus number \($0).") })
        // Eight searches at once on a missing index, then eight at once after an edit.
        for round in 0..<2 {
            if round == 1 { try fixture.write("coes/2026-10-23-aaaaaaaaa3/analysis.md", "Echidnas only.\n") }
            let results = ResultBox()
            let path = fixture.path
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                results.add(try? coe(["search", round == 0 ? "platypus" : "echidnas", "--format", "json"], in: path))
            }
            for result in results.all {
                #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
                let count = (try? JSONSerialization.jsonObject(with: Data((result?.stdout ?? "").utf8)) as? [Any])?.count
                #expect(count == (round == 0 ? 6 : 1), "\(result?.stdout ?? "")")
            }
        }
        // This test's process is another program than coe: it rebuilds the index for itself, and finds all six.
        let index = try SearchIndex(workspace: try Workspace(at: fixture.path))
        #expect(index.rebuiltBecause == "written by another build of coe")
        #expect(try index.count() == 6 && index.search("platypus").total == 5)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ProcessResult?] = []
    func add(_ result: ProcessResult?) { lock.lock(); results.append(result); lock.unlock() }
    var all: [ProcessResult?] { lock.lock(); defer { lock.unlock() }; return results }
}

/// Sets every file's modification time an hour back, as if written long before.
func backdate(_ folder: String) throws {
    let past = Date().addingTimeInterval(-3600)
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let name = enumerator?.nextObject() as? String {
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder + "/" + name)
    }
}
