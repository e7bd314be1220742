import COEFormat
import COEWorkspace
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEHistory

/// `coe audit` on a real repository: several COEs, authors and reviewers, dates set across the review period.
@Suite struct AuditTests {
    func addCOE(_ fixture: GitFixture, _ id: String) throws {
        try copyExampleCOE(to: fixture.path + "/coes/\(id)")
        try set(fixture, id, "coe.yaml", "id: \(exampleCOEID)", "id: \(id)")
        try set(fixture, id, "coe.yaml", "status: closed", "status: draft")
    }

    func set(_ fixture: GitFixture, _ id: String, _ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("coes/\(id)/\(file)")
        #expect(text.contains(old))
        try fixture.write("coes/\(id)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    func commit(_ fixture: GitFixture, _ message: String, by name: String, at date: String) throws {
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", message], environment: GitFixture.identity(name: name, email: "\(name.split(separator: " ")[0].lowercased())@example.com", date: date))
    }

    /// An approval record of the COE's content as the work tree has it, as `coe approve` writes one.
    func writeApproval(_ fixture: GitFixture, _ id: String, by name: String, at date: String) throws {
        let repository = try Repository.discover(from: fixture.path)
        let hash = try ContentHash.of(directory: "coes/\(id)", in: WorkingTreeSource(root: fixture.path), repository: repository)
        let email = "\(name.split(separator: " ")[0].lowercased())@example.com"
        let record = Timestamp(date)!.compactUTC + "-0123456789"
        let text = "kind: approval\nauthor: \(name) <\(email)>\nat: \(date)\ncontent_hash: \(hash)\n"
        try fixture.write("coes/\(id)/review/\(record).yaml", text)
    }

    /// Four COEs: a clean review (approved with an approval record, as `coe approve` makes it), a hurried
    /// self-approval, a skipped step, and one deleted.
    func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        for id in ["good-1", "hurried-2", "skipped-3", "gone-4"] { try addCOE(fixture, id) }
        try commit(fixture, "Add COEs", by: "Casey Author", at: "2026-11-01T09:00:00Z")
        try set(fixture, "good-1", "coe.yaml", "status: draft", "status: review")
        try set(fixture, "hurried-2", "coe.yaml", "status: draft", "status: review")
        try commit(fixture, "Submit", by: "Casey Author", at: "2026-11-01T10:00:00Z")
        try set(fixture, "hurried-2", "coe.yaml", "status: review", "status: approved")
        try commit(fixture, "Approve my own", by: "Casey Author", at: "2026-11-01T12:00:00Z")
        try set(fixture, "skipped-3", "coe.yaml", "status: draft", "status: approved")
        try commit(fixture, "Approve without review", by: "Rae Reviewer", at: "2026-11-01T13:00:00Z")
        try writeApproval(fixture, "good-1", by: "Rae Reviewer", at: "2026-11-02T11:00:00Z")
        try set(fixture, "good-1", "coe.yaml", "status: review", "status: approved")
        try commit(fixture, "Approve", by: "Rae Reviewer", at: "2026-11-02T11:00:00Z")
        try set(fixture, "good-1", "actions/A3.yaml", "due: 2026-11-25", "due: 2026-12-20")
        try commit(fixture, "Move A3", by: "Casey Author", at: "2026-11-03T09:00:00Z")
        try FileManager.default.removeItem(atPath: fixture.path + "/coes/gone-4")
        try commit(fixture, "Drop a COE", by: "Casey Author", at: "2026-11-04T09:00:00Z")
        return fixture
    }

    @Test func processIsMeasuredAndBrokenRulesAreFound() throws {
        let fixture = try repository()
        let repository = try Repository.discover(from: fixture.path)
        let report = try Audit.run(from: try #require(try repository.head()), root: "coes", configuration: Configuration(), in: repository)
        let coes = Dictionary(uniqueKeysWithValues: report.coes.map { ($0.id, $0) })
        let good = try #require(coes["good-1"])
        #expect(good.reviewHours == 25 && good.approver?.author == "Rae Reviewer" && !good.selfApproved && good.violations.isEmpty)
        #expect(good.secondsInStatus[.draft] == 3600 && good.secondsInStatus[.review] == 25 * 3600)
        #expect(good.editsAfterApproval.map(\.subject) == ["Move A3"])
        #expect(good.dueMoves.map { "\($0.action) \($0.from!) → \($0.to!) \($0.days!)" } == ["A3 2026-11-25 → 2026-12-20 25"])
        // The audit judges with the process rules, as the gates do: a move to approved needs approvals that
        // count (P3), so a move made by hand, without any, breaks P3 whoever makes it.
        let hurried = try #require(coes["hurried-2"])
        #expect(hurried.violations.map(\.rule) == ["P2", "P3"] && hurried.selfApproved && hurried.reviewHours == 2)
        #expect(hurried.violations[0].message == "approved 2.0 h after entering review; the review period is 24 h")
        #expect(hurried.violations[1].message == "moved to approved, but 1 more approval needed")
        #expect(try #require(coes["skipped-3"]).violations.map(\.message)
                == ["draft → approved is not an allowed status move", "moved to approved, but 1 more approval needed"])
        #expect(try #require(coes["gone-4"]).deleted?.subject == "Drop a COE")
        #expect(report.violationCount == 4)
    }

