import COEFormat
import COEHistory
import Foundation

/// One row of `coe actions`: an action item with its COE.
public struct ActionRow: Sendable {
    public let coeID: String
    public let coeTitle: String
    public let directory: String
    public let item: ActionItem
    /// Days from today to the due date (negative when past it), for an open item; nil for one done or replaced.
    public let daysLeft: Int?
    public let overdue: Bool
    /// Its owner is not a configured team or role (rule A8).
    public let orphaned: Bool
    /// How its evidence stands, when verified (`coe actions --verify`).
    public var verdict: EvidenceCheck.Verdict?

    /// The rows of the COEs read, in COE then action order (A2 before A10), as of `today`.
    public static func rows(_ documents: [(directory: String, document: COEDocument)], today: CalendarDate,
                            configuration: Configuration) -> [ActionRow] {
        documents.flatMap { directory, document in
            document.actions.sorted { naturalLess($0.id, $1.id) }.map { item in
                ActionRow(coeID: document.metadata.id, coeTitle: document.metadata.title, directory: directory, item: item,
                          daysLeft: item.isOpen ? item.daysLeft(on: today) : nil, overdue: item.isOverdue(on: today),
                          orphaned: item.owner.map { !configuration.knowsOwner($0) } ?? false)
            }
        }
    }
}

/// `coe actions` as a table, JSON, CSV or Markdown. The columns, in every format: the COE's id and title,
/// the action's id, title, owner, priority, due date, days left, status and ticket, whether it is
/// overdue and whether its owner is orphaned, how often its due date slipped and its evidence (docs/actions.md).
public enum ActionsRenderer {
    public static let csvColumns = ["coe", "coe_title", "action", "title", "owner", "priority", "due", "days_left", "status", "ticket",
                                    "overdue", "orphaned", "slips", "evidence"]
    /// The columns `--verify` adds after `csvColumns`.
    public static let verifiedColumns = ["evidence_holds", "evidence_problems"]

    static func fields(_ row: ActionRow) -> [String] {
        let item = row.item
        return [row.coeID, row.coeTitle, item.id, item.title, item.owner ?? "", item.priority?.rawValue ?? "", item.due?.description ?? "",
                row.daysLeft.map(String.init) ?? "", item.status.rawValue, item.ticket ?? "", row.overdue ? "true" : "false",
                row.orphaned ? "true" : "false", String(item.slips.count), item.evidence ?? ""]
    }

    /// `verified`: the rows were verified (`--verify`), so the evidence column is printed, even for no rows.
    public static func text(_ rows: [ActionRow], unreadable: [String], verified: Bool = false, style: TextStyle) -> String {
        var out = ""
        if rows.isEmpty {
            out = "No action items match.\n"
        } else {
            var table = [["COE", "ACTION", "OWNER", "PRIORITY", "DUE", "LEFT", "SLIPS", "STATUS", "TICKET", "TITLE"] + (verified ? ["EVIDENCE"] : [])]
            for row in rows {
                let item = row.item
                let owner = (item.owner ?? "-") + (row.orphaned ? " (orphaned)" : "")
                table.append([row.coeID, item.id, owner, item.priority?.rawValue ?? "-", item.due?.description ?? "-",
                              row.daysLeft.map { "\($0)d" } ?? "-", item.slips.isEmpty ? "-" : String(item.slips.count), item.status.rawValue, item.ticket ?? "-", shortened(item.title, 60)]
                              + (verified ? [row.verdict.map(evidenceCell) ?? "-"] : []))
            }
            // Overdue items' days left in red, orphaned owners in yellow.
            out = TextTable.render(table, style: style) { index, column, cell in
                switch column {
                case 0: return style.dim(cell)
                case 2 where rows[index].orphaned: return style.yellow(cell)
                case 5 where rows[index].overdue: return style.red(cell)
                case 10 where rows[index].verdict?.holds == false: return style.red(cell)
                default: return cell
                }
            }
            let overdue = rows.filter(\.overdue).count, open = rows.filter { $0.item.isOpen }.count
            out += "\(rows.count) action item\(rows.count == 1 ? "" : "s"), \(open) open, \(overdue) overdue"
            if verified {
                let failing = rows.filter { $0.verdict?.holds == false }.count
                out += ", \(failing) whose evidence does not hold"
            }
            out += "\n"
        }
        for directory in unreadable { out += "\(directory): could not be read; its action items are not listed (coe show says why)\n" }
        return out
    }

