import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEHistory

/// Blame of a COE's lines, action items and timeline entries, on a real repository with three authors.
@Suite struct BlameTests {
    let folder = "coes/\(exampleCOEID)"

    func edit(_ fixture: GitFixture, _ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old))
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    func commit(_ fixture: GitFixture, _ message: String, by name: String, at date: String) throws -> String {
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", message], environment: GitFixture.identity(name: name, email: "\(name.split(separator: " ")[0].lowercased())@example.com", date: date))
        return try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func linesItemsAndEntriesGoToTheirLastCommit() throws {
        let fixture = try GitFixture()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(folder)")
        let first = try commit(fixture, "add", by: "Casey Author", at: "2026-11-01T10:00:00Z")
        try edit(fixture, "actions/A6.yaml", "due: 2026-11-27", "due: 2026-11-26")
        try edit(fixture, "timeline.yaml", "event: The deployment finished.", "event: The deployment finished in every zone.")
        let second = try commit(fixture, "review edits", by: "Rae Reviewer", at: "2026-11-02T10:00:00Z")
        try edit(fixture, "summary.md", "Between 09:12 and 10:06 UTC", "From 09:12 to 10:06 UTC")
        let third = try commit(fixture, "summary", by: "Sam Writer", at: "2026-11-03T10:00:00Z")

        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        let result = try Blame.blame(directory: folder, parts: [], at: head, in: repository)
        let summary = try #require(result.files.first { $0.path == "\(folder)/summary.md" })
        #expect(summary.lines[0].commit.hex == third && summary.lines[0].author.name == "Sam Writer")
        #expect(summary.lines[1].commit.hex == first)
        #expect(summary.lines.count == (try fixture.scratch.read("\(folder)/summary.md")).filter { $0 == "\n" }.count, "one blame line per line")
        let actions = Dictionary(uniqueKeysWithValues: result.items.filter { $0.kind == .action }.map { ($0.item, $0.commit.hex) })
        #expect(actions["A6"] == second && actions["A1"] == first && actions.count == 6)
        let entries = Dictionary(uniqueKeysWithValues: result.items.filter { $0.kind == .timeline }.map { ($0.item, $0) })
        #expect(entries["2026-10-13T09:04:00Z"]?.commit.hex == second)
        #expect(entries["2026-10-13T08:55:00Z"]?.commit.hex == first)
        #expect(entries["2026-10-13T09:04:00Z"]?.lines == 7...8, "an entry spans its lines, without the blank line after it")

        // One part only, and an older revision.
        let older = try Blame.blame(directory: folder, parts: ["summary"], at: try repository.resolveCommit("HEAD~1"), in: repository)
        #expect(older.files.map(\.path) == ["\(folder)/summary.md"] && older.items.isEmpty)
        #expect(older.files[0].lines.allSatisfy { $0.commit.hex == first })
    }

    @Test func theCommandPrintsTextAndJSON() throws {
        let fixture = try GitFixture()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(folder)")
        let first = try commit(fixture, "add", by: "Casey Author", at: "2026-11-01T10:00:00Z")
        let text = try coe(["blame", "k7qm", "lessons"], in: fixture.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("\(folder)/lessons.yaml\n\(first.prefix(8)) Casey Author 2026-11-01  1| - lesson: Values that decide capacity"))
        let json = try coe(["blame", "k7qm", "actions", "--format", "json"], in: fixture.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 6 && items[0]["item"] as? String == "A1" && items[0]["commit"] as? String == first)
        #expect(Set(items[0].keys) == ["kind", "item", "file", "commit", "first_line", "last_line", "author", "email", "date"])
        #expect(try coe(["blame", "k7qm", "nonsense"], in: fixture.path).status == 2)
    }
}
