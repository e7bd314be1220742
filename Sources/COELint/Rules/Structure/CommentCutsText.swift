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
        // Each file's lines, split once; an empty list for a file without a `#` (most files: one look at its bytes).
        var lines: [String: [Substring]] = [:]
        for unit in context.fieldUnits {
            // Quoted, block and multi-line values do not say where they end on a line: YAML keeps a `#` in
            // quotes, and a plain value over several lines is rare in these files.
            guard let location = unit.yamlLocation, location.columnsExact else { continue }
            let fileLines = lines[unit.file] ?? {
                var source = context.document.sources[unit.file] ?? ""
                let hasHash = source.withUTF8 { bytes in
                    bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "#")), bytes.count) != nil } ?? false
                }
                let split = hasHash ? source.split(separator: "\n", omittingEmptySubsequences: false) : []
                lines[unit.file] = split
                return split
            }()
            guard location.position.line <= fileLines.count else { continue }
            let line = fileLines[location.position.line - 1].unicodeScalars
            // Columns count Unicode scalars, as libyaml's marks do.
            let valueEnd = location.position.column - 1 + unit.text.unicodeScalars.count
            guard valueEnd <= line.count else { continue }
            var index = line.index(line.startIndex, offsetBy: valueEnd)
            var column = valueEnd + 1
            while index < line.endIndex, line[index] == " " || line[index] == "\t" {
                index = line.index(after: index)
                column += 1
            }
            guard index < line.endIndex, line[index] == "#", column > valueEnd + 1 else { continue }
            let comment = String(line[index...]).trimmingCharacters(in: .whitespaces)   // it starts with "#"
            let kept = unit.text.count > 40 ? "…" + unit.text.suffix(40) : unit.text
            findings.append(finding(unit.file, SourcePosition(line: location.position.line, column: column),
                                    "YAML reads '\(comment.count > 40 ? comment.prefix(40) + "…" : comment)' as a comment, so this "
                                        + "\(unit.field ?? "value") ends at '\(kept)'; quote the value to keep the rest, or put a comment on a line of its own"))
        }
        return findings
    }
}
