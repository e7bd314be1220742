import COEFormat
import COEHistory
import Foundation
import GitKit

/// `coe audit` as text (one block per COE) or as JSON.
public enum AuditRenderer {
    static func date(_ seconds: Int64) -> String { Timestamp(seconds: seconds).description }
    static func hours(_ seconds: Int64) -> String { String(format: "%.1f h", Double(seconds) / 3600) }

    /// One block per COE, then how many process rules were broken.
    public static func text(_ report: Audit.Report, reviewPeriodHours: Int, style: TextStyle) -> String {
        var text = ""
        writeText(report, reviewPeriodHours: reviewPeriodHours, style: style) { text += $0 }
        return text
    }

    /// How many items of a long list a text report shows: the first `shownFirst` and the last `shownLast`.
    /// The JSON report keeps every one.
    static let shownFirst = 3, shownLast = 2

    /// The items of `list` a reader is shown, with "… N more …" in place of the middle of a long one: a COE
    /// edited two thousand times after its approval made a line of 80 KB, and the report of 156,000
    /// commits 38 MB of text.
    static func shortened(_ list: [String], more: (Int) -> String) -> [String] {
        guard list.count > shownFirst + shownLast + 1 else { return list }
        return Array(list.prefix(shownFirst)) + [more(list.count - shownFirst - shownLast)] + Array(list.suffix(shownLast))
    }

    /// The text report handed to `write` one COE at a time, as `writeJSON` does: it is never held whole.
    public static func writeText(_ report: Audit.Report, reviewPeriodHours: Int, style: TextStyle, to write: (String) -> Void) {
        if report.coes.isEmpty { return write("No COEs in the history.\n") }
        for coe in report.coes {
            var out: [String] = []
            defer { write(out.joined(separator: "\n") + "\n") }
            out.append(style.bold(coe.id) + "  " + style.dim(coe.path) + (coe.status.map { "  (\($0.rawValue))" } ?? ""))
            if let imported = coe.imported {
                out.append("  imported \(date(imported.time)) by \(imported.author), reviewed elsewhere (\(imported.commit.abbreviated(8)))")
            } else if let created = coe.created { out.append("  created \(date(created.time)) by \(created.author)") }
            let spent = COEStatus.allCases.compactMap { status in coe.secondsInStatus[status].map { "\(status.rawValue) \(hours($0))" } }
            if !spent.isEmpty { out.append("  time in status: " + spent.joined(separator: " · ")) }
            if let entered = coe.enteredReview { out.append("  entered review \(date(entered))") }
            if let approver = coe.approver, let review = coe.reviewHours {
                out.append("  approved \(date(approver.time)) by \(approver.author), after \(String(format: "%.1f", review)) h in review (period \(reviewPeriodHours) h)"
                           + (coe.selfApproved ? style.red(" — self-approved") : ""))
            } else if let approver = coe.approver {
                out.append("  approved \(date(approver.time)) by \(approver.author), without a review" + (coe.selfApproved ? style.red(" — self-approved") : ""))
            }
            if coe.approvalVoided {
                out.append("  " + style.yellow("approval void: the content changed after the last approval; approve again (coe approve)"))
            }
            let edits = coe.editsAfterApproval
            if !edits.isEmpty {
                // The first edit voided the approval; the last ones are what a reviewer has not seen yet.
                let shown = shortened(edits.map { "\($0.commit.abbreviated(8)) \"\($0.subject)\" by \($0.author)" }) {
                    "… \($0) more (coe log \(coe.id))"
                }
                out.append("  edits after approval" + (edits.count > 1 ? " (\(edits.count))" : "") + ": " + shown.joined(separator: "; "))
            }
            for (action, moves) in Dictionary(grouping: coe.dueMoves, by: \.action).sorted(by: { naturalLess($0.key, $1.key) }) {
                let total = moves.compactMap(\.days).reduce(0, +)
                let shown = shortened(moves.map { "\($0.from ?? "none") → \($0.to ?? "none")" }) { "… \($0) more" }
                out.append("  \(action) due date moved \(moves.count) time\(moves.count == 1 ? "" : "s"): "
                           + shown.joined(separator: ", ") + " (\(total >= 0 ? "+" : "")\(total) days)")
            }
            if let deleted = coe.deleted { out.append("  " + style.yellow("deleted \(date(deleted.time)) by \(deleted.author) in \(deleted.commit.abbreviated(8))")) }
            for violation in coe.violations {
                let commit = violation.commit.map { " (\($0.abbreviated(8)))" } ?? ""
                out.append("  " + style.paint("error", .bold, .red) + " [\(violation.rule)] \(violation.message)" + commit)
            }
            out.append("")
        }
        var out: [String] = []
        if !report.vanished.isEmpty {
            out.append(style.bold("History the server saw that no branch holds now") + " (a forced update, or a deleted branch):")
            for gone in report.vanished {
                out.append("  " + style.yellow("\(gone.commit.abbreviated(8)) \"\(gone.subject)\" by \(gone.author), seen \(date(gone.seen))")
                           + ": changed \(gone.coes.joined(separator: ", "))"
                           + (gone.recordsAdded.isEmpty ? "" : "; added review records no history holds: \(gone.recordsAdded.joined(separator: ", "))"))
            }
            out.append("")
        }
        let count = report.violationCount
        out.append("\(report.coes.count) COE\(report.coes.count == 1 ? "" : "s"), \(count) process rule\(count == 1 ? "" : "s") broken")
        write(out.joined(separator: "\n") + "\n")
    }

