import COEFormat
import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import COELint

/// Lint never crashes: random bytes and random mutations of the example COE give findings, nothing else.
@Suite struct RobustnessTests {
    static let files = ["coe.yaml", "summary.md", "impact.md", "response.md", "analysis.md", "timeline.yaml", "whys.yaml",
                        "lessons.yaml", "actions/A1.yaml", "metrics/01-checkout-error-rate.yaml"]

    func lint(_ source: MemorySource) -> LintResult {
        Linter.lint(directory: exampleDirectory, source: source,
                    settings: LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!, historyNames: ["Jordan Rivera"]))
    }

    @Test func randomMutationsOfTheExampleNeverCrash() async throws {
        let base = try exampleSource()
        let input = Gen.int(in: 0..<Self.files.count)
        let edits = Gen.int(in: 0...10_000).array(of: 1...6)
        await propertyCheck(count: 300, input: input, edits) { fileIndex, seeds in
            var source = base
            let path = "\(exampleDirectory)/\(Self.files[fileIndex])"
            var bytes = source.files[path]!
            for seed in seeds where !bytes.isEmpty {
                let at = seed % bytes.count
                switch seed % 5 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(UInt8(truncatingIfNeeded: seed / 7), at: at)
                case 2: bytes[at] = [0x0A, 0x3A, 0x2D, 0x20, 0x22, 0x5B, 0x7B, 0x26, 0x2A, 0x23][seed % 10]
                case 3: bytes.insert(contentsOf: Array(bytes[at..<min(bytes.count, at + seed % 40)]), at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + seed % 30))
                }
            }
            source.files[path] = bytes
            let result = lint(source)
            for finding in result.findings {
                #expect(!finding.message.isEmpty)
                if let position = finding.position { #expect(position.line >= 1 && position.column >= 1) }
            }
        }
    }

    @Test func randomBytesInAnyFileGiveFindingsNotCrashes() throws {
        var generator = SystemRandomNumberGenerator()
        let base = try exampleSource()
        for _ in 0..<60 {
            for file in Self.files {
                var source = base
                let count = Int.random(in: 0...300, using: &generator)
                source.files["\(exampleDirectory)/\(file)"] = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                _ = lint(source)
            }
        }
    }
}
