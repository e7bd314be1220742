import Foundation
import PropertyBased
import Testing
@testable import COEFormat

/// The Markdown scan against cmark-gfm, what GitHub renders with: where code blocks and comments start, and what
/// each code span holds, read from `cmark-gfm --to xml --sourcepos`.
///
/// cmark-gfm 0.29 follows the 0.29 spec for inline comments (no `--` inside, `<!-->` is text), where the scan
/// follows 0.31; the inputs stay clear of that change. Block ends are not compared: 0.29.0.gfm.6 writes "line:0"
/// for them.
@Suite("Markdown against cmark-gfm")
struct MarkdownOracleTests {
    static let binary = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm", "/opt/homebrew/bin/cmark-gfm"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let missing = Comment(rawValue: "cmark-gfm is not installed; scripts/setup.sh --tests installs it")

    /// What both sides are compared on: where code blocks and comment blocks start (columns in bytes, as cmark
    /// counts them), and the text of inline comments and code spans (cmark-gfm miscounts inline positions after a
    /// tab or a hard line break).
    struct Shape: Equatable, CustomStringConvertible {
        var codeBlocks: [String] = []
        var commentBlocks: [String] = []
        var inlineComments: [String] = []
        var codeSpans: [String] = []
        var description: String {
            "code blocks \(codeBlocks), comment blocks \(commentBlocks), inline comments \(inlineComments), "
                + "code spans \(codeSpans)"
        }
    }

    static let inputs = [
        "```\ncode\n```python\nmore\n```\nafter `x`\n",
        "````\n```\nstill code\n````\nafter `x`\n",
        "~~~\n```\n~~~\nafter `x`\n",
        "    ```\n    not a fence\n",
        "   ```\n   code\n   ```\n`x`\n",
        "``` `x`\nnot a fence\n",
        "~~~ `x`\ncode\n~~~\n`y`\n",
        "a `<!--` b\n\nc\n",
        "a <!-- `x` --> b `y`\n",
        "<!-->\nvisible `x`\n",
        "<!--->\nvisible `x`\n",
        "x <!-- a\nb --> c `y`\n",
        "<!-- a\n\nb -->\nafter `x`\n",
        "```\n<!-- inside code\n```\nafter `x`\n",
        "<!--\n```\n-->\ntext `x`\n",
        "> ```\n> code\nlazy `x`\n",
        "- item\n\n  ```\n  code\n  ```\n- `x`\n",
        "- a\n  - b\n\n    ```\n    code\n    ```\n",
        "10. x\n\n    ```\n    c\n    ```\n",
        "para\n    notcode `x`\n",
        "# H `x`\n    code\n",
        "``a ` b``\n",
        "it is 5` long and `real code`\n",
        "\\`not code` but `code`\n",
        "\\<!-- not a comment --> `x`\n",
        "- a\n-     code\n",
        "para\n>     code\n",
        "> quote <!-- note\n> more --> end `x`\n",
        "\t```\n\tcode\n",
        ">\t```\n>\tcode\n>\t```\n",
        "1. a\n\n   b `c`\n",
        "* * *\n    code\n",
        "Foo\n---\n    code\n",
        "Foo\n===\n    code\n",
        "- \n  foo `x`\n",
        "2. x\nfoo\n1. y `z`\n",
        "a\n2. b\n    not code `x`\n",
        "```\nunclosed\n\nstill code\n",
        "> <!-- a\nb -->\n",
        "é `ü` <!-- ß -->\n```\nñ\n```\n",
        "`a\n   b` and `` ` ``\n",
        "- a\n\n\n  b\n\n        code\n",
        ">     code\n> more\n",
        "  - x\n\n   ```\n   y\n   ```\n",
        "-\n  foo\n\n-\n\n  bar\n",
    ]

    @Test("Tricky inputs read the same", .enabled(if: binary != nil, missing), arguments: inputs)
    func trickyInput(_ input: String) throws {
        let expected = try Self.cmark(input)
        #expect(expected == Self.scan(input, commentBlocks: expected.commentBlocks), "\(input.debugDescription)")
    }

    /// Markdown made of the pieces that decide code and comments, none that the 0.29 to 0.31 change of inline
    /// comments touches (no `--` inside a comment) and none of the raw HTML the scan leaves as prose.
    static let pieces = ["```", "~~~", "````", "`", "``", "    ", "  ", " ", "\t", "> ", "- ", "1. ", "2) ", "* ", "# ",
                         "***", "===", "10. ", ">\t", "<!-- ", " -->", "\\", "word", "é", "\n", "\n", "\n", "\n\n"]

