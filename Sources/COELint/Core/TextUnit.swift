import COEFormat
import Foundation

/// A piece of a COE's text a rule reads, with a way back to file, line and column.
///
/// Markdown parts become one unit each, with code blocks, inline code and HTML
/// comments blanked out (same length, so offsets still map to the file). Each YAML
/// text value (a timeline event, a why, an action's title …) is a unit of its own.
public struct TextUnit {
    /// The repository-relative file the text is in.
    public let file: String
    /// The text to match against (blanked where it must not be read).
    public let text: String
    /// The part it belongs to (nil for the title in coe.yaml).
    public let part: Part?
    /// The YAML key the text came from; nil for Markdown.
    public let field: String?
    private let locator: Locator

    private enum Locator {
        /// UTF-16 offsets where each line starts, and the lines (for counting scalars).
        case prose(lineStarts: [Int], lines: [Substring])
        case yaml(TextLocation)
    }

    /// A Markdown part.
    init(prose: Prose, part: Part) {
        file = prose.file
        self.part = part
        field = nil
        text = TextUnit.blankOutCodeAndComments(prose.text)
        var starts: [Int] = [0]
        var offset = 0
        for unit in prose.text.utf16 {
            offset += 1
            if unit == 0x0A { starts.append(offset) }
        }
        locator = .prose(lineStarts: starts, lines: prose.text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    /// A YAML text value.
    init(file: String, text: String, part: Part?, field: String, location: TextLocation?) {
        self.file = file
        self.text = text
        self.part = part
        self.field = field
        locator = .yaml(location ?? TextLocation(position: SourcePosition(line: 1, column: 1), columnsExact: false))
    }

    /// The file position of a UTF-16 offset into `text`.
    public func position(atUTF16 offset: Int) -> SourcePosition {
        switch locator {
        case .prose(let starts, let lines):
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            let line = lines[low]
            let within = min(offset - starts[low], line.utf16.count)
            let index = line.utf16.index(line.utf16.startIndex, offsetBy: within)
            return SourcePosition(line: low + 1, column: line.unicodeScalars[..<index].count + 1)
        case .yaml(let location):
            let clamped = min(offset, text.utf16.count)
            let index = text.utf16.index(text.utf16.startIndex, offsetBy: clamped)
            return location.position(atOffset: text.unicodeScalars[..<index].count)
        }
    }

    /// The position where the value or file starts.
    public var start: SourcePosition { position(atUTF16: 0) }

    /// Replaces fenced code, inline code and HTML comments with spaces (line breaks kept).
    static func blankOutCodeAndComments(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var inFence: Character?
        var inComment = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { out.append("\n") }
            let trimmed = line.drop(while: { $0 == " " })
            if let fence = inFence {
                if trimmed.hasPrefix(String(repeating: fence, count: 3)) { inFence = nil }
                blank(line, into: &out)
                continue
            }
            if !inComment, let first = trimmed.first, first == "`" || first == "~", trimmed.hasPrefix(String(repeating: first, count: 3)) {
                inFence = first
                blank(line, into: &out)
                continue
            }
            let scalars = Array(line.unicodeScalars)
            var index = 0
            var inCode = false
            // Blanked characters become as many spaces as their UTF-16 length, so offsets still map to the file.
            func blankOne(_ scalar: Unicode.Scalar) { for _ in 0..<scalar.utf16.count { out.append(" ") } }
            while index < scalars.count {
                let scalar = scalars[index]
                if inComment {
                    if index + 2 < scalars.count, scalar == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" {
                        out.append(contentsOf: "   ".unicodeScalars)
                        index += 3
                        inComment = false
                        continue
                    }
                    blankOne(scalar)
                } else if inCode {
                    if scalar == "`" { inCode = false }
                    blankOne(scalar)
                } else if scalar == "<", index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                    inComment = true
                    continue
                } else if scalar == "`" {
                    inCode = true
                    blankOne(scalar)
                } else {
                    out.append(scalar)
                }
                index += 1
            }
        }
        if !out.isEmpty { out.removeLast() }
        return String(out)
    }

    private static func blank(_ line: Substring, into out: inout String.UnicodeScalarView) {
        for scalar in line.unicodeScalars {
            for _ in 0..<scalar.utf16.count { out.append(" ") }
        }
    }
}
