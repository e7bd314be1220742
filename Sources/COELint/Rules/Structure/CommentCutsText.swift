import COEFormat
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// S5: no YAML text value is cut short by a comment.
///
/// In YAML, ` #` starts a comment wherever it stands in an unquoted value, so `event: Rolled back build
/// #4512` is read as "Rolled back build" and the rest is dropped without a word: a ticket number, an
/// incident number ("Incident #19009"), a channel name. The reader gives each text value's start and its
/// text; an unquoted value on one line ends where its text does, so whatever follows on that line in the
/// file can only be a comment. Only lines that hold a `#` are looked at.
public struct CommentCutsText: Rule {
    public static let description = RuleDescription(
        id: "S5", name: "Text cut short by a comment", level: .warning, appliesToDrafts: true,
        checks: "No unquoted YAML text value (a title, a timeline event, a why or its answer, an action's title …) is followed on its line "
            + "by ` #`, which YAML reads as the start of a comment: 'event: Rolled back build #4512' is read as 'Rolled back build'.",
        rationale: "A COE keeps its authors' words. Text that YAML drops without a word is text no reviewer reads; the standard's S3 "
            + "asks that nothing be silently ignored.",
        fix: "Quote the value ('…' or \"…\") so that the # is part of it, or put a comment that is meant on a line of its own.",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The on-call engineer rolled back build ↓#4512 and sign-ins began to succeed.

                """),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Incident ↓#19009
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: "The on-call engineer rolled back build #4512 and sign-ins began to succeed."

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  # The error rate is the one on the sign-in dashboard.
                  event: The sign-in error rate was back to its normal level, as issue#88 records.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // Each file's lines, found once; nil for a file without a `#` (most files: one look at its bytes).
        var lines: [String: Lines?] = [:]
        var last: (file: String, lines: Lines?)?
        for unit in context.fieldUnits {
            // Quoted, block and multi-line values do not say where they end on a line: YAML keeps a `#` in
            // quotes, and a plain value over several lines is rare in these files.
            guard let location = unit.yamlLocation, location.columnsExact else { continue }
            // Units come file by file: the last file's lines, without hashing its name again.
            let fileLines: Lines?
            if let last, last.file == unit.file {
                fileLines = last.lines
            } else {
                fileLines = lines[unit.file] ?? {
                    let found = Lines(context.document.sources[unit.file] ?? "")
                    lines[unit.file] = found
                    return found
                }()
                last = (unit.file, fileLines)
            }
            guard let fileLines, let line = fileLines.line(location.position.line), fileLines.holdsHash(line) else { continue }
            let bytes = fileLines.bytes
            // Columns count Unicode scalars, as libyaml's marks do: the value ends after this many of the line's.
            let valueEnd = location.position.column - 1 + unit.text.unicodeScalars.count
            var index = line.lowerBound, scalars = 0
            while scalars < valueEnd, index < line.upperBound {
                index += 1
                while index < line.upperBound, bytes[index] & 0xC0 == 0x80 { index += 1 }
                scalars += 1
            }
            guard scalars == valueEnd else { continue }
            var column = valueEnd + 1
            while index < line.upperBound, bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
                column += 1
            }
            guard index < line.upperBound, bytes[index] == 0x23, column > valueEnd + 1 else { continue }
            let comment = String(decoding: bytes[index..<line.upperBound], as: UTF8.self).trimmingCharacters(in: .whitespaces)   // it starts with "#"
            let kept = unit.text.count > 40 ? "…" + unit.text.suffix(40) : unit.text
            findings.append(finding(unit.file, SourcePosition(line: location.position.line, column: column),
                                    "YAML reads '\(comment.count > 40 ? comment.prefix(40) + "…" : comment)' as a comment, so this "
                                        + "\(unit.field ?? "value") ends at '\(kept)'; quote the value to keep the rest, or put a comment on a line of its own"))
        }
        return findings
    }

    /// A file's UTF-8 and where its lines start, as splitting its characters at "\n" gives them (a "\r\n" is one
    /// character, so a line ends at a "\n" only when no "\r" comes before it).
    ///
    /// By bytes: splitting the text into lines of characters and walking their scalars was 8 % of the instructions
    /// of `coe lint --no-cache` of 100 generated COEs (every timeline.yaml there holds a `#`): 150.1 million of
    /// 1,867.7 million (callgrind, 2026-12-02).
    struct Lines {
        let bytes: [UInt8]
        /// The offset of each line's first byte, and one past the end of the file.
        private let starts: [Int]

        /// Nil when the text holds no `#`.
        init?(_ text: String) {
            var text = text
            let bytes = text.withUTF8 { buffer -> [UInt8]? in
                guard let base = buffer.baseAddress, memchr(base, Int32(UInt8(ascii: "#")), buffer.count) != nil else { return nil }
                return Array(buffer)
            }
            guard let bytes else { return nil }
            var starts = [0]
            for index in bytes.indices where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { starts.append(index + 1) }
            starts.append(bytes.count + 1)
            self.bytes = bytes
            self.starts = starts
        }

        /// True when the bytes in `range` hold a `#`, found with `memchr`: most lines of a file that holds one do
        /// not, and their values' scalars need not be counted (counted first, the 13,000 values of the 1,000
        /// timelines of 1,000 generated COEs cost ~80 million instructions; callgrind, 2026-12-02).
        func holdsHash(_ range: Range<Int>) -> Bool {
            guard !range.isEmpty else { return false }
            return bytes.withUnsafeBufferPointer { memchr($0.baseAddress! + range.lowerBound, 0x23, range.count) != nil }
        }

        /// The bytes of line `number` (from 1), without its "\n"; nil past the last line.
        func line(_ number: Int) -> Range<Int>? {
            guard number >= 1, number < starts.count else { return nil }
            return starts[number - 1]..<(starts[number] - 1)
        }
    }
}
