import Foundation
import Testing
import TestSupport
@testable import COEFormat

/// Deep, wide and self-repeating YAML is refused early with a positioned error, in bounded time and stack
/// (issue 13: 40,000 `[` crashed with SIGSEGV; 20,000 nested `then:` took 13 s).
@Suite struct BoundedYAMLTests {
    /// Every parser of a YAML file kind, as one function of the text.
    static let parsers: [(name: String, parse: @Sendable (SourceText) throws -> Void)] = [
        ("coe.yaml", { _ = try MetadataFile.parse($0) }),
        ("timeline.yaml", { _ = try TimelineFile.parse($0) }),
        ("whys.yaml", { _ = try WhysFile.parse($0) }),
        ("lessons.yaml", { _ = try LessonsFile.parse($0) }),
        ("actions/A1.yaml", { _ = try ActionFile.parse($0, id: "A1") }),
        ("metrics/01-x.yaml", { _ = try GraphFile.parse($0) }),
        ("review/20261122T161500Z-3f9a1c2e7b.yaml", { _ = try ReviewFile.parse($0, id: "20261122T161500Z-3f9a1c2e7b") }),
        (".coe.yaml", { _ = try Configuration.parse($0) }),
    ]

    /// The diagnostics a parse throws (none when it succeeds).
    func problems(_ text: String, file: String = "f.yaml", _ parse: (SourceText) throws -> Void) -> [Diagnostic] {
        do {
            try parse(SourceText(file: file, text: text))
            return []
        } catch let error as FormatError {
            return error.diagnostics
        } catch {
            return [Diagnostic(file: file, message: "unexpected \(error)")]
        }
    }

    /// Runs `body` and returns the seconds it took.
    func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func fiftyThousandOpenBracketsAreRefusedAtTheFirstLevelTooDeep() {
        for opener in ["[", "{a: ", "- "] {
            let text = String(repeating: opener, count: 50_000)
            for (name, parse) in Self.parsers {
                var found: [Diagnostic] = []
                let time = seconds { found = problems(text, file: name, parse) }
                #expect(found.count == 1, "\(name) \(opener): \(found)")
                #expect(found.first?.message.contains("nested deeper than 200 levels") == true, "\(name) \(opener): \(found)")
                // The 201st opener: column 201 for `[`, 401 for "- ", 801 for "{a: ".
                #expect(found.first?.position == SourcePosition(line: 1, column: 200 * opener.count + 1), "\(name) \(opener)")
                #expect(time < 1, "\(name) \(opener) took \(time) s")
            }
        }
    }

    @Test func twentyThousandNestedThenAnswerInWellUnderASecond() {
        let depth = 20_000
        let text = "happened:\n  - " + String(repeating: "{why: w?, because: b, then: [", count: depth)
            + "{why: x?, because: y}" + String(repeating: "]}", count: depth) + "\n"
        var found: [Diagnostic] = []
        let time = seconds { found = problems(text, file: "whys.yaml") { _ = try WhysFile.parse($0) } }
        #expect(time < 0.5, "took \(time) s")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("nested deeper than 200 levels") == true, "\(found)")
        #expect(found.first?.position?.line == 2)
    }