    /// `{"coes": [...], "violations": N}`; schema in docs/history.md.
    public static func json(_ report: Audit.Report) -> String {
        var out: [UInt8] = []
        writeJSON(report) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same JSON, handed to `write` one COE at a time: a thousand COEs' report (30 MB) is never
    /// held whole, as text or as objects.
    public static func writeJSON(_ report: Audit.Report, to write: ([UInt8]) -> Void) {
        write(Array("{\n  \"coes\" : [".utf8))
        for (index, coe) in report.coes.enumerated() {
            write(Array(((index == 0 ? "" : ",") + "\n    ").utf8) + JSONText.fragment(object(coe), indent: 4))
        }
        let vanished = JSON.array(report.vanished.map { gone in
            ["commit": .string(gone.commit.hex), "seen": .string(date(gone.seen)), "subject": .string(gone.subject),
             "author": .string(gone.author), "coes": .array(gone.coes.map { .string($0) }),
             "records_added": .array(gone.recordsAdded.map { .string($0) })]
        })
        write(Array(((report.coes.isEmpty ? "]" : "\n  ]") + ",\n  \"vanished\" : ").utf8) + JSONText.fragment(vanished, indent: 2)
              + Array(",\n  \"violations\" : \(report.violationCount)\n}\n".utf8))
    }

    static func object(_ coe: Audit.COEReport) -> JSON {
        func event(_ event: Audit.Event?) -> JSON {
            guard let event else { return .null }
            return ["commit": .string(event.commit.hex), "subject": .string(event.subject), "author": .string(event.author), "date": .string(date(event.time))]
        }
        return [
            "id": .string(coe.id), "path": .string(coe.path), "status": .string(coe.status?.rawValue),
            "created": event(coe.created),
            "hours_in_status": .object(coe.secondsInStatus.map { ($0.key.rawValue, .double(Double($0.value) / 3600)) }),
            "entered_review": .string(coe.enteredReview.map(date)),
            "approved": event(coe.approver),
            "review_hours": coe.reviewHours.map { .double($0) } ?? .null,
            "self_approved": .bool(coe.selfApproved),
            "edits_after_approval": .array(coe.editsAfterApproval.map { event($0) }),
            "approval_voided": .bool(coe.approvalVoided),
            "due_moves": .array(coe.dueMoves.map {
                ["action": .string($0.action), "from": .string($0.from), "to": .string($0.to),
                 "days": $0.days.map { .int(Int64($0)) } ?? .null, "commit": .string($0.commit.hex)]
            }),
            "deleted": event(coe.deleted),
            "imported": event(coe.imported),
            "violations": .array(coe.violations.map { ["rule": .string($0.rule), "message": .string($0.message), "commit": .string($0.commit?.hex)] }),
        ]
    }
}