    @Test("Random Markdown reads the same", .enabled(if: binary != nil, missing))
    func randomMarkdown() async throws {
        let text = Gen.int(in: 0..<Self.pieces.count).array(of: 1...40).map { $0.map { Self.pieces[$0] }.joined() }
        await propertyCheck(count: 300, input: text) { input in
            guard !Self.commentRulesDiffer(input), !Self.backtickCacheBug(input) else { return }
            let expected = try Self.cmark(input)
            #expect(expected == Self.scan(input, commentBlocks: expected.commentBlocks), "\(input.debugDescription)")
        }
    }

    /// True when a code span follows a backtick run that closes nothing: cmark-gfm 0.29.0.gfm.6 then misses code
    /// spans (`` `` `a` `b` `` has two, it finds one), a bug of its backtick cache that later versions fixed.
    static func backtickCacheBug(_ text: String) -> Bool {
        let scan = MarkdownScan(text)
        var unmatched = false
        for segment in scan.segments {
            if segment.kind == .prose && scan.text(of: segment).contains("`") { unmatched = true }
            if segment.kind == .codeSpan && unmatched { return true }
        }
        return false
    }

    /// True when a `<!--` is followed, before the next `-->`, by text that spec 0.29 refuses in a comment (`--`,
    /// or a start of `>` or `->`): there cmark-gfm 0.29 and the scan (0.31) rightly differ.
    static func commentRulesDiffer(_ text: String) -> Bool {
        var rest = Substring(text)
        while let open = rest.range(of: "<!--") {
            let after = rest[open.upperBound...]
            let body = after.range(of: "-->").map { after[..<$0.lowerBound] } ?? after
            if body.contains("--") || body.hasPrefix(">") || body.hasPrefix("->") || body.hasSuffix("-") { return true }
            rest = after
        }
        return false
    }

    /// Inline text without white space and `>`: its later lines may hold block quote markers, which cmark-gfm leaves
    /// out, and lazy lines keep their indent there; the scan's ranges are compared, not that.
    static func unquoted(_ text: some StringProtocol) -> String { String(text.filter { !" \t\n>".contains($0) }) }

    /// The scan's shape; a comment is a block where cmark-gfm has one, and the comments the scan finds after the
    /// one that ends a comment block, on its line, are left out (cmark-gfm keeps them in the block as raw HTML).
    static func scan(_ text: String, commentBlocks: [String]) -> Shape {
        let scan = MarkdownScan(text)
        let bytes = Array(text.utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        func place(_ location: MarkdownScan.Location) -> String {
            "\(location.line):\(location.byte - lineStarts[location.line - 1] + 1)"
        }
        var shape = Shape()
        var blockEndLine = 0
        for segment in scan.segments {
            switch segment.kind {
            case .fencedCode, .indentedCode: shape.codeBlocks.append(place(segment.start))
            case .comment where commentBlocks.contains(place(segment.start)):
                shape.commentBlocks.append(place(segment.start))
                blockEndLine = segment.end.line
            case .comment:
                if segment.start.line != blockEndLine { shape.inlineComments.append(unquoted(scan.text(of: segment))) }
            case .codeSpan:
                let text = scan.text(of: segment)
                let run = text.prefix { $0 == "`" }.count
                shape.codeSpans.append(unquoted(text.dropFirst(run).dropLast(run)))
            case .prose: break
            }
        }
        return shape
    }

    static func cmark(_ text: String) throws -> Shape {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = ["--to", "xml", "--sourcepos"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let xml = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func unescape(_ text: String) -> String {
            text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        var shape = Shape()
        let element = try NSRegularExpression(
            pattern: "<(code_block|html_block|html_inline|code) sourcepos=\"(\\d+:\\d+)-[^\"]*\"[^>]*>([^<]*)")
        for match in element.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            let name = String(xml[Range(match.range(at: 1), in: xml)!])
            let start = String(xml[Range(match.range(at: 2), in: xml)!])
            let body = unescape(String(xml[Range(match.range(at: 3), in: xml)!]))
            switch name {
            case "code_block": shape.codeBlocks.append(start)
            case "code": shape.codeSpans.append(unquoted(body))
            case "html_inline": if body.hasPrefix("<!--") { shape.inlineComments.append(unquoted(body)) }
            default: if body.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("<!--") { shape.commentBlocks.append(start) }
            }
        }
        return shape
    }
}
