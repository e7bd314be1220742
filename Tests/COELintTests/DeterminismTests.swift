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

/// W7 (a root cause seen before) names the same earlier COE whatever order the other COEs come in and
/// however the COEs are scheduled: of equally alike earlier causes, the earliest COE's (by date, then id).
@Suite struct RepeatDeterminismTests {
    @Test func w7NamesTheEarliestOfEquallyAlikeCOEsInEveryOrder() throws {
        let source = try exampleSource()
        let document = try COEReader.read(directory: exampleDirectory, from: source)
        let mine = SimilarityProfile(document)
        #expect(mine.rootCauses.count >= 2)
        // Earlier COEs whose causes are this COE's with their words in another order: as alike to the last bit
        // once sums are taken in the terms' order (in a dictionary's order they differed in their last bits).
        func earlier(_ id: String, _ created: String, rotation: Int, confidentiality: Confidentiality = .teamOnly) -> SimilarityProfile {
            SimilarityProfile(
                id: id, title: "Earlier \(id)", created: CalendarDate(created)!, confidentiality: confidentiality, services: [], tags: [],
                rootCauses: mine.rootCauses.map { cause in
                    let words = cause.text.split(separator: " ")
                    let turned = words[(rotation % words.count)...] + words[..<(rotation % words.count)]
                    return SimilarityProfile.RootCause(text: turned.joined(separator: " "), line: cause.line, actions: cause.actions)
                },
                actions: mine.actions)
        }
        let corpus = [
            earlier("2026-01-06-c7c7c7c7c7", "2026-01-06", rotation: 1),
            earlier("2026-01-05-b5b5b5b5b5", "2026-01-05", rotation: 2),
            earlier("2026-01-05-a3a3a3a3a3", "2026-01-05", rotation: 3),
            earlier("2026-01-04-s2s2s2s2s2", "2026-01-04", rotation: 4, confidentiality: .secure),
            earlier("2026-01-07-d9d9d9d9d9", "2026-01-07", rotation: 0),
            mine,
        ]
        func w7(_ corpus: [SimilarityProfile], parallel: Bool) -> [[Diagnostic]] {
            let settings = LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!, knownIDs: [exampleCOEID], corpus: RepeatCorpus(corpus))
            let results = parallel
                ? Linter.lint(directories: Array(repeating: exampleDirectory, count: 6), source: source, settings: settings)
                : [Linter.lint(directory: exampleDirectory, source: source, settings: settings)]
            return results.map { $0.findings.filter { $0.rule == "W7" } }
        }
        let expected = try #require(w7(corpus, parallel: false).first)
        #expect(expected.count == mine.rootCauses.count, "\(expected)")
        #expect(expected.allSatisfy { $0.message.contains("root cause of COE 2026-01-05-a3a3a3a3a3 (created 2026-01-05; 100 percent alike") },
                "\(expected.map(\.message))")
        // Every order of the corpus (rotations and reversals), serial and parallel: the same findings.
        for turn in 0..<corpus.count {
            let turned = Array(corpus[turn...] + corpus[..<turn])
            for order in [turned, turned.reversed()] {
                #expect(w7(order, parallel: false) == [expected])
                #expect(w7(order, parallel: true).allSatisfy { $0 == expected })
            }
        }
    }
}