    /// A verdict in a cell: what the evidence was read as when it holds, else every problem.
    static func evidenceCell(_ verdict: EvidenceCheck.Verdict) -> String {
        verdict.holds ? "ok (\(verdict.kinds.joined(separator: ", ")))" : verdict.problems.joined(separator: "; ")
    }

    /// A slip as JSON, wherever an item's slips are printed (`coe actions`, `coe show`).
    static func json(_ slip: ActionSlip) -> JSON {
        ["date": JSON(slip.date.description), "from": JSON(slip.from?.description), "to": JSON(slip.to.description), "reason": JSON(slip.reason)]
    }

    /// A progress note as JSON.
    static func json(_ note: ActionNote) -> JSON {
        ["date": JSON(note.date.description), "by": JSON(note.by), "text": JSON(note.text)]
    }

    public static func json(_ rows: [ActionRow]) -> String {
        JSONText.text(.array(rows.map { row -> JSON in
            let item = row.item
            return ["coe": JSON(row.coeID), "coe_title": JSON(row.coeTitle), "path": JSON(row.directory), "action": JSON(item.id),
                    "title": JSON(item.title), "owner": JSON(item.owner), "priority": JSON(item.priority?.rawValue),
                    "due": JSON(item.due?.description), "days_left": JSON(row.daysLeft), "status": JSON(item.status.rawValue),
                    "ticket": JSON(item.ticket), "done_on": JSON(item.doneOn?.description), "done_by": JSON(item.doneBy),
                    "overdue": JSON(row.overdue), "orphaned": JSON(row.orphaned), "evidence": JSON(item.evidence),
                    "slips": .array(item.slips.map(json)), "notes": .array(item.notes.map(json)),
                    "verification": row.verdict.map { verdict -> JSON in
                        ["holds": JSON(verdict.holds), "kinds": JSON(verdict.kinds), "problems": JSON(verdict.problems)]
                    } ?? .null]
        }))
    }

