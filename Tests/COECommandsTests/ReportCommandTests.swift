import COEApp
import Foundation
import Testing
import TestSupport

/// `coe report` on a real repository whose history has fixed dates; every figure is worked out by hand
/// in the comments and compared with the JSON, and the three formats are kept as golden files.
@Suite struct ReportCommandTests {
    static let a = "2026-10-14-k7qm3xv9dh", b = "2026-11-02-q8x2m4k7pw", c = "2026-11-20-m3n4p5q6r7", d = "2026-08-10-a2b3c4d5e6"
    static let now = "2026-11-30T12:00:00Z"

    /// One action file.
    static func action(_ owner: String, _ priority: String, due: String, status: String, doneOn: String? = nil, more: String = "") -> String {
        "title: Alarm on the checkout error rate per region\ndescription: An alarm per region.\nowner: \(owner)\npriority: \(priority)\n"
            + "due: \(due)\nticket: PAY-1\nstatus: \(status)\n" + (doneOn.map { "done_on: \($0)\ndone_by: \(owner)\n" } ?? "") + more
    }

    /// Four COEs (the example's text, with their own metadata and action items), committed as their
    /// review went (the audit reads status moves and due-date moves from these commits):
    ///
    /// | COE | created | severity | status | history |
    /// | --- | --- | --- | --- | --- |
    /// | A | 2026-10-14 | SEV-2 | closed | draft 10-14, review 10-20 10:00, approved 10-22 10:00, published 10-23, A3 due 10-25 → 11-25 on 11-10, closed 11-29 |
    /// | B | 2026-11-02 | SEV-1 | review | draft 11-02, review 11-05 |
    /// | C | 2026-11-20 | SEV-2 | draft  | draft 11-20 (no detection time anywhere) |
    /// | D | 2026-08-10 | SEV-3 | draft  | draft 08-10 (before --since) |
    ///
    /// Event times (start of impact → detected, mitigated, end): A (the example) 09:12 → 09:19, 09:58, 10:06,
    /// that is 420 s, 2760 s, 3240 s; B 20:00 → 20:30, 22:00, 02:00 next day: 1800 s, 7200 s, 21600 s;
    /// C as A without a detection time: -, 2760 s, 3240 s.
    ///
    /// Action items (owner: dtt deployment tooling team, ppt payments platform team, pt payments team):
    ///
    /// | item | owner | priority | due | status | done_on |
    /// | --- | --- | --- | --- | --- | --- |
    /// | A.A1 | ppt | high | 10-30 | done | 11-03 (late) |
    /// | A.A2 | dtt | high | 11-20 | done | 11-18 |
    /// | A.A3 | dtt | high | 11-25 (10-25 until 11-10: slipped) | done | 11-12 |
    /// | A.A4 | pt | high | 10-23 | done | 10-21 |
    /// | A.A5 | dtt | high | 11-06 | done | 11-04 |
    /// | A.A6 | dtt | high | 11-27 | done | 11-28 (late) |
    /// | B.A1 | ppt | medium | 2027-01-15 (a slips entry: slipped) | in-progress | |
    /// | B.A2 | dtt | high | 11-20 | open (overdue on 11-30) | |
    /// | B.A3 | dtt | high | 11-25 | done | 11-12 |
    /// | B.A4 | pt | high | 10-23 | done | 10-21 |
    /// | B.A5 | dtt | high | 11-06 | replaced | |
    /// | B.A6 | dtt | high | 11-27 | done | 11-19 |
    /// | C.A1 | ppt | high | 12-10 | open | |
    /// | D.A1 | pt | low | 08-20 | open (overdue) | |
    static func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.git(["config", "commit.gpgsign", "false"])
        try fixture.write(".coe.yaml", "root: coes\n")
        func coe(_ id: String, severity: String, created: String, event: [String: String] = [:], actions: [String: String]) throws {
            let folder = "coes/\(id)"
            try copyExampleCOE(to: fixture.path + "/" + folder)
            try FileManager.default.removeItem(atPath: fixture.path + "/\(folder)/actions")
            var metadata = try fixture.scratch.read("\(folder)/coe.yaml")
                .replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)")
                .replacingOccurrences(of: "severity: SEV-2", with: "severity: \(severity)")
                .replacingOccurrences(of: "status: closed", with: "status: draft")
                .replacingOccurrences(of: "created: 2026-10-14", with: "created: \(created)")
            for (key, value) in event {
                metadata = metadata.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
                    guard line.hasPrefix("  \(key):") else { return String(line) }
                    return value.isEmpty ? nil : "  \(key): \(value)"
                }.joined(separator: "\n")
            }
            try fixture.write("\(folder)/coe.yaml", metadata)
            for (name, text) in actions { try fixture.write("\(folder)/actions/\(name).yaml", text) }
        }
        func status(_ id: String, _ status: String) throws {
            let file = "coes/\(id)/coe.yaml"
            let text = try fixture.scratch.read(file)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("status: ") })
            try fixture.write(file, text.replacingOccurrences(of: String(line), with: "status: \(status)"))
        }
        let dtt = "deployment tooling team", ppt = "payments platform team", pt = "payments team"
        try coe(a, severity: "SEV-2", created: "2026-10-14", actions: [
            "A1": action(ppt, "high", due: "2026-10-30", status: "open"), "A2": action(dtt, "high", due: "2026-11-20", status: "open"),
            "A3": action(dtt, "high", due: "2026-10-25", status: "open"), "A4": action(pt, "high", due: "2026-10-23", status: "open"),
            "A5": action(dtt, "high", due: "2026-11-06", status: "open"), "A6": action(dtt, "high", due: "2026-11-27", status: "open")])
        try fixture.commitAll("Add COE A", date: "2026-10-14T10:00:00Z")
        try status(a, "review")
        try fixture.commitAll("Submit A", date: "2026-10-20T10:00:00Z")
        try status(a, "approved")
        try fixture.commitAll("Approve A", date: "2026-10-22T10:00:00Z")
        try status(a, "published")
        try fixture.commitAll("Publish A", date: "2026-10-23T10:00:00Z")
        try coe(b, severity: "SEV-1", created: "2026-11-02",
                event: ["start": "2026-11-01T20:00:00Z", "detected": "2026-11-01T20:30:00Z", "mitigated": "2026-11-01T22:00:00Z",
                        "end": "2026-11-02T02:00:00Z"],
                actions: [
                    "A1": action(ppt, "medium", due: "2027-01-15", status: "in-progress", more: """
                        slips:
                          - date: 2026-11-25
                            from: 2026-12-15
                            to: 2027-01-15
                            reason: The vendor's fix comes in January.

                        """),
                    "A2": action(dtt, "high", due: "2026-11-20", status: "open"),
                    "A3": action(dtt, "high", due: "2026-11-25", status: "done", doneOn: "2026-11-12"),
                    "A4": action(pt, "high", due: "2026-10-23", status: "done", doneOn: "2026-10-21"),
                    "A5": action(dtt, "high", due: "2026-11-06", status: "replaced", more: "replaced_by: A6\n"),
                    "A6": action(dtt, "high", due: "2026-11-27", status: "done", doneOn: "2026-11-19")])
        try fixture.commitAll("Add COE B", date: "2026-11-02T09:00:00Z")
        try status(b, "review")
        try fixture.commitAll("Submit B", date: "2026-11-05T12:00:00Z")
        try fixture.write("coes/\(a)/actions/A3.yaml", action(dtt, "high", due: "2026-11-25", status: "open"))
        try fixture.commitAll("Move A3's due date", date: "2026-11-10T10:00:00Z")
        try coe(c, severity: "SEV-2", created: "2026-11-20", event: ["detected": ""],
                actions: ["A1": action(ppt, "high", due: "2026-12-10", status: "open")])
        // C is secure (P9): counted as any other, as coe list and coe actions list it.
        let secure = try fixture.scratch.read("coes/\(c)/coe.yaml")
        try fixture.write("coes/\(c)/coe.yaml", secure.replacingOccurrences(of: "confidentiality: team-only", with: "confidentiality: secure"))
        let timeline = try fixture.scratch.read("coes/\(c)/timeline.yaml")
        try fixture.write("coes/\(c)/timeline.yaml", timeline.replacingOccurrences(of: "  milestone: DETECTION\n", with: ""))
        try coe(d, severity: "SEV-3", created: "2026-08-10", actions: ["A1": action(pt, "low", due: "2026-08-20", status: "open")])
        try fixture.commitAll("Add COEs C and D", date: "2026-11-20T10:00:00Z")
        for (name, due, done) in [("A1", "2026-10-30", "2026-11-03"), ("A2", "2026-11-20", "2026-11-18"), ("A3", "2026-11-25", "2026-11-12"),
                                  ("A4", "2026-10-23", "2026-10-21"), ("A5", "2026-11-06", "2026-11-04"), ("A6", "2026-11-27", "2026-11-28")] {
            let owner = name == "A1" ? ppt : name == "A4" ? pt : dtt
            try fixture.write("coes/\(a)/actions/\(name).yaml", action(owner, "high", due: due, status: "done", doneOn: done))
        }
        try status(a, "closed")
        try fixture.commitAll("Close A", date: "2026-11-29T10:00:00Z")
        return fixture
    }

    static func run(_ arguments: [String], in fixture: GitFixture) -> ProcessResult {
        coeInProcess(arguments, in: fixture.path, environment: ["COE_NOW": now])
    }

    static func object(_ value: Any?, _ path: String...) -> Any? {
        path.reduce(value) { ($0 as? [String: Any])?[$1] }
    }

    @Test func everyFigureAsWorkedOutByHand() throws {
        let fixture = try Self.repository()
        let period = ["--since", "2026-09-01", "--until", "2026-11-30", "--today", "2026-11-30"]
        let result = Self.run(["report", "--format", "json"] + period, in: fixture)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        func value(_ path: String...) -> Any? { path.reduce(json as Any?) { ($0 as? [String: Any])?[$1] } }
        func int(_ path: String...) -> Int? { path.reduce(json as Any?) { ($0 as? [String: Any])?[$1] } as? Int }

        // Selected by created date within 2026-09-01…2026-11-30: A, B, C (D, created 08-10, is not).
        #expect(int("coes", "total") == 3)
        #expect(value("coes", "by_status") as? [String: Int] == ["draft": 1, "review": 1, "approved": 0, "published": 0, "closed": 1])
        #expect(value("coes", "by_severity") as? [String: Int] == ["SEV-1": 1, "SEV-2": 2, "SEV-3": 0, "SEV-4": 0, "SEV-5": 0])
        #expect(int("coes", "by_severity_and_status", "SEV-2", "draft") == 1 && int("coes", "by_severity_and_status", "SEV-2", "closed") == 1)
        // P5 on 2026-11-30 (limit 14 days): B in review since created 11-02 is 28 days old; C, a draft of 11-20, 10 days.
        let languishing = try #require(value("languishing", "coes") as? [[String: Any]])
        #expect(languishing.count == 1 && languishing[0]["id"] as? String == Self.b && languishing[0]["age_days"] as? Int == 28
                && languishing[0]["status"] as? String == "review", "\(languishing)")
        // A was approved 10-22, 8 days after its creation: in time. B languishes. C is a young draft: neither.
        #expect(value("completion") as? [String: Int] == ["limit_days": 14, "in_time": 1, "late": 0, "languishing": 1, "unknown": 0])

        // Detect: A 420, B 1800 (C has no detection time: skipped). Nearest rank of 2 values: median rank
        // ⌈0.5 × 2⌉ = 1 → 420; p90 rank ⌈0.9 × 2⌉ = 2 → 1800.
        #expect(value("response_times", "all", "detect") as? [String: Int] == ["count": 2, "skipped": 1, "median_seconds": 420, "p90_seconds": 1800])
        // Mitigate: sorted 2760 (A), 2760 (C), 7200 (B): median rank 2 → 2760; p90 rank ⌈2.7⌉ = 3 → 7200.
        #expect(value("response_times", "all", "mitigate") as? [String: Int] == ["count": 3, "skipped": 0, "median_seconds": 2760, "p90_seconds": 7200])
        // Impact: 3240, 3240, 21600 → median 3240, p90 21600.
        #expect(value("response_times", "all", "impact") as? [String: Int] == ["count": 3, "skipped": 0, "median_seconds": 3240, "p90_seconds": 21600])
        // Per severity: SEV-1 is B alone; SEV-2 is A and C (C skipped for detection); SEV-3 has none here (null).
        #expect(value("response_times", "SEV-1", "impact") as? [String: Int] == ["count": 1, "skipped": 0, "median_seconds": 21600, "p90_seconds": 21600])
        #expect(value("response_times", "SEV-2", "detect") as? [String: Int] == ["count": 1, "skipped": 1, "median_seconds": 420, "p90_seconds": 420])
        let none = try #require(value("response_times", "SEV-3", "detect") as? [String: Any])
        #expect(none["count"] as? Int == 0 && none["median_seconds"] is NSNull && none["p90_seconds"] is NSNull, "\(none)")

        // Review: A entered review 10-20 10:00 and was approved 10-22 10:00: 48 h = 172800 s. B is not approved.
        #expect(value("review_time") as? [String: Int] == ["count": 1, "skipped": 0, "median_seconds": 172_800, "p90_seconds": 172_800])

        // Actions of A, B, C: 13. Open: B.A1, B.A2, C.A1. Done: A's six, B.A3, B.A4, B.A6 = 9. Replaced: B.A5.
        // Overdue on 11-30: B.A2 (due 11-20). Done late: A.A1 (11-03 > 10-30), A.A6 (11-28 > 11-27).
        // Slipped: A.A3 (history: 10-25 → 11-25), B.A1 (a slips entry).
        #expect(value("actions", "all") as? [String: Int]
                == ["total": 13, "open": 3, "done": 9, "replaced": 1, "overdue": 1, "done_late": 2, "slipped": 2])
        let owners = try #require(value("actions", "by_owner") as? [[String: Any]])
        #expect(owners.map { $0["owner"] as? String } == ["deployment tooling team", "payments platform team", "payments team"])
        // dtt: A.A2 A.A3 A.A5 A.A6 B.A2 B.A3 B.A5 B.A6 = 8; open B.A2; done 6; replaced B.A5; overdue B.A2; late A.A6; slipped A.A3.
        #expect(owners[0]["total"] as? Int == 8 && owners[0]["open"] as? Int == 1 && owners[0]["done"] as? Int == 6
                && owners[0]["replaced"] as? Int == 1 && owners[0]["overdue"] as? Int == 1 && owners[0]["done_late"] as? Int == 1
                && owners[0]["slipped"] as? Int == 1, "\(owners[0])")
        // ppt: A.A1 (done late), B.A1 (open, slipped), C.A1 (open).
        #expect(owners[1]["total"] as? Int == 3 && owners[1]["open"] as? Int == 2 && owners[1]["done"] as? Int == 1
                && owners[1]["done_late"] as? Int == 1 && owners[1]["slipped"] as? Int == 1 && owners[1]["overdue"] as? Int == 0, "\(owners[1])")
        // pt: A.A4, B.A4, both done on time.
        #expect(owners[2]["total"] as? Int == 2 && owners[2]["done"] as? Int == 2 && owners[2]["done_late"] as? Int == 0, "\(owners[2])")
        // By priority: B.A1 is the only medium; the other 12 are high.
        #expect(value("actions", "by_priority", "medium") as? [String: Int]
                == ["total": 1, "open": 1, "done": 0, "replaced": 0, "overdue": 0, "done_late": 0, "slipped": 1])
        #expect(value("actions", "by_priority", "high") as? [String: Int]
                == ["total": 12, "open": 2, "done": 9, "replaced": 1, "overdue": 1, "done_late": 2, "slipped": 1])
        #expect(int("actions", "by_priority", "low", "total") == 0 && int("actions", "by_priority", "none", "total") == 0)
        // A is the one closed COE, every item done: 1 of 1.
        let closing = try #require(value("closed_with_every_action_done") as? [String: Any])
        #expect(closing["closed"] as? Int == 1 && closing["every_action_done"] as? Int == 1 && closing["share"] as? Double == 1.0)

        // Months 2026-09 to 2026-11.
        // Opened: A in October; B and C in November. Closed: A on 11-29.
        // Due (as dates stand now): October A.A1 10-30, A.A4 10-23, B.A4 10-23 = 3; November A.A2 A.A3 A.A5 A.A6
        // B.A2 B.A3 B.A5 B.A6 = 8.
        // Done (done_on): October A.A4 10-21, B.A4 10-21 = 2; November A.A1 A.A2 A.A3 A.A5 A.A6 B.A3 B.A6 = 7.
        // Overdue at month end: September, no COE yet: 0. October 31, A's items only: A.A1 (due 10-30, done 11-03)
        // and A.A3 (due 10-25 as it stood then; moved on 11-10; done 11-12) = 2. November 30: B.A2 = 1.
        let months = try #require(value("months") as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2026-09", "2026-10", "2026-11"])
        #expect(months.map { $0["coes_opened"] as? Int } == [0, 1, 2])
        #expect(months.map { $0["coes_closed"] as? Int } == [0, 0, 1])
        #expect(months.map { $0["actions_due"] as? Int } == [0, 3, 8])
        #expect(months.map { $0["actions_done"] as? Int } == [0, 2, 7])
        #expect(months.map { $0["overdue_at_month_end"] as? Int } == [0, 2, 1])
        #expect((value("unreadable") as? [Any])?.isEmpty == true)
        #expect(value("period") as? [String: String] == ["since": "2026-09-01", "until": "2026-11-30", "today": "2026-11-30", "selected_by": "created"])
    }

    @Test func withoutSinceEveryCOEUpToUntilCounts() throws {
        let fixture = try Self.repository()
        let result = Self.run(["report", "--format", "json", "--today", "2026-11-30"], in: fixture)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        // D counts too: 4 COEs; D, a draft of 08-10, languishes 112 days (listed first, the oldest).
        #expect(Self.object(json, "coes", "total") as? Int == 4)
        let languishing = try #require(Self.object(json, "languishing", "coes") as? [[String: Any]])
        #expect(languishing.map { $0["id"] as? String } == [Self.d, Self.b] && languishing[0]["age_days"] as? Int == 112)
        // The months run from D's (2026-08) to today's; D.A1 (due 08-20, open) is overdue at every month end from August.
        let months = try #require(Self.object(json, "months") as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2026-08", "2026-09", "2026-10", "2026-11"])
        #expect(months.map { $0["overdue_at_month_end"] as? Int } == [1, 1, 3, 2])
        // --until before a month has begun leaves out the COEs created after it; a month after today has no overdue figure.
        let future = Self.run(["report", "--format", "json", "--since", "2026-11-01", "--until", "2026-12-31", "--today", "2026-11-30"], in: fixture)
        let later = try #require(Self.object(try JSONSerialization.jsonObject(with: Data(future.stdout.utf8)), "months") as? [[String: Any]])
        #expect(later.count == 2 && later[1]["overdue_at_month_end"] is NSNull, "\(later)")
    }

    @Test func textMarkdownAndJSONAgainstGoldenFiles() throws {
        let fixture = try Self.repository()
        let period = ["--since", "2026-09-01", "--until", "2026-11-30", "--today", "2026-11-30"]
        for (format, name) in [("text", "text"), ("markdown", "markdown"), ("json", "json")] {
            let arguments = ["report", "--format", format] + period
            let result = Self.run(arguments, in: fixture)
            #expect(result.status == 0, "\(result.stderr)")
            Golden.check(Golden.transcript(arguments, result), "report/\(name).txt")
        }
        // The Markdown's sparklines are inline SVG, each with a title that says its values.
        let markdown = Self.run(["report", "--format", "markdown"] + period, in: fixture).stdout
        #expect(markdown.contains("<title>overdue at month end per month: 0, 2, 1</title>"), "\(markdown)")
        #expect(!markdown.contains("href") && !markdown.contains("<image"), "no external resources")
        // The text's sparklines: 0, 2, 1 overdue → ▁█▅ (2 is the top; 1 is 0.5 × 7 = 3.5, rounded to 4 steps up, ▅).
        let text = Self.run(["report"] + period, in: fixture).stdout
        #expect(text.contains("▁█▅"), "\(text)")
        // COEs are named by id only: no title (the example's, which every COE here shares) in any format, so no
        // secure COE's content (C's) appears.
        for format in ["text", "markdown", "json"] {
            let output = Self.run(["report", "--format", format] + period, in: fixture).stdout
            #expect(!output.contains("Customers unable to complete checkout"), "\(format)")
        }
    }

    @Test func aShallowCloneIsRefused() throws {
        let fixture = try Self.repository()
        let clone = try ScratchFolder("coe-shallow")
        try TestSupport.run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://" + fixture.path, "."], in: clone.path)
        let result = coeInProcess(["report", "--today", "2026-11-30"], in: clone.path, environment: ["COE_NOW": Self.now])
        #expect(result.status == 2 && result.stderr.contains("git fetch --unshallow"), "\(result.stderr)")
    }

    @Test func anUnreadableCOEIsNamedCountedOutAndFailsTheRun() throws {
        let fixture = try Self.repository()
        try fixture.write("coes/2026-11-25-zzzzzzzzzz/coe.yaml", "id: [\n")
        let text = Self.run(["report", "--since", "2026-09-01", "--today", "2026-11-30"], in: fixture)
        #expect(text.status == 1)
        #expect(text.stdout.contains("coes/2026-11-25-zzzzzzzzzz: could not be read; not counted") && text.stdout.contains("COEs: 3\n"),
                "\(text.stdout)")
        let json = Self.run(["report", "--format", "json", "--since", "2026-09-01", "--today", "2026-11-30"], in: fixture)
        #expect(json.status == 1 && json.stderr == "coe: coes/2026-11-25-zzzzzzzzzz could not be read; it is not counted\n", "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        #expect(Self.object(object, "unreadable") as? [String] == ["coes/2026-11-25-zzzzzzzzzz"] && Self.object(object, "coes", "total") as? Int == 3)
        // A timeline is read only where coe.yaml lacks an event time: B's broken timeline is not read (B gives all
        // four times); C's is (C has no detection time), and C cannot be read.
        try fixture.write("coes/\(Self.b)/timeline.yaml", "- at: [\n")
        try fixture.write("coes/\(Self.c)/timeline.yaml", "- at: [\n")
        let timelines = Self.run(["report", "--format", "json", "--since", "2026-09-01", "--today", "2026-11-30"], in: fixture)
        let read = try JSONSerialization.jsonObject(with: Data(timelines.stdout.utf8))
        #expect(timelines.status == 1 && Self.object(read, "unreadable") as? [String] == ["coes/\(Self.c)", "coes/2026-11-25-zzzzzzzzzz"]
                && Self.object(read, "coes", "total") as? Int == 2, "\(timelines.stdout)")
    }

    @Test func badDatesAreUsageErrors() throws {
        let fixture = try GitFixture()
        let month = Self.run(["report", "--since", "2026-13-01"], in: fixture)
        #expect(month.status == 2 && month.stderr.contains("The value '2026-13-01' is invalid for '--since <date>'"), "\(month.stderr)")
        let order = Self.run(["report", "--since", "2026-11-01", "--until", "2026-10-01"], in: fixture)
        #expect(order.status == 2 && order.stderr.contains("--until 2026-10-01 is before --since 2026-11-01"), "\(order.stderr)")
        // --since after today, with --until left to default to today.
        let late = Self.run(["report", "--since", "2026-12-05", "--today", "2026-11-30"], in: fixture)
        #expect(late.status == 2 && late.stderr.contains("--since 2026-12-05 is after today, 2026-11-30"), "\(late.stderr)")
    }

    @Test func aRepositoryWithoutCommitsHasNoHistoryFigures() throws {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: coes\n")
        try copyExampleCOE(to: fixture.path + "/coes/\(exampleCOEID)")
        let result = Self.run(["report", "--format", "json", "--today", "2026-11-30"], in: fixture)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        // The example is closed, so approved: with no history its approval's date is unknown, and no review time.
        #expect(Self.object(json, "completion", "unknown") as? Int == 1)
        let review = try #require(Self.object(json, "review_time") as? [String: Any])
        #expect(review["count"] as? Int == 0 && review["skipped"] as? Int == 1 && review["median_seconds"] is NSNull
                && review["p90_seconds"] is NSNull, "\(review)")
    }

    /// Nearest rank: the value at rank ⌈p × n / 100⌉ of the sorted values.
    @Test func nearestRank() {
        let ten: [Int64] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
        #expect(nearestRankPercentile(50, of: ten) == 5)   // rank 5
        #expect(nearestRankPercentile(90, of: ten) == 9)   // rank 9
        #expect(nearestRankPercentile(90, of: ten + [11]) == 10)   // rank ⌈9.9⌉ = 10
        #expect(nearestRankPercentile(50, of: [7]) == 7 && nearestRankPercentile(90, of: [7]) == 7)
        #expect(nearestRankPercentile(50, of: []) == nil)
        #expect(ReportRenderer.blocks([0, 7, 14, nil]) == "▁▅█ ")
    }
}
