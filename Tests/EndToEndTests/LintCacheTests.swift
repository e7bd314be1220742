import Foundation
import PropertyBased
import Testing
import TestSupport

/// `coe lint`'s findings cache (`FindingsCache`) is an optimisation only: after any edit, the real `coe lint`
/// gives with its cache exactly what it gives with `--no-cache`, from the work tree and from the index; a
/// damaged cache is rebuilt.
@Suite struct LintCacheTests {
    /// The example COE (closed), a draft copy and a copy in review, with the same root causes (W7 names the
    /// first), one naming another in `related` (S4), their items open and due in December (A5 reads the date).
    static let ids = [exampleCOEID, "2026-11-20-q8x2m4k7pw", "2026-11-21-w4p8d2k9xm"]

    func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: coes\n")
        for (index, id) in Self.ids.enumerated() {
            let folder = "coes/\(id)"
            try copyExampleCOE(to: fixture.path + "/" + folder)
            guard index > 0 else { continue }
            try fixture.write("\(folder)/coe.yaml", try fixture.scratch.read("\(folder)/coe.yaml")
                .replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)")
                .replacingOccurrences(of: "status: closed", with: index == 1 ? "status: draft" : "status: review")
                .replacingOccurrences(of: "created: 2026-10-14", with: "created: 2026-11-\(19 + index)")
                .replacingOccurrences(of: "related: []", with: "related: [\(Self.ids[index - 1])]"))
            for item in 1...6 {
                let path = "\(folder)/actions/A\(item).yaml"
                let kept = try fixture.scratch.read(path).split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                    !["status:", "done_on:", "done_by:", "evidence:"].contains { line.hasPrefix($0) }
                }.map { $0.hasPrefix("due:") ? "due: 2026-12-0\(item)" : String($0) }
                try fixture.write(path, kept.joined(separator: "\n"))
            }
        }
        try fixture.commitAll("Three COEs")
        // Files changed within two seconds of a run are linted but not kept (a file system stamping in whole
        // seconds could change one again unseen): let these age, so that the first run keeps every COE.
        usleep(2_100_000)
        return fixture
    }

    /// `coe lint`'s JSON and exit status.
    func lint(_ fixture: GitFixture, cached: Bool, staged: Bool = false, today: String) throws -> String {
        var arguments = ["lint", "--format", "json", "--today", today]
        if staged { arguments.append("--staged") }
        if !cached { arguments.append("--no-cache") }
        let result = try coe(arguments, in: fixture.path)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return "exit \(result.status)\n\(result.stdout)"
    }

    var cacheFile: String { "/.git/coe/lint-cache" }

    /// One random edit of the kinds people make, from `seed`: a line changed, a file deleted, a why added,
    /// coe.yaml edited, the configuration edited, an action item moved, a COE added or removed.
    func edit(_ fixture: GitFixture, seed: Int) throws -> String {
        let id = Self.ids[seed % Self.ids.count]
        let folder = "coes/\(id)"
        let exists = FileManager.default.fileExists(atPath: fixture.path + "/" + folder + "/coe.yaml")
        let files = ["summary.md", "impact.md", "analysis.md", "whys.yaml", "timeline.yaml", "coe.yaml", "actions/A2.yaml", "lessons.yaml"]
        let file = "\(folder)/\(files[(seed / 7) % files.count])"
        func change(_ path: String, _ body: (String) -> String) throws {
            guard let text = try? fixture.scratch.read(path) else { return }
            try fixture.write(path, body(text))
        }
        switch seed % 8 {
        case 0:
            // A line changed: a blame word, a vague time, or the line gone.
            try change(file) { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                guard !lines.isEmpty else { return text }
                let at = (seed / 3) % lines.count
                switch (seed / 11) % 3 {
                case 0: lines[at] += " Bob was careless"
                case 1: lines[at] += " around noon"
                default: lines.remove(at: at)
                }
                return lines.joined(separator: "\n")
            }
            return "changed a line of \(file)"
        case 1:
            try? FileManager.default.removeItem(atPath: fixture.path + "/" + file)
            return "deleted \(file)"
        case 2:
            // A why added: a root cause like another COE's, or a new one, with a suppression of W7 or not.
            let cause = (seed / 5) % 2 == 0 ? "The pipeline's design had no recovery-time objective for rollbacks."
                : "Nobody owned the alert routing table after the team split."
            let suppression = (seed / 13) % 3 == 0 ? "    # coe-ignore W7: the same cause, tracked in A6\n" : ""
            try change("\(folder)/whys.yaml") { $0 + "  - why: Why was it slow?\n\(suppression)    because: \(cause)\n    root_cause: true\n    actions: [A6]\n" }
            return "added a why to \(folder)"
        case 3:
            let edits: [(String, String)] = [("status: draft", "status: review"), ("status: review", "status: closed"), ("status: closed", "status: draft"),
                                             ("related: [", "related: [2026-01-01-kkkkkkkkkk, "), ("created: 2026-1", "created: 2026-0")]
            let (from, to) = edits[(seed / 3) % edits.count]
            try change("\(folder)/coe.yaml") { $0.replacingOccurrences(of: from, with: to) }
            return "coe.yaml of \(folder): \(from) → \(to)"
        case 4:
            let configurations = ["root: coes\n", "root: coes\nrules:\n  W7: off\n", "root: coes\nrules:\n  A5: error\n  B4: off\n",
                                  "root: coes\nsearch:\n  repeat_similarity: 90\n", "root: coes\nroster: [Bob Marley]\ndays_to_complete: 60\n"]
            let text = configurations[(seed / 3) % configurations.count]
            try fixture.write(".coe.yaml", text)
            return "configuration: \(text)"
        case 5:
            try change("\(folder)/actions/A\(1 + (seed / 3) % 6).yaml") { text in
                text.contains("status:") ? text.replacingOccurrences(of: "status: done", with: "status: open")
                    : text + "status: done\ndone_on: 2026-11-30\ndone_by: payments on-call engineer\n"
            }
            return "moved an action item of \(folder)"
        case 6:
            if exists {
                try FileManager.default.removeItem(atPath: fixture.path + "/" + folder)
                return "removed \(folder)"
            }
            try copyExampleCOE(to: fixture.path + "/" + folder)
            try change("\(folder)/coe.yaml") { $0.replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)") }
            return "added \(folder) again"
        default:
            try change(file) { $0.replacingOccurrences(of: "e", with: "é") }
            return "accents in \(file)"
        }
    }

    @Test func cachedAndUncachedFindingsAgreeAfterRandomEdits() async throws {
        await propertyCheck(count: 4, input: Gen.int(in: 0...1_000_000).array(of: 6...8)) { seeds in
            do {
                let fixture = try repository()
                var today = "2026-12-03"
                #expect(try lint(fixture, cached: true, today: today) == lint(fixture, cached: false, today: today))
                #expect(FileManager.default.fileExists(atPath: fixture.path + cacheFile))
                for (step, seed) in seeds.enumerated() {
                    let done = try edit(fixture, seed: seed)
                    // Another day now and then: the records whose rules read the date are for their day only.
                    if seed % 5 == 0 { today = today == "2026-12-03" ? "2026-12-09" : "2026-12-03" }
                    #expect(try lint(fixture, cached: true, today: today) == lint(fixture, cached: false, today: today), "after \(done)")
                    // And again with nothing changed: from the cache alone.
                    #expect(try lint(fixture, cached: true, today: today) == lint(fixture, cached: false, today: today), "again after \(done)")
                    if step % 2 == 1 {
                        _ = try fixture.git(["add", "-A"])
                        #expect(try lint(fixture, cached: true, staged: true, today: today) == lint(fixture, cached: false, staged: true, today: today),
                                "staged, after \(done)")
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// An edit keeping the file's size and putting its modification time back (as an edit within the same second
    /// looks on a file system that stamps in whole seconds) is still seen: the change time moves.
    @Test func anEditKeepingSizeAndModificationTimeIsSeen() throws {
        let fixture = try repository()
        let today = "2026-12-03"
        let before = try lint(fixture, cached: true, today: today)
        let path = fixture.path + "/coes/\(exampleCOEID)/analysis.md"
        var info = stat()
        #expect(lstat(path, &info) == 0)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try #require(lines.firstIndex { $0.utf8.count > 40 && $0.utf8.count == $0.count && !$0.hasPrefix("#") })
        lines[at] = "Bob was careless" + lines[at].dropFirst(16)
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(lstat(path, &after) == 0 && after.st_size == info.st_size && after.st_mtim.tv_sec == info.st_mtim.tv_sec)
        let expected = try lint(fixture, cached: false, today: today)
        #expect(expected != before, "the edit is one the rules see")
        #expect(try lint(fixture, cached: true, today: today) == expected)
        // Once old enough to be kept, and from the cache.
        usleep(2_100_000)
        #expect(try lint(fixture, cached: true, today: today) == expected)
        #expect(try lint(fixture, cached: true, today: today) == expected)
    }

    @Test func aDamagedCacheIsRebuiltSilently() throws {
        let fixture = try repository()
        let today = "2026-12-03"
        let expected = try lint(fixture, cached: false, today: today)
        #expect(!FileManager.default.fileExists(atPath: fixture.path + cacheFile), "--no-cache writes no cache")
        #expect(try lint(fixture, cached: true, today: today) == expected)
        let whole = try Data(contentsOf: URL(fileURLWithPath: fixture.path + cacheFile))
        #expect(whole.count > 1_000)
        // Cut short, a byte changed, another file: the same findings, and the cache written whole again.
        var flipped = whole
        flipped[whole.count / 2] ^= 0x20
        for damaged in [whole.prefix(whole.count / 2), flipped, Data("coe-read-cache\u{1}".utf8)] {
            try damaged.write(to: URL(fileURLWithPath: fixture.path + cacheFile))
            let result = try coe(["lint", "--format", "json", "--today", today], in: fixture.path)
            #expect("exit \(result.status)\n\(result.stdout)" == expected)
            #expect(result.stderr.isEmpty, "\(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path + cacheFile)) == whole)
        }
        // Nothing changed: used as it is, and not written again.
        let before = try FileManager.default.attributesOfItem(atPath: fixture.path + cacheFile)[.modificationDate] as? Date
        #expect(try lint(fixture, cached: true, today: today) == expected)
        #expect(try FileManager.default.attributesOfItem(atPath: fixture.path + cacheFile)[.modificationDate] as? Date == before)
    }
}