    /// RFC 4180: a header of `csvColumns`, CRLF line ends, fields quoted when they hold a comma, quote or line
    /// break. A text field a spreadsheet would run as a formula (=, +, -, @ first) gets a leading `'`.
    public static func csv(_ rows: [ActionRow], verified: Bool = false) -> String {
        func cell(_ text: String, _ column: Int) -> String {
            var text = text
            let numeric = column == 7 || column == 12
            if !numeric, let first = text.first, "=+-@".contains(first) { text = "'" + text }
            if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return text
        }
        // Verified (--verify): two more columns at the end, so the others keep their places.
        var out = (csvColumns + (verified ? verifiedColumns : [])).joined(separator: ",") + "\r\n"
        for row in rows {
            let extra = verified ? [row.verdict.map { $0.holds ? "true" : "false" } ?? "", row.verdict?.problems.joined(separator: "; ") ?? ""] : []
            out += (fields(row) + extra).enumerated().map { cell($1, $0) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A Markdown table, for a pull-request comment or an operations review.
    /// Text in a Markdown table cell or list item: no line breaks, and the characters that would start
    /// markup (`\`, `|`, `*`, `_`, `` ` ``, `[`, `]`, `<`, `>`) escaped.
    static func markdownEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\n" || character == "\r" { out.append(" "); continue }
            if "\\|*_`[]<>".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    public static func markdown(_ rows: [ActionRow], verified: Bool = false) -> String {
        let escaped = markdownEscaped
        var out = "| COE | action | owner | priority | due | days left | slips | status | ticket | title |" + (verified ? " evidence |" : "") + "\n"
            + "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- | --- |" + (verified ? " --- |" : "") + "\n"
        for row in rows {
            let item = row.item
            let left = row.daysLeft.map { row.overdue ? "**\($0)**" : String($0) } ?? ""
            out += "| `\(row.coeID)` | \(item.id) | \(escaped(item.owner ?? "")) | \(item.priority?.rawValue ?? "") | \(item.due?.description ?? "") "
                + "| \(left) | \(item.slips.isEmpty ? "" : String(item.slips.count)) | \(item.status.rawValue) | \(escaped(item.ticket ?? "")) | \(escaped(item.title)) |"
                + (verified ? " \(row.verdict.map { $0.holds ? escaped(evidenceCell($0)) : "**\(escaped(evidenceCell($0)))**" } ?? "") |" : "") + "\n"
        }
        return out
    }

    /// The first line of `text`, cut to `length` characters with `…` when longer; one pass over at most
    /// `length` characters (a thousand COEs' titles, counted whole, were a tenth of `coe actions`).
    static func shortened(_ text: String, _ length: Int) -> String {
        guard length > 0 else { return "" }
        // ASCII (the usual title): a character is a byte.
        var copy = text
        let ascii = copy.withUTF8 { bytes -> String? in
            var end = 0
            while end < bytes.count, bytes[end] != 0x0A {
                if bytes[end] >= 0x80 { return nil }
                end += 1
            }
            let cut = end <= length ? end : length - 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self) + (end <= length ? "" : "…")
        }
        if let ascii { return ascii }
        var end = text.startIndex, count = 0
        while end < text.endIndex, text[end] != "\n", count < length {
            text.formIndex(after: &end)
            count += 1
        }
        if end == text.endIndex || text[end] == "\n" { return String(text[..<end]) }
        return String(text[..<text.index(before: end)]) + "…"
    }
}

/// `coe remind`: per owner, the open action items due within a few days and the overdue ones, ready to
/// paste into a chat message or a mail (no network).
public enum RemindRenderer {
    /// The items to remind of, by owner (sorted; an item without an owner under "(no owner)"), most overdue first.
    public static func byOwner(_ rows: [ActionRow], within days: Int) -> [(owner: String, rows: [ActionRow])] {
        let due = rows.filter { row in row.item.isOpen && (row.overdue || (row.daysLeft.map { $0 <= days } ?? false)) }
        return Dictionary(grouping: due) { $0.item.owner ?? "(no owner)" }
            .map { owner, rows in (owner, rows.sorted { ($0.daysLeft ?? 0, $0.coeID, $0.item.id) < ($1.daysLeft ?? 0, $1.coeID, $1.item.id) }) }
            .sorted { $0.owner.lowercased() < $1.owner.lowercased() }
    }

    static func when(_ row: ActionRow) -> String {
        guard let left = row.daysLeft, let due = row.item.due else { return "" }
        switch left {
        case ..<0: return "overdue since \(due) (\(-left) day\(left == -1 ? "" : "s"))"
        case 0: return "due today (\(due))"
        default: return "due \(due) (in \(left) day\(left == 1 ? "" : "s"))"
        }
    }

    public static func text(_ groups: [(owner: String, rows: [ActionRow])], within days: Int, style: TextStyle) -> String {
        if groups.isEmpty { return "Nothing overdue or due within \(days) day\(days == 1 ? "" : "s").\n" }
        var out = ""
        for group in groups {
            out += style.bold(group.owner) + "\n"
            for row in group.rows {
                let when = when(row)
                out += "  \(row.overdue ? style.red(when) : when): \(row.item.id) \(row.item.title) (\(row.coeID)"
                    + (row.item.ticket.map { ", \($0)" } ?? "") + ")\n"
            }
        }
        return out
    }

    public static func markdown(_ groups: [(owner: String, rows: [ActionRow])], within days: Int) -> String {
        if groups.isEmpty { return "Nothing overdue or due within \(days) day\(days == 1 ? "" : "s").\n" }
        let escaped = ActionsRenderer.markdownEscaped
        var out = ""
        for group in groups {
            out += "**\(escaped(group.owner))**\n\n"
            for row in group.rows {
                let when = when(row)
                out += "- \(row.overdue ? "**\(when)**" : when): \(row.item.id) \(escaped(row.item.title)) (`\(row.coeID)`"
                    + (row.item.ticket.map { ", \(escaped($0))" } ?? "") + ")\n"
            }
            out += "\n"
        }
        return out
    }

    public static func json(_ groups: [(owner: String, rows: [ActionRow])]) -> String {
        JSONText.text(.array(groups.map { group -> JSON in
            ["owner": JSON(group.owner), "items": .array(group.rows.map { row -> JSON in
                ["coe": JSON(row.coeID), "action": JSON(row.item.id), "title": JSON(row.item.title), "due": JSON(row.item.due?.description),
                 "days_left": JSON(row.daysLeft), "overdue": JSON(row.overdue), "ticket": JSON(row.item.ticket)]
            })]
        }))
    }
}
