import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEHistory

/// The commits of a COE's history, checked against the real `git log` on histories with branches and merges.
@Suite struct HistoryTests {
    func commit(_ fixture: GitFixture, _ message: String, minute: Int) throws -> String {
        try fixture.commitAll(message, date: "2026-11-01T10:\(minute < 10 ? "0" : "")\(minute):00Z")
    }

    func history(_ fixture: GitFixture, id: String, path: String, root: String = "coes") throws -> [HistoryEntry] {
        let repository = try Repository.discover(from: fixture.path)
        return try History.entries(ofCOE: id, at: path, from: try #require(try repository.head()), root: root, in: repository)
    }

    func gitLog(_ fixture: GitFixture, _ path: String) throws -> [String] {
        try fixture.git(["log", "--full-history", "--no-merges", "--format=%H", "--", path]).split(separator: "\n").map(String.init)
    }

    @Test func nonMergeCommitsMatchGitLogAcrossBranchesMergesAndDeletions() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: draft\n")
        try fixture.write("coes/b/coe.yaml", "id: b\n")
        try fixture.write("README", "r\n")
        _ = try commit(fixture, "add a and b", minute: 1)
        try fixture.git(["checkout", "-q", "-b", "feature"])
        try fixture.write("coes/a/summary.md", "Summary\n")
        _ = try commit(fixture, "a: summary", minute: 2)
        try fixture.write("coes/b/impact.md", "Impact\n")
        _ = try commit(fixture, "b: impact", minute: 3)
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: review\n")
        _ = try commit(fixture, "a: review", minute: 4)
        try fixture.write("README", "r2\n")
        _ = try commit(fixture, "unrelated", minute: 5)
        try fixture.git(["merge", "-q", "--no-ff", "-m", "merge feature", "feature"], environment: GitFixture.identity(date: "2026-11-01T10:06:00Z"))
        // A conflict resolved by hand.
        try fixture.git(["checkout", "-q", "-b", "other", "HEAD~1"])
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: approved\n")
        _ = try commit(fixture, "a: approved on other", minute: 7)
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: published\n")
        _ = try commit(fixture, "a: published on main", minute: 8)
        let merge = try run("/usr/bin/git", ["merge", "-q", "other"], in: fixture.path, environment: GitFixture.identity(date: "2026-11-01T10:08:30Z"))
        #expect(merge.status != 0, "the merge conflicts")
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: review\nowner: resolved\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "--no-edit"], environment: GitFixture.identity(date: "2026-11-01T10:09:00Z"))
        try fixture.git(["rm", "-q", "-r", "coes/b"])
        _ = try commit(fixture, "delete b", minute: 10)

        for (id, path) in [("a", "coes/a"), ("b", "coes/b")] {
            let ours = try history(fixture, id: id, path: path)
            let nonMerge = ours.filter { $0.commit.parents.count < 2 }.map(\.commit.id.hex)
            #expect(Set(nonMerge) == Set(try gitLog(fixture, path)), "\(path)")
            #expect(nonMerge.count == (try gitLog(fixture, path)).count)
        }
        let merges = try history(fixture, id: "a", path: "coes/a").filter { $0.commit.parents.count == 2 }.map(\.commit.subject)
        // The clean merge combined both sides' edits to a; the conflict resolution wrote new content: both differ from every parent.
        #expect(merges.sorted() == ["Merge branch 'other'", "merge feature"])
        // For b, the clean merge only brought the feature's edit: b equals that parent, so the merge is not listed.
        #expect(try history(fixture, id: "b", path: "coes/b").allSatisfy { $0.commit.parents.count < 2 })
        #expect(try history(fixture, id: "b", path: "coes/b").first?.path == nil, "the deletion is the newest entry")
    }

    @Test func aMovedCOEKeepsItsHistory() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/x1/coe.yaml", "id: x1\nstatus: draft\n")
        let created = try commit(fixture, "create", minute: 1)
        try fixture.write("coes/x1/summary.md", "S\n")
        let edited = try commit(fixture, "edit", minute: 2)
        try fixture.git(["mv", "coes", "postmortems"])
        let moved = try commit(fixture, "move the COE root", minute: 3)
        try fixture.write("postmortems/x1/summary.md", "S2\n")
        let after = try commit(fixture, "edit after the move", minute: 4)
        let entries = try history(fixture, id: "x1", path: "postmortems/x1")
        #expect(entries.map(\.commit.id.hex) == [after, moved, edited, created])
        #expect(entries.first { $0.commit.id.hex == moved }?.parentPaths == ["coes/x1"])
    }

    @Test func aShallowCloneIsRefused() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/a/coe.yaml", "id: a\n")
        _ = try commit(fixture, "one", minute: 1)
        try fixture.write("coes/a/summary.md", "s\n")
        _ = try commit(fixture, "two", minute: 2)
        let scratch = try ScratchFolder()
        try run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + fixture.path, "shallow"], in: scratch.path)
        let repository = try Repository.discover(from: scratch.path + "/shallow")
        #expect(throws: IncompleteHistory.self) {
            try History.entries(ofCOE: "a", at: "coes/a", from: try #require(try repository.head()), root: "coes", in: repository)
        }
    }

    /// A partial clone leaves objects out: whatever history command needs one says the history is
    /// incomplete, never reports on what it could not read.
    @Test func aPartialCloneIsReportedAsIncomplete() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: draft\n")
        _ = try commit(fixture, "one", minute: 1)
        try fixture.write("coes/a/coe.yaml", "id: a\nstatus: review\n")
        try fixture.write("coes/a/summary.md", "s\n")
        _ = try commit(fixture, "two", minute: 2)
        try fixture.git(["config", "uploadpack.allowFilter", "true"])
        let scratch = try ScratchFolder()
        for filter in ["blob:none", "tree:0"] {
            try run("/usr/bin/git", ["clone", "-q", "--filter=\(filter)", "file://" + fixture.path, filter], in: scratch.path)
            let repository = try Repository.discover(from: scratch.path + "/" + filter)
            let head = try #require(try repository.head())
            let log = try #require(throws: IncompleteHistory.self, "\(filter)") {
                try Log.entries(ofCOE: "a", at: "coes/a", from: head, root: "coes", limits: .default, in: repository)
            }
            #expect(log.description.contains("partial clone"))
            #expect(throws: IncompleteHistory.self, "\(filter)") {
                try Audit.run(from: head, root: "coes", configuration: Configuration(), in: repository)
            }
        }
        // The full history, fetched: the same commands answer.
        let full = try Repository.discover(from: fixture.path)
        #expect(try Log.entries(ofCOE: "a", at: "coes/a", from: try #require(try full.head()), root: "coes", limits: .default, in: full).count == 2)
    }
}

