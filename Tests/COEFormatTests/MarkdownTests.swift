import PropertyBased
import Testing
@testable import COEFormat

/// The Markdown scan: the cases where the reader's check, `Prose.content` and the lint's blanking used to disagree,
/// positions, and what holds for any text.
@Suite("Markdown scan")
struct MarkdownTests {
    /// The kinds and texts of the segments that are not prose.
    func spans(_ text: String) -> [String] {
        let scan = MarkdownScan(text)
        return scan.spans.map { "\($0.kind): \(scan.text(of: $0))" }
    }

    /// The text as the lint reads it, trailing blanks of each line dropped.
    func masked(_ text: String) -> String {
        let units = MarkdownScan(text).maskedUTF16()
        return String(decoding: units, as: UTF16.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// The reader's problems with a Markdown part, as "line:column message".
    func problems(_ text: String) -> [String] {
        do {
            _ = try COEReader.checkedMarkdown(SourceText(file: "analysis.md", text: text))
            return []
        } catch let error as FormatError {
            return error.diagnostics.map { "\($0.position!.line):\($0.position!.column) \($0.message)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test("A <!-- in a code span is code: the reader refused it, and the content lost the rest of the text")
    func commentOpenerInCodeSpan() {
        let text = "Write `<!--` to start a comment.\n\nThe rest.\n"
        #expect(spans(text) == ["codeSpan: `<!--`"])
        #expect(problems(text).isEmpty)
        #expect(Prose(file: "a.md", text: text).content == text.trimmingWhitespace)
    }

    @Test("A comment in fenced code is code: the content dropped it, or everything after an unclosed one")
    func commentInFencedCode() {
        let text = "The page:\n\n```html\n<!-- header\n```\n"
        #expect(spans(text) == ["fencedCode: ```html\n<!-- header\n```"])
        #expect(problems(text).isEmpty)
        #expect(!Prose(file: "a.md", text: text).isEmpty)
        #expect(Prose(file: "a.md", text: text).content.hasSuffix("<!-- header\n```"))
    }

    @Test("A closing fence has no info string and is at least as long: the lint ended code early")
    func closingFenceRules() {
        #expect(spans("```\nAlice\n```python\nBob\n```\nCarol\n") == ["fencedCode: ```\nAlice\n```python\nBob\n```"])
        #expect(masked("```\nAlice\n```python\nBob\n```\nCarol\n") == "\n\n\n\n\nCarol\n")
        #expect(masked("````\n```\nAlice\n````\nBob\n") == "\n\n\n\nBob\n")
        #expect(masked("~~~\n```\nAlice\n~~~\nBob\n") == "\n\n\n\nBob\n")
        #expect(masked("```\nAlice\n```  \nBob\n") == "\n\n\nBob\n")
    }

    @Test("Four spaces of indent make indented code, not a fence: the lint took it for a fence up to the next one")
    func indentedFence() {
        let text = "Text\n\n    ```\n    Alice\n\nBob\n\n```\nCarol\n```\n"
        #expect(spans(text) == ["indentedCode: ```\n    Alice", "fencedCode: ```\nCarol\n```"])
        #expect(masked(text) == "Text\n\n\n\n\nBob\n\n\n\n\n")
        #expect(problems("    ```\n    code\n").isEmpty)
        // Blank lines, even of spaces, go on inside indented code but do not end it.
        #expect(spans("    code\n      \n    more\n      \nText\n") == ["indentedCode: code\n      \n    more"])
    }

    @Test("A backtick fence's info string has no backtick, a tilde fence's may")
    func infoStrings() {
        #expect(spans("``` `x`\nAlice\n") == ["codeSpan: `x`"])
        #expect(spans("~~~ `x`\nAlice\n~~~\n") == ["fencedCode: ~~~ `x`\nAlice\n~~~"])
    }

    @Test("Code spans match backtick runs of equal length; a lone backtick is text: the lint blanked the rest of its line")
    func codeSpans() {
        #expect(masked("It is 5` long; Alice knows.\n") == "It is 5` long; Alice knows.\n")
        #expect(spans("``a ` b`` Alice\n") == ["codeSpan: ``a ` b``"])
        #expect(masked("``a ` b`` Alice\n") == "          Alice\n")
        #expect(spans("`a\nb` c\n") == ["codeSpan: `a\nb`"])
        #expect(spans("\\`not code` but `code`\n") == ["codeSpan: ` but `"])
    }

    @Test("<!--> and <!---> are whole comments: every copy took them for comments running on")
    func emptyComments() {
        #expect(spans("<!-->\nAlice\n") == ["comment: <!-->"])
        #expect(spans("Text <!---> Alice\n") == ["comment: <!--->"])
        #expect(problems("<!-->\nAlice\n").isEmpty)
        #expect(Prose(file: "a.md", text: "<!--->\nAlice\n").content == "Alice")
    }

    @Test("A comment block runs over blank lines; an inline one ends with its paragraph")
    func commentExtent() {
        #expect(spans("<!-- a\n\nb -->\nAlice\n") == ["comment: <!-- a\n\nb -->"])
        #expect(spans("x <!-- a\nb --> c\n") == ["comment: <!-- a\nb -->"])
        let stray = "Text <!-- note\n\nmore --> Alice\n"
        #expect(spans(stray).isEmpty)
        #expect(MarkdownScan(stray).strayCommentOpeners.map(\.position) == [SourcePosition(line: 1, column: 6)])
        #expect(problems(stray) == [
            "1:6 HTML comment '<!--' opened here is never closed with '-->' in its paragraph; GitHub shows it as text",
        ])
        #expect(spans("\\<!-- not a comment --> `x`\n") == ["codeSpan: `x`"])
    }

    @Test("Block quotes and list items hold code: the copies saw no fence after a '>'")
    func containers() {
        #expect(spans("> ```\n> Alice\n> ```\nBob\n") == ["fencedCode: ```\n> Alice\n> ```"])
        // The quote markers inside the block go blank with it: markup, not words.
        #expect(masked("> ```\n> Alice\n> ```\nBob\n") == ">\n\n\nBob\n")
        // A lazy line ends a quoted fence (code has no lazy lines), so the fence is not the rest of the file.
        #expect(spans("> ```\n> code\nBob\n") == ["fencedCode: ```\n> code"])
        #expect(problems("> ```\n> code\nBob\n").isEmpty)
        #expect(spans("- a\n  - b\n\n    ```\n    code\n    ```\n") == ["fencedCode: ```\n    code\n    ```"])
        #expect(spans("- a\n\n      code\n") == ["indentedCode: code"])
        #expect(spans("- a\n\n    continued, not code\n").isEmpty)
        #expect(spans("para\n    continued, not code\n").isEmpty)
    }

    @Test("Only a fence that runs to the end of the file hides it; one ended by its list item does not")
    func unclosedFences() {
        #expect(problems("Text\n\n```swift\nlet x = 1\n") == ["3:1 code block opened here is never closed; it hides the rest of the file"])
        #expect(problems("- step\n  ```\n  code\n- next step\n").isEmpty)
        #expect(problems("Text\n<!-- note\n\nstill hidden\n") == [
            "2:1 HTML comment '<!--' opened here is never closed with '-->'; it hides the rest of the file",
        ])
        #expect(problems("    <!-- in indented code\n").isEmpty)
    }

    @Test("Locations count UTF-8, UTF-16, lines and Unicode scalars")
    func locations() throws {
        let scan = MarkdownScan("é😀 `x`\n\tñ <!-- c -->\n")
        let code = try #require(scan.segments(.codeSpan).first)
        #expect(code.bytes == 7..<10)
        #expect(code.utf16 == 4..<7)
        #expect(code.start.position == SourcePosition(line: 1, column: 4))
        let comment = try #require(scan.segments(.comment).first)
        #expect(comment.start.position == SourcePosition(line: 2, column: 4))
        #expect(comment.end.position == SourcePosition(line: 2, column: 14))
        #expect(scan.text(of: comment) == "<!-- c -->")
    }

    /// Markdown from pieces that make and break code and comments, with text of one to four UTF-8 bytes.
    static let pieces = ["```", "~~~", "`", "``", "    ", " ", "\t", "> ", "- ", "1. ", "# ", "<!--", "-->", "<!-->", "\\",
                         "Alice", "é", "😀", "\n", "\n", "\n\n", "---"]

    @Test("Segments follow each other, cover the text, and locate their ends")
    func segmentsCoverTheText() async {
        let markdown = Gen.int(in: 0..<Self.pieces.count).array(of: 0...40).map { $0.map { Self.pieces[$0] }.joined() }
        await propertyCheck(count: 500, input: markdown) { text in
            let scan = MarkdownScan(text)
            let utf8 = Array(text.utf8), utf16 = Array(text.utf16)
            var at = 0
            for segment in scan.segments {
                #expect(segment.start.byte == at && segment.end.byte > at)
                at = segment.end.byte
                let prefix = String(decoding: utf8[..<segment.start.byte], as: UTF8.self)
                #expect(segment.start.utf16 == prefix.utf16.count)
                #expect(segment.start.line == prefix.split(separator: "\n", omittingEmptySubsequences: false).count)
                let lastLine = prefix.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
                #expect(segment.start.column == lastLine.unicodeScalars.count + 1)
            }
            #expect(at == utf8.count)
            #expect(scan.segments.last?.end.utf16 == utf16.count || text.isEmpty)
            for (previous, next) in zip(scan.segments, scan.segments.dropFirst()) where previous.kind == .prose {
                #expect(next.kind != .prose)
            }
        }
    }

    @Test("Masking keeps the length, every line break and the prose, and blanks all else")
    func maskingKeepsLengthAndLines() async {
        let markdown = Gen.int(in: 0..<Self.pieces.count).array(of: 0...40).map { $0.map { Self.pieces[$0] }.joined() }
        await propertyCheck(count: 500, input: markdown) { text in
            let scan = MarkdownScan(text)
            let original = Array(text.utf16), masked = scan.maskedUTF16()
            #expect(masked.count == original.count)
            for segment in scan.segments {
                for index in segment.utf16 {
                    if original[index] == 0x0A || segment.kind == .prose { #expect(masked[index] == original[index]) }
                    else { #expect(masked[index] == 0x20) }
                }
            }
            let kept = scan.segments.filter { $0.kind != .comment }.map { scan.text(of: $0) }.joined()
            #expect(scan.removingComments() == kept)
        }
    }
}
