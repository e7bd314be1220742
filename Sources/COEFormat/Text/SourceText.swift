/// The text of one file, checked and normalised before any parser sees it.
///
/// Accepts UTF-8 with LF or CRLF line endings (CRLF is read as LF). Refuses,
/// with a positioned diagnostic: invalid UTF-8, a byte-order mark, NUL bytes and
/// leftover merge-conflict markers (a COE in a git repository gets those after a
/// conflicted merge, and no parser should read past them).
public struct SourceText: Sendable {
    /// The file's path, used in diagnostics.
    public let file: String
    /// The text with line endings normalised to LF.
    public let text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// Decodes and checks `bytes`; throws a `FormatError` naming line and column.
    public static func decode(_ bytes: [UInt8], file: String) throws -> SourceText {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw FormatError([Diagnostic(file: file, position: .init(line: 1, column: 1),
                message: "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM")])
        }
        // Swift validates UTF-8 fast; the slow scan runs only to find where a bad byte is.
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes) ?? 0
            throw FormatError([Diagnostic(file: file, position: position(ofByte: bad, in: bytes),
                message: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save the file as UTF-8")])
        }
        if let nul = bytes.firstIndex(ofByte: 0) {
            throw FormatError([Diagnostic(file: file, position: position(ofByte: nul, in: bytes),
                message: "NUL byte in a text file")])
        }
        var text = decoded
        if bytes.firstIndex(ofByte: 0x0D) != nil { text = text.replacingCRLF() }
        // Conflict markers are runs of seven equal characters; a file without such a run has none.
        guard ["<<<<<<<", "=======", ">>>>>>>", "|||||||"].contains(where: bytes.containsBytes) else {
            return SourceText(file: file, text: text)
        }
        var problems: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if isConflictMarker(line) {
                problems.append(Diagnostic(file: file, position: .init(line: index + 1, column: 1),
                    message: "merge-conflict marker '\(line.prefix(7))'; resolve the conflict first"))
            }
        }
        if !problems.isEmpty { throw FormatError(problems) }
        return SourceText(file: file, text: text)
    }

    /// The lines of the text (without their LF).
    public var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    private static func isConflictMarker(_ line: Substring) -> Bool {
        for marker in ["<<<<<<< ", ">>>>>>> ", "|||||||"] where line.hasPrefix(marker) { return true }
        return line == "<<<<<<<" || line == ">>>>>>>" || line == "======="
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    /// The line and column (in Unicode scalars) of a byte offset in valid-so-far UTF-8.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1, column = 1
        var index = 0
        while index < offset {
            let byte = bytes[index]
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }
}

extension String {
    func replacingCRLF() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if previousCR && scalar != "\n" { result.unicodeScalars.append("\r") }
            previousCR = scalar == "\r"
            if !previousCR { result.unicodeScalars.append(scalar) }
        }
        if previousCR { result.unicodeScalars.append("\r") }
        return result
    }
}
