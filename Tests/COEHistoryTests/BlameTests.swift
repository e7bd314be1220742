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
        let result = try Blame.blame(directory: folder, parts: [], at: head, root: "coes", limits: .default, in: repository)
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
        let older = try Blame.blame(directory: folder, parts: ["summary"], at: try repository.resolveCommit("HEAD~1"), root: "coes", limits: .default, in: repository)
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

    /// Against git blame itself: random edits of a file with unique lines on two branches merged back
    /// (each branch in its own part of the file, so the merges are clean), then the COE's folder moved.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func linesGoWhereGitBlameSendsThem(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let fixture = try GitFixture()
        var made = 0
        func line() -> String {
            made += 1
            return "line \(made) of seed \(seed)"
        }
        // Two parts (top, bottom) with ten fixed lines between them.
        var top = (0..<6).map { _ in line() }, bottom = (0..<6).map { _ in line() }
        let middle = (0..<10).map { "fixed \($0)" }
        var minute = 0
        try copyTree(exampleCOEDirectory, to: fixture.path + "/\(folder)")
        func write() throws {
            try fixture.write("\(folder)/summary.md", (top + middle + bottom).joined(separator: "\n") + "\n")
            minute += 1
            _ = try fixture.commitAll("edit \(minute)", date: "2026-11-01T1\(minute / 60):\(String(format: "%02d", minute % 60)):00Z")
        }
        func edit(_ part: inout [String]) {
            switch next(3) {
            case 0: part.insert(line(), at: next(part.count + 1))
            case 1 where part.count > 2: part.remove(at: next(part.count))
            default: part[next(part.count)] = line()
            }
        }
        try write()
        for round in 0..<3 {
            try fixture.git(["checkout", "-q", "-b", "side\(round)"])
            let mainBottom = bottom
            for _ in 0..<(2 + next(3)) { edit(&top); try write() }
            let sideTop = top
            try fixture.git(["checkout", "-q", "main"])
            let text = try fixture.scratch.read("\(folder)/summary.md").split(separator: "\n").map(String.init)
            top = Array(text[..<(text.count - middle.count - mainBottom.count)])
            for _ in 0..<(1 + next(3)) { edit(&bottom); try write() }
            _ = try fixture.git(["merge", "-q", "--no-ff", "-m", "merge \(round)", "side\(round)"],
                                environment: GitFixture.identity(date: "2026-11-02T10:0\(round):00Z"))
            top = sideTop
        }
        edit(&bottom)
        try write()
        let repository = try Repository.discover(from: fixture.path)
        func ours(_ folder: String) throws -> [String] {
            let head = try #require(try repository.head())
            let blame = try Blame.blame(directory: folder, parts: ["summary"], at: head, root: "coes", limits: .default, in: repository)
            return try #require(blame.files.first).lines.map(\.commit.hex)
        }
        func git() throws -> [String] {
            try fixture.git(["blame", "--line-porcelain", "\(folder)/summary.md"]).split(separator: "\n")
                .filter { $0.count > 41 && $0.prefix(40).allSatisfy(\.isHexDigit) && $0.dropFirst(40).first == " " }.map { String($0.prefix(40)) }
        }
        let expected = try git()
        #expect(expected.count == top.count + middle.count + bottom.count)
        #expect(try ours(folder) == expected)
        #expect(Set(expected).count > 5, "lines come from many commits, merges' sides included")

        // The folder moved: lines keep their commits (git blame of the new path only sees the move).
        try fixture.write("archive/README", "Old COEs.\n")
        try fixture.git(["mv", folder, "archive/\(exampleCOEID)"])
        _ = try fixture.commitAll("move", date: "2026-11-03T10:00:00Z")
        #expect(try ours("archive/\(exampleCOEID)") == expected)
    }
}

/// The line comparison blame relies on: a longest common subsequence, as a table of all prefixes finds.
@Suite struct LineDiffTests {
    @Test func matchesALongestCommonSubsequence() {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let a = (0..<next(30)).map { _ in next(5) }, b = (0..<next(30)).map { _ in next(5) }
            let matched = LineDiff.matches(old: a, new: b)
            // Pairs in order, of equal lines.
            let pairs = matched.enumerated().compactMap { y, x in x.map { ($0, y) } }
            #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 })
            #expect(pairs.allSatisfy { a[$0.0] == b[$0.1] })
            // As many as the longest common subsequence has.
            var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in a.indices.reversed() {
                for j in b.indices.reversed() { table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1]) }
            }
            #expect(pairs.count == table[0][0], "\(a) \(b)")
        }
    }

    /// Every other line of 4,000 changed: 4,000 edits, past the limit. The common start and end are
    /// kept and the lines between taken as changed; within the limit, the unchanged ones are found.
    @Test func editsBeyondTheLimitLeaveTheMiddleChanged() {
        func versions(_ count: Int) -> (old: [String], new: [String]) {
            let old = ["same start"] + (0..<count).map { "line \($0)" } + ["same end"]
            let new = ["same start"] + (0..<count).map { $0 % 2 == 0 ? "line \($0)" : "changed \($0)" } + ["same end"]
            return (old, new)
        }
        let beyond = versions(4_000)
        let matched = LineDiff.matches(old: beyond.old, new: beyond.new)
        #expect(matched.first == 0 && matched.last == beyond.old.count - 1)
        #expect(matched.dropFirst(2).dropLast().allSatisfy { $0 == nil })
        let within = versions(1_000)
        #expect(LineDiff.matches(old: within.old, new: within.new).compactMap { $0 }.count == 2 + 500)
    }
}
