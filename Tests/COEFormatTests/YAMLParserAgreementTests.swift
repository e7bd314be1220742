import Foundation
import Testing
import TestSupport
@testable import COEFormat

/// `BlockYAML`, the reader of plain block YAML, builds exactly the tree libyaml's events compose (text, positions,
/// `quoted`), or leaves the text to libyaml: on the example COE, on texts written to reach its edges, and on
/// thousands of copies of them with random edits.
@Suite struct YAMLParserAgreementTests {
    /// A tree written out whole, positions included, for comparing.
    static func describe(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        switch node {
        case .scalar(let text, let quoted, let position):
            return "S\(quoted ? "q" : "")@\(position)\(text.debugDescription)"
        case .mapping(let pairs, let position):
            return "M@\(position){" + pairs.map { "\($0.key.debugDescription)@\($0.keyPosition)=\(describe($0.value))" }.joined(separator: ",") + "}"
        case .sequence(let items, let position):
            return "L@\(position)[" + items.map { describe($0) }.joined(separator: ",") + "]"
        }
    }

    /// The tree (or the error) each way; and whether the block reader took the text.
    static func both(_ text: String, limits: ReadLimits = .default) -> (block: String, libyaml: String, taken: Bool) {
        func run(_ useBlockReader: Bool) -> String {
            do {
                return describe(try YAMLParser.parse(SourceText(file: "f.yaml", text: text), limits: limits, useBlockReader: useBlockReader))
            } catch let error as FormatError {
                return "error " + error.diagnostics.map { "\($0.position.map { "\($0)" } ?? "-") \($0.message)" }.joined(separator: "; ")
            } catch {
                return "error \(error)"
            }
        }
        var copy = text
        let taken = copy.withUTF8 { BlockYAML.parse($0, limits: limits) } != nil
        return (run(true), run(false), taken)
    }

