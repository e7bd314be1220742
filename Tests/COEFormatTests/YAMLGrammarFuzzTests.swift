import Foundation
import Testing
import TestSupport
@testable import COEFormat

/// `BlockYAML` against libyaml on documents built from a small grammar of block YAML (mappings, lists, flow lists,
/// literal blocks, comments, blank lines) whose pieces are drawn from what trips a YAML reader: keys and scalars with
/// `: `, ` #`, indicators, quotes, spaces at either end, non-ASCII letters, and indentation that is off by one. Each
/// document is read both ways (`YAMLParserAgreementTests.both`): the trees, positions and errors must be the same.
@Suite struct YAMLGrammarFuzzTests {
    struct Generator {
        var random: SeededRandom
        let keys = ["a", "b", "key", "long_key_name", "a b", "a-b", "1", "true", "caf\u{E9}", "k-", "x:y", "k#", "-k", "?k", "k ",
                    "null", "~", "a\u{2014}b", "[k]", "k]", "*k", "&k", "!k", "%k", "@k", "`k", "'k'", "\"k\"", "k'", "k:"]
        let scalars = ["x", "value with words", "1", "-5", "0.12", "2026-10-13T08:50:00Z", "a:b", "x#y", "it's", "caf\u{E9} na\u{EF}ve",
                       "a: b", "x #y", "- x", "-x", "[x]", "x]", "x, y", "~", "null", "yes", "'q'", "\"q\"", ":", "a:", "a :b",
                       "http://x.y/z", "1:2", "x  ", "  x", "?x", "? x", "|", ">", "|x", "x|", "{x}", "x}", "&a", "*a", "!t",
                       "%x", "@x", "`x", ",x", "#x", "x # y # z", "\u{1F600}", "a\tb", "x\u{A0}y", "x \u{2014} y", "..."]
        let flowItems = ["x", "y z", "1", "a:b", "x#y", "caf\u{E9}", "2026-10-13T08:50:00Z", "0.12", "-5", "it's",
                         "a: b", "'q'", "[", "]", "{x}", "", " ", "x #y", "-", "- x", "a,b"]
        let comments = ["# c", "#c", "  # indented", "# \u{E9}", "#"]

        /// False for a document of the pieces plain block YAML is written in (the first `plainCount` of each list, and
        /// the expected indentation), so that most of them are the block reader's to read; true for every piece.
        var tricky = true
        let plainCount = 10

        mutating func pick<T>(_ items: [T]) -> T {
            let count = tricky ? items.count : min(plainCount, items.count)
            return items[Int(random.next() % UInt64(count))]
        }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func indent(_ base: Int) -> String {
            // Mostly the expected indentation; sometimes one off either way.
            let off = tricky && chance(8) ? (chance(50) ? 1 : -1) : 0
            return String(repeating: " ", count: max(0, base + off))
        }

        mutating func value(_ depth: Int, _ base: Int) -> String {
            switch random.next() % 10 {
            case 0 where depth < 4:
                return "\n" + mapping(depth + 1, base + (chance(50) ? 2 : 4))
            case 1 where depth < 4:
                return "\n" + list(depth + 1, chance(30) ? base : base + 2)
            case 2:
                let items = (0..<Int(random.next() % 4)).map { _ in pick(flowItems) }
                return " [" + items.joined(separator: chance(80) ? ", " : ",") + (chance(10) ? "," : "") + "]" + trailing()
            case 3:
                let lines = (0..<Int(1 + random.next() % 4)).map { _ -> String in
                    chance(15) ? "" : indent(base + 2) + (chance(20) ? "  " : "") + pick(scalars)
                }
                return " |" + (chance(10) ? "-" : "") + (chance(10) ? " # c" : "") + "\n" + lines.joined(separator: "\n")
            case 4:
                return ""
            default:
                return " " + pick(scalars) + trailing()
            }
        }

        mutating func trailing() -> String {
            chance(15) ? " " + pick(comments) : chance(5) ? "  " : ""
        }

        mutating func extraLines(_ base: Int) -> String {
            var text = ""
            if chance(10) { text += "\n" }
            if chance(10) { text += indent(base) + pick(comments) + "\n" }
            return text
        }

        mutating func mapping(_ depth: Int, _ base: Int) -> String {
            (0..<Int(1 + random.next() % 4)).map { _ in
                extraLines(base) + indent(base) + pick(keys) + (chance(5) ? " :" : ":") + value(depth, base)
            }.joined(separator: "\n")
        }

        mutating func list(_ depth: Int, _ base: Int) -> String {
            (0..<Int(1 + random.next() % 4)).map { _ in
                let item: String
                switch random.next() % 4 {
                case 0 where depth < 4:
                    // A mapping in a list item: its first key after "- ", the rest under it.
                    let first = pick(keys) + ":" + value(depth + 1, base + 2)
                    let rest = chance(50) ? "\n" + mapping(depth + 1, base + 2) : ""
                    item = first + rest
                case 1:
                    item = "[" + pick(flowItems) + "]"
                default:
                    item = pick(scalars) + trailing()
                }
                return extraLines(base) + indent(base) + "-" + (chance(5) ? "" : " ") + item
            }.joined(separator: "\n")
        }

        mutating func document() -> String {
            tricky = chance(50)
            let body = chance(80) ? mapping(0, 0) : list(0, 0)
            return body + (chance(95) ? "\n" : "")
        }
    }

    @Test func theBlockReaderAgreesWithLibYAMLOnGeneratedDocuments() {
        var generator = Generator(random: SeededRandom(seed: 1_812))
        let rounds = Int(ProcessInfo.processInfo.environment["COE_YAML_AGREEMENT_ROUNDS"] ?? "") ?? 3_000
        var taken = 0
        for round in 0..<rounds {
            let text = generator.document()
            let result = YAMLParserAgreementTests.both(text)
            if result.taken { taken += 1 }
            #expect(result.block == result.libyaml, "round \(round): \(text.debugDescription)")
        }
        // Enough of them are plain block YAML that the block reader's own paths are tried, not only its refusals.
        #expect(taken > rounds / 4, "\(taken) of \(rounds) taken")
    }
}
