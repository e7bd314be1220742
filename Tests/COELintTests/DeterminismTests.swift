import COEFormat
import PropertyBased
import Testing
import TestSupport
@testable import COELint

/// Lint is deterministic: the same COE gives the same findings, in the same order, however often and on
/// however many threads it is linted, mutated or not (issue 13's property tests).
@Suite struct DeterminismTests {
    @Test func lintGivesTheSameFindingsEveryTime() async throws {
        let base = try exampleSource()
        let files = RobustnessTests.files
        let settings = LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!, historyNames: ["Jordan Rivera"],
                                    knownIDs: [exampleCOEID])
        await propertyCheck(count: 50, input: Gen.int(in: 0..<files.count), Gen.int(in: 0...100_000).array(of: 0...5)) { index, seeds in
            var source = base
            let path = "\(exampleDirectory)/\(files[index])"
            var bytes = source.files[path]!
            for seed in seeds where !bytes.isEmpty {
                let at = seed % bytes.count
                switch seed % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert([0x0A, 0x3A, 0x2D, 0x20, 0x22, 0x5B, 0x23, 0x41][seed % 8], at: at)
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + seed % 50)], at: at)
                }
            }
            source.files[path] = bytes
            let first = Linter.lint(directory: exampleDirectory, source: source, settings: settings)
            let second = Linter.lint(directory: exampleDirectory, source: source, settings: settings)
            #expect(first.findings == second.findings && first.id == second.id && first.status == second.status)
            let parallel = Linter.lint(directories: Array(repeating: exampleDirectory, count: 4), source: source, settings: settings)
            #expect(parallel.allSatisfy { $0.findings == first.findings })
        }
    }
}