    static var exampleTexts: [String] {
        let root = exampleCOEDirectory
        let enumerator = FileManager.default.enumerator(atPath: root)!
        var texts: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".yaml"), let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) {
                texts.append(text)
            }
        }
        return texts.sorted()
    }

    static let edges: [String] = [
        "",
        "# only a comment\n\n",
        "a: 1\n",
        "a: 1",
        "a:\n",
        "a:\nb: 2\n",
        "a:   # comment\nb: 2\n",
        "a: x # comment\n",
        "a: x#y\n",
        "a: x  \nb:  y  z  \n",
        "a: [x, y]\n",
        "a: []\n",
        "a: [ ]\n",
        "a: [ x , y ]  # c\n",
        "a: [x, y,]\n",
        "a: [x,, y]\n",
        "a: [2026-10-13T08:50:00Z, 0.12]\n",
        "a: [x: y]\n",
        "a: [x:, y]\n",
        "a: [x]y\n",
        "a: [x\n, y]\n",
        "a: -5\n",
        "a: - 5\n",
        "a: b: c\n",
        "a: b:\n",
        "a: b:c\n",
        "a:b\n",
        "a : 1\n",
        "a: 1\na: 2\n",
        "a: 1\n  b: 2\n",
        "a: x\n  y\n",
        "a: x\n\n  y\n",
        "a: x\n  # c\nb: 1\n",
        "a:\n  b: 1\n  c:\n    - x\n    - y: 1\n      z: 2\n    - [p]\nd: 4\n",
        "a:\n- x\n- y\nb: 1\n",
        "a:\n- x\n  - y\n",
        "- a\n- b\n",
        "- a\nb: 1\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "- a: 1\n  - b\n",
        "-\n",
        "- - a\n",
        "  a: 1\n  b: 2\n",
        "  a: 1\nb: 2\n",
        "a: |\n  line one\n    more\n\n  line two\n\n\nb: 1\n",
        "a: |\n  x\n",
        "a: |\n  x",
        "a: |\nb: 1\n",
        "a: |\n\n  x\n",
        "a: |\n  x\n   \n  y\n",
        "a: | # c\n  x\n",
        "a: |  \n  x\n",
        "a: |-\n  x\n",
        "a: >\n  x\n",
        "a: |\n  x\n # not a comment?\nb: 1\n",
        "a: |\n    x\n  y\n",
        "a: 'q'\n",
        "a: \"q\"\n",
        "'a': 1\n",
        "a: &x 1\nb: *x\n",
        "a: !tag 1\n",
        "a: {b: 1}\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "a:\tb\n",
        "a: b\r\n",
        "a: caf\u{E9} \u{2014} na\u{EF}ve\nb: \u{1F600}x\n",
        "\u{E9}t\u{E9}: \u{E9}\n",
        "a: x\u{85}y\n",
        "long_key_name: abcdefghij\u{7F}k\n",
        "long_key_name: abcdefghij\u{1}k\n",
        "a: abcdefghijklmnop\u{E9}q\nb_\u{E9}_long_key: [abcdefgh\u{E9}, x\u{E9}, \u{E9}\u{E9}\u{E9}\u{E9}\u{E9}]\nc\u{E9}:\n",
        "a: x\u{2028}y\n",
        "a: \u{FEFF}x\n",
        "a: ?x\n",
        "? a\n: 1\n",
        "a: @x\n",
        "a: `x\n",
        "a: %x\n",
        "a: ,x\n",
        "a: ]x\n",
        "a: x]\n",
        "a: x, y\n",
        "[a, b]\n",
        "plain\n",
        "a:\n  - b\n   - c\n",
        "a:\n    - b\n  c: 1\n",
        "key: value\n  # deeper comment\nother: 2\n",
        "a: |\n  x\n  # inside\nb: 2\n",
        "b: 1\n# c\n  # c2\na:\n  - x # c\n  # c\n  - y\n",
    ]

    @Test func theBlockReaderAgreesWithLibYAMLOnTheExampleAndItsEdges() {
        var taken = 0
        for text in Self.exampleTexts + Self.edges {
            let result = Self.both(text)
            if result.taken { taken += 1 }
            #expect(result.block == result.libyaml, "\(text.debugDescription)")
        }
        // The example's files are all taken (the point of the block reader).
        for text in Self.exampleTexts { #expect(Self.both(text).taken, "\(text.prefix(60).debugDescription)") }
        #expect(taken > Self.exampleTexts.count)
    }

    @Test func theBlockReaderAgreesWithLibYAMLOnRandomlyEditedTexts() {
        var random = SeededRandom(seed: 18)
        let pieces: [String] = [" ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "[", "]", ",", "|", "'", "\"", "a", "x: ",
                                "\n  ", "\n- ", "\u{E9}", "*", "&", "!", "{", "}", "?", "\t", "\r", "\n\n", "0", "\n    "]
        let bases = Self.exampleTexts + Self.edges.filter { !$0.isEmpty }
        var taken = 0
        for round in 0..<(Int(ProcessInfo.processInfo.environment["COE_YAML_AGREEMENT_ROUNDS"] ?? "") ?? 4_000) {
            var bytes = Array(bases[round % bases.count].utf8)
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 3 {
                case 0: bytes.insert(contentsOf: Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8), at: at)
                case 1: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 4))) }
                default: if at < bytes.count { bytes[at] = Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8)[0] }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let result = Self.both(text)
            if result.taken { taken += 1 }
            #expect(result.block == result.libyaml, "round \(round): \(text.debugDescription)")
        }
        #expect(taken > 500)
    }

    /// The deepest block nesting the block reader takes (it recurses), and one level more (left to libyaml), are
    /// read in a small thread stack, as deep as `BoundedYAMLTests` asks of libyaml's.
    @Test func theDeepestBlockTreeTakenFitsASmallStack() async {
        for depth in [32, 33] {
            // `depth` mappings, each the value of the one above.
            var text = ""
            for level in 0..<(depth - 1) { text += String(repeating: "  ", count: level) + "a:\n" }
            text += String(repeating: "  ", count: depth - 1) + "b: 1\n"
            let document = text
            let limits = ReadLimits(yamlDepth: ReadLimits.ceiling.yamlDepth)
            let parsed = await withCheckedContinuation { (continuation: CheckedContinuation<(String, Bool), Never>) in
                let thread = Thread {
                    let result = Self.both(document, limits: limits)
                    continuation.resume(returning: (result.block == result.libyaml ? result.block : "differs", result.taken))
                }
                thread.stackSize = 256 << 10
                thread.start()
            }
            #expect(parsed.0.hasPrefix("M@"), "\(parsed.0.prefix(80))")
            #expect(parsed.1 == (depth == 32))
        }
    }
}