    @Test func theCommandGatesCI() throws {
        let fixture = try repository()
        let text = try coe(["audit"], in: fixture.path)
        #expect(text.status == 1)
        #expect(text.stdout.contains("  error [P3] moved to approved, but 1 more approval needed"))
        #expect(text.stdout.contains("— self-approved"))
        #expect(text.stdout.hasSuffix("4 COEs, 4 process rules broken\n"))
        let json = try coe(["audit", "--format", "json"], in: fixture.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["violations"] as? Int == 4)
        let good = try #require((object["coes"] as? [[String: Any]])?.first { $0["id"] as? String == "good-1" })
        #expect(good["review_hours"] as? Double == 25 && (good["approved"] as? [String: Any])?["author"] as? String == "Rae Reviewer")
        // Before the hurried approval, nothing was broken.
        #expect(try coe(["audit", "--rev", "HEAD~5"], in: fixture.path).status == 0)
    }

    /// A COE edited many times after its approval, with a due date moved as often: the text report shows the
    /// first edits (the first voided the approval) and the last, with how many are left out and where they
    /// are; the JSON keeps every one. (A COE edited 2,000 times made a line of 80 KB, and the text report
    /// of 156,000 commits 38 MB.)
    @Test func longListsAreShortenedInTextAndWholeInJSON() throws {
        let fixture = try repository()
        var due = "2026-12-20"
        for edit in 1...9 {
            let next = "2027-01-\(String(format: "%02d", edit + 10))"
            try set(fixture, "good-1", "actions/A3.yaml", "due: \(due)", "due: \(next)")
            due = next
            try commit(fixture, "Edit \(edit)", by: "Casey Author", at: "2026-11-05T\(String(format: "%02d", edit)):00:00Z")
        }
        let text = try coe(["audit"], in: fixture.path).stdout
        let edits = try #require(text.split(separator: "\n").first { $0.hasPrefix("  edits after approval") })
        #expect(edits.hasPrefix("  edits after approval (10): ") && edits.contains("\"Move A3\" by Casey Author; ")
                && edits.contains("\"Edit 2\" by Casey Author; … 5 more (coe log good-1); ") && edits.hasSuffix("\"Edit 9\" by Casey Author"))
        #expect(!edits.contains("\"Edit 3\"") && !edits.contains("\"Edit 7\""))
        let moves = try #require(text.split(separator: "\n").first { $0.hasPrefix("  A3 due date moved") })
        #expect(moves == "  A3 due date moved 10 times: 2026-11-25 → 2026-12-20, 2026-12-20 → 2027-01-11, 2027-01-11 → 2027-01-12, "
                    + "… 5 more, 2027-01-17 → 2027-01-18, 2027-01-18 → 2027-01-19 (+55 days)")
        let json = try coe(["audit", "--format", "json"], in: fixture.path).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let good = try #require((object["coes"] as? [[String: Any]])?.first { $0["id"] as? String == "good-1" })
        #expect((good["edits_after_approval"] as? [[String: Any]])?.count == 10)
    }
}

@Suite struct DueLineTests {
    @Test func plainDatesAreReadInPlaceAndOtherFormsAreLeftToTheParser() {
        func date(_ line: String) -> String? { Audit.FolderDelta.plainDate(ArraySlice(Array(line.utf8)))?.description }
        #expect(date("due: 2026-12-01") == "2026-12-01")
        #expect(date("due:2026-12-01   # moved once\r") == "2026-12-01")
        #expect(date("due: \"2026-12-01\"") == nil)
        #expect(date("due: 2026-13-01") == nil)
        #expect(date("due: soon") == nil)
    }
}
