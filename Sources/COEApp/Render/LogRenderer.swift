import COEFormat
import COEHistory
import Foundation
import GitKit

/// `coe log` as text (like `git log`, with each commit's changes in COE terms) or as JSON.
public enum LogRenderer {
    public static func text(_ entries: [LogEntry], style: TextStyle) -> String {
        if entries.isEmpty { return "No commits changed this COE.\n" }
        return entries.map { entry in
            var lines = [style.yellow("commit \(entry.commit.id.hex)")]
            lines.append("Author: \(entry.commit.author.name) <\(entry.commit.author.email)>")
            lines.append("Date:   \(isoDate(entry.commit.author))")
            lines.append("")
            lines.append("    \(entry.commit.subject)")
            lines.append("")
            for change in entry.changes { lines.append("  - \(change.text)") }
            if entry.afterApproval { lines.append("  " + style.red("! edited after approval")) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// An array of objects, newest first; schema in docs/history.md.
    public static func json(_ entries: [LogEntry]) -> String {
        JSONText.text(.array(entries.map { entry -> JSON in
            [
                "commit": .string(entry.commit.id.hex),
                "author": ["name": .string(entry.commit.author.name), "email": .string(entry.commit.author.email)],
                "date": .string(isoDate(entry.commit.author)),
                "committer_date": .string(isoDate(entry.commit.committer)),
                "subject": .string(entry.commit.subject),
                "path": .string(entry.path),
                "status_from": .string(entry.statusFrom?.rawValue),
                "status_to": .string(entry.statusTo?.rawValue),
                "after_approval": .bool(entry.afterApproval),
                "changes": .array(entry.changes.map { change -> JSON in
                    ["kind": .string(change.kind.rawValue), "item": .string(change.item), "field": .string(change.field),
                     "from": .string(change.from), "to": .string(change.to), "text": .string(change.text)]
                }),
            ]
        }))
    }

    /// A git signature's time in its own offset, as ISO 8601.
    static func isoDate(_ signature: Signature) -> String {
        Timestamp(seconds: signature.time, offsetMinutes: Int(signature.offsetMinutes), isZulu: signature.offsetMinutes == 0).description
    }
}
