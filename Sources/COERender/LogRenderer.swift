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
        JSONText.text(entries.map { entry -> [String: Any] in
            [
                "commit": entry.commit.id.hex,
                "author": ["name": entry.commit.author.name, "email": entry.commit.author.email],
                "date": isoDate(entry.commit.author),
                "committer_date": isoDate(entry.commit.committer),
                "subject": entry.commit.subject,
                "path": entry.path ?? NSNull(),
                "status_from": entry.statusFrom?.rawValue ?? NSNull(),
                "status_to": entry.statusTo?.rawValue ?? NSNull(),
                "after_approval": entry.afterApproval,
                "changes": entry.changes.map { change -> [String: Any] in
                    ["kind": change.kind.rawValue, "item": change.item ?? NSNull(), "field": change.field ?? NSNull(),
                     "from": change.from ?? NSNull(), "to": change.to ?? NSNull(), "text": change.text]
                },
            ]
        })
    }

    /// A git signature's time in its own offset, as ISO 8601.
    static func isoDate(_ signature: Signature) -> String {
        Timestamp(seconds: signature.time, offsetMinutes: Int(signature.offsetMinutes), isZulu: signature.offsetMinutes == 0).description
    }
}