    @Test func aWhysTreeDeeperThanItsOwnLimitSaysSo() {
        let depth = 70
        let text = "happened:\n  - " + String(repeating: "{why: w?, because: b, then: [", count: depth)
            + "{why: x?, because: y}" + String(repeating: "]}", count: depth) + "\n"
        let found = problems(text, file: "whys.yaml") { _ = try WhysFile.parse($0) }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("deeper than 64 levels") == true, "\(found)")
    }

    @Test func theDepthLimitIsConfigurable() {
        let text = String(repeating: "[", count: 30) + String(repeating: "]", count: 30)
        var limits = ReadLimits()
        #expect(problems(text) { _ = try YAMLParser.parse($0, limits: limits) }.isEmpty)
        limits.yamlDepth = 10
        let found = problems(text) { _ = try YAMLParser.parse($0, limits: limits) }
        #expect(found.first?.position == SourcePosition(line: 1, column: 11))
        #expect(found.first?.message.contains("deeper than 10 levels") == true)
    }

    /// An alias adds the depth of what it repeats: a 150-deep list repeated 100 levels down is 250 deep.
    @Test func aliasesCountTheDepthTheyRepeat() {
        let deep = "a: &a " + String(repeating: "[", count: 150) + String(repeating: "]", count: 150) + "\n"
        let text = deep + "b: " + String(repeating: "[", count: 100) + "*a" + String(repeating: "]", count: 100) + "\n"
        let found = problems(text) { _ = try YAMLParser.parse($0) }
        #expect(found.count == 1)
        #expect(found.first?.position == SourcePosition(line: 2, column: 104), "\(found)")
        #expect(found.first?.message.contains("deeper than 200") == true)
    }

    @Test func anAliasBombIsRefusedAtTheFirstAliasOverTheBudget() {
        let bomb = "a: &a [x, x]\n" + (1...30).map { "k\($0): [*a, *a]" }.joined(separator: "\n") + "\n"
        let found = problems(bomb, file: "coe.yaml") { _ = try MetadataFile.parse($0) }
        #expect(found.count == 1)
        // Twenty aliases are allowed: k1 to k10 hold two each; the 21st is the first of k11, at line 12, column 7.
        #expect(found.first?.position == SourcePosition(line: 12, column: 7), "\(found)")
        #expect(found.first?.message.contains("aliases") == true)
    }

    /// Few aliases can still repeat many nodes: every repeated node counts against the node budget.
    @Test func nodesAnAliasRepeatsCountAgainstTheBudget() {
        let text = "a: &a [" + Array(repeating: "x", count: 50).joined(separator: ", ") + "]\n"
            + "b: &b [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
            + "c: [" + Array(repeating: "*b", count: 10).joined(separator: ", ") + "]\n"
        #expect(problems(text) { _ = try YAMLParser.parse($0) }.isEmpty)
        var limits = ReadLimits()
        limits.yamlNodes = 1_000
        let found = problems(text) { _ = try YAMLParser.parse($0, limits: limits) }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("over 1000 YAML nodes") == true, "\(found)")
        #expect(found.first?.position?.line == 3)
    }

    @Test func aControlCharacterIsPositioned() {
        let found = problems("title: one\ndescription: a\u{1}b\n") { _ = try YAMLParser.parse($0) }
        #expect(found.count == 1)
        #expect(found.first?.position == SourcePosition(line: 2, column: 15), "\(found)")
    }

    /// At the deepest nesting a configuration may allow, composing and releasing the tree fit in a
    /// small thread stack (lint reads COEs on several threads).
    @Test func theDeepestTreeAllowedFitsASmallStack() async {
        let limits = ReadLimits(yamlDepth: ReadLimits.ceiling.yamlDepth)
        let text = String(repeating: "[", count: limits.yamlDepth) + String(repeating: "]", count: limits.yamlDepth)
        let parsed = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let thread = Thread {
                let node = try? YAMLParser.parse(SourceText(file: "f", text: text), limits: limits)
                continuation.resume(returning: node != nil)
            }
            thread.stackSize = 256 << 10
            thread.start()
        }
        #expect(parsed)
    }

    @Test func unknownKeysWithLongNamesStayCheap() {
        let keys = (0..<5_000).map { "key\($0)\(String(repeating: "x", count: 100)): 1" }.joined(separator: "\n")
        var found: [Diagnostic] = []
        let time = seconds { found = problems("title: t\n" + keys + "\n", file: "A1.yaml") { _ = try ActionFile.parse($0, id: "A1") } }
        #expect(found.count == 5_000)
        #expect(time < 2, "took \(time) s")
    }

    @Test func readLimitsAreConfigured() throws {
        let text = "limits:\n  max_file_bytes: 2_097_152\n  max_yaml_depth: 64\n  max_coe_files: 500\n"
        let configuration = try Configuration.parse(SourceText(file: ".coe.yaml", text: text))
        #expect(configuration.readLimits.fileBytes == 2 << 20)
        #expect(configuration.readLimits.yamlDepth == 64)
        #expect(configuration.readLimits.coeEntries == 500)
        #expect(configuration.readLimits.coeBytes == ReadLimits.default.coeBytes)
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: configuration.serialized())) == configuration)
        let tooHigh = problems("limits:\n  max_yaml_depth: 100000\n", file: ".coe.yaml") { _ = try Configuration.parse($0) }
        #expect(tooHigh.first?.position == SourcePosition(line: 2, column: 19))
        #expect(tooHigh.first?.message.contains("from 4 to 1000") == true, "\(tooHigh)")
        // The threshold of lint rule W7.
        let search = try Configuration.parse(SourceText(file: ".coe.yaml", text: "search:\n  repeat_similarity: 60\n"))
        #expect(search.repeatSimilarity == 60 && Configuration().repeatSimilarity == RepeatedRootCause.defaultPercent)
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: search.serialized())) == search)
        let outside = problems("search:\n  repeat_similarity: 0\n", file: ".coe.yaml") { _ = try Configuration.parse($0) }
        #expect(outside.first?.position == SourcePosition(line: 2, column: 22), "\(outside)")
        let unknown = problems("search:\n  repeat_similarty: 50\n", file: ".coe.yaml") { _ = try Configuration.parse($0) }
        #expect(unknown.first?.message.contains("repeat_similarity") == true, "\(unknown)")
    }
}