/// What each commit changed, in the COE's own terms.
@Suite struct LogTests {
    let folder = "coes/\(exampleCOEID)"

    func replace(_ fixture: GitFixture, _ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old), "\(file) holds \(old)")
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    @Test func changesAreNamedInDocumentTerms() throws {
        let fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/\(folder)")
        try replace(fixture, "coe.yaml", "status: closed", "status: review")
        try fixture.commitAll("add", date: "2026-11-01T10:00:00Z")
        try replace(fixture, "actions/A3.yaml", "due: 2026-11-25", "due: 2027-01-15")
        try replace(fixture, "summary.md", "Between 09:12", "From 09:12")
        try fixture.write("\(folder)/actions/A7.yaml", "title: Add a load test for configuration changes\n")
        try fixture.commitAll("edit", date: "2026-11-02T10:00:00Z")
        try replace(fixture, "coe.yaml", "status: review", "status: approved")
        try fixture.commitAll("approve", date: "2026-11-03T10:00:00Z")
        try replace(fixture, "timeline.yaml", "- at: 2026-10-13T10:30:00Z", "- at: 2026-10-13T10:20:00Z\n  event: Dashboards back to normal.\n\n- at: 2026-10-13T10:30:00Z")
        try fixture.commitAll("late edit", date: "2026-11-04T10:00:00Z")

        let repository = try Repository.discover(from: fixture.path)
        let entries = try Log.entries(ofCOE: exampleCOEID, at: folder, from: try #require(try repository.head()), root: "coes", limits: .default, in: repository)
        #expect(entries.map(\.commit.subject) == ["late edit", "approve", "edit", "add"])
        let late = entries[0], approve = entries[1], edit = entries[2], add = entries[3]
        #expect(add.changes == [Change(kind: .created)])
        #expect(edit.changes.map(\.text).sorted() == ["A3 due 2026-11-25 → 2027-01-15", "action A7 added: Add a load test for configuration changes", "summary edited"])
        #expect(approve.statusFrom == .review && approve.statusTo == .approved && !approve.afterApproval)
        #expect(approve.changes == [Change(kind: .status, from: "review", to: "approved")])
        #expect(late.changes == [Change(kind: .timelineAdded, item: "2026-10-13T10:20:00Z")])
        #expect(late.afterApproval)
    }

    /// A second run reads each commit's summary from the log cache; a damaged cache, or one another
    /// build of coe wrote, is ignored and written anew.
    @Test func summariesAreKeptBetweenRunsAndNeverTrustedWhenDamaged() throws {
        let fixture = try GitFixture()
        try copyExampleCOE(to: fixture.path + "/\(folder)")
        try fixture.commitAll("add", date: "2026-11-01T10:00:00Z")
        try replace(fixture, "actions/A3.yaml", "due: 2026-11-25", "due: 2027-01-15")
        try fixture.commitAll("edit", date: "2026-11-02T10:00:00Z")
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        func describe() throws -> [String] {
            try Log.entries(ofCOE: exampleCOEID, at: folder, from: head, root: "coes", limits: .default, in: repository)
                .map { "\($0.commit.subject) \($0.statusFrom?.rawValue ?? "-") \($0.statusTo?.rawValue ?? "-") \($0.changes.map(\.text))" }
        }
        let first = try describe()
        #expect(first.count == 2 && first[0].contains("A3 due 2026-11-25 → 2027-01-15"))
        let file = repository.gitDirectory + "coe/log-cache/" + exampleCOEID
        let written = try #require(FileManager.default.contents(atPath: file))

        // The summaries are read from the cache: a planted one (valid checksum, this program) shows.
        var planted = try #require(written.withUnsafeBytes { LogCache.decode($0) })
        let key = try #require(planted.keys.first { $0.commit == head })
        planted[key] = LogCache.Summary(statusFrom: .draft, statusTo: .draft, changes: [Change(kind: .part, item: "planted")])
        try Data(LogCache.encode(planted)).write(to: URL(fileURLWithPath: file))
        #expect(try describe()[0].contains("planted edited"))

        // Damaged, or written by another build: ignored, and the same summaries written again.
        var flipped = written
        flipped[written.count / 2] ^= 0x20
        for bytes in [flipped, written.prefix(written.count - 3), Data(LogCache.encode(planted, program: "another build"))] {
            try bytes.write(to: URL(fileURLWithPath: file))
            #expect(try describe() == first)
            #expect(FileManager.default.contents(atPath: file) == written)
        }
    }
}
