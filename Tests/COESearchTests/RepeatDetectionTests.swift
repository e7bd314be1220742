import Foundation
import Testing
import TestSupport

/// Lint rule W7 (a root cause seen before) through the real `coe lint` and `coe submit`.
@Suite struct RepeatDetectionTests {
    static let later = "2026-11-20-q8x2m4k7pw"

    /// The example COE, and a later draft copy of it with the same root causes, its items open and due 2026-12-20.
    func repository() throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: coes\n")
        try copyExampleCOE(to: fixture.path + "/coes/\(exampleCOEID)")
        let folder = "coes/\(Self.later)"
        try copyExampleCOE(to: fixture.path + "/" + folder)
        try fixture.write("\(folder)/coe.yaml", try fixture.scratch.read("\(folder)/coe.yaml")
            .replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(Self.later)").replacingOccurrences(of: "status: closed", with: "status: draft")
            .replacingOccurrences(of: "created: 2026-10-14", with: "created: 2026-11-20"))
        for item in 1...6 {
            let path = "\(folder)/actions/A\(item).yaml"
            let kept = try fixture.scratch.read(path).split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                !["status:", "done_on:", "done_by:", "evidence:"].contains { line.hasPrefix($0) }
            }.map { $0.hasPrefix("due:") ? "due: 2026-12-20" : String($0) }
            try fixture.write(path, kept.joined(separator: "\n"))
        }
        try fixture.commitAll("Two COEs with the same root causes")
        return fixture
    }

    func repeats(_ fixture: GitFixture, today: String = "2026-11-22", errorsAllowed: Bool = false) throws -> [String] {
        let result = try coe(["lint", "--format", "json", "--today", today], in: fixture.path)
        #expect(result.status == 0 || errorsAllowed && result.status == 1, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (object["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "W7" }.map {
            "\($0["coe"] as? String ?? ""):\($0["line"] as? Int ?? 0) \($0["message"] as? String ?? "")"
        }
    }

    @Test func aRepeatedRootCauseNamesTheEarlierCOEAndItsActions() throws {
        let fixture = try repository()
        let found = try repeats(fixture)
        // Six root causes, each flagged once, in the later COE only, naming the earlier one and its item.
        #expect(found.count == 6, "\(found)")
        #expect(found.allSatisfy { $0.hasPrefix(Self.later) && $0.contains("root cause of COE \(exampleCOEID) (created 2026-10-14") })
        #expect(found.contains { $0.hasPrefix("\(Self.later):15 ") && $0.contains("its action A1 was closed on 2026-10-28") }, "\(found)")
        // The earlier COE's item still open and overdue: said so, with the days.
        let a1 = "coes/\(exampleCOEID)/actions/A1.yaml"
        try fixture.write(a1, try fixture.scratch.read(a1).replacingOccurrences(of: "status: done\ndone_on: 2026-10-28\n", with: "status: open\n"))
        #expect(try repeats(fixture, today: "2026-12-09").contains { $0.contains("its action A1 is still open, 40 days overdue") })
        #expect(try repeats(fixture, today: "2026-10-20").contains { $0.contains("its action A1 is still open, due 2026-10-30") })
        // The threshold: identical causes are 100 percent alike.
        try fixture.write(".coe.yaml", "root: coes\nsearch:\n  repeat_similarity: 100\n")
        #expect(try repeats(fixture).count == 6)
        // Turned off, nothing; against a secure COE, nothing.
        try fixture.write(".coe.yaml", "root: coes\nrules:\n  W7: off\n")
        #expect(try repeats(fixture).isEmpty)
        try fixture.write(".coe.yaml", "root: coes\n")
        let metadata = "coes/\(exampleCOEID)/coe.yaml"
        try fixture.write(metadata, try fixture.scratch.read(metadata).replacingOccurrences(of: "confidentiality: team-only", with: "confidentiality: secure"))
        #expect(try repeats(fixture).isEmpty)
    }

    @Test func submitTellsTheRepeatAndGoesAhead() throws {
        let fixture = try repository()
        let result = try coe(["submit", "q8x2"], in: fixture.path, environment: ["COE_NOW": "2026-11-22T10:00:00Z"] + GitFixture.identity())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("submit for review (draft → review)"), "\(result.stdout)")
        #expect(result.stdout.contains("  coes/\(Self.later)/whys.yaml:15:30: warning [W7] this root cause resembles the root cause of COE \(exampleCOEID)"),
                "\(result.stdout)")
        #expect(try fixture.git(["log", "-1", "--format=%s"]).contains("submit for review"))
    }

    /// W7 on the 42 COEs of the related-COEs fixture at its default threshold: a COE with an earlier COE of
    /// its family should be flagged naming one; a flag naming another family is wrong.
    @Test func repeatsAmongTheQualityFixture() throws {
        let fixture = try GitFixture()
        let ids = try writeQualityFixture(fixture)
        let family = Dictionary(uniqueKeysWithValues: zip(ids, incidents.map(\.family)))
        let found = try repeats(fixture, today: "2026-11-22", errorsAllowed: true)
        var correct = 0, wrong = 0
        var flagged = Set<String>()
        for line in found {
            let coe = String(line.prefix(21))
            guard let range = line.range(of: "root cause of COE ") else { continue }
            let named = String(line[range.upperBound...].prefix(21))
            flagged.insert(coe)
            if family[coe] == family[named] { correct += 1 } else { wrong += 1; print("  W7 wrong: \(family[coe]!) → \(family[named]!)") }
        }
        let expected = ids.enumerated().filter { index, id in ids.prefix(index).contains { family[$0] == family[id] } }.map(\.element)
        let missed = expected.filter { !flagged.contains($0) }
        for id in missed { print("  W7 missed: \(family[id]!)") }
        let precision = Double(correct) / Double(max(1, correct + wrong))
        let recall = Double(expected.count - missed.count) / Double(max(1, expected.count))
        print("W7 on \(ids.count) COEs at the default repeat_similarity (30): precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall)) "
              + "(\(correct) right, \(wrong) wrong, \(missed.count) of \(expected.count) repeats missed)")
        #expect(precision >= 0.9)
        #expect(recall >= 0.75)
    }
}

extension Dictionary {
    static func + (lhs: Self, rhs: Self) -> Self { lhs.merging(rhs) { _, right in right } }
}
