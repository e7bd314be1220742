import COEFormat
import COEHistory
import Foundation
import GitKit

/// `coe audit` as text (one block per COE) or as JSON.
public enum AuditRenderer {
    static func date(_ seconds: Int64) -> String { Timestamp(seconds: seconds).description }
    static func hours(_ seconds: Int64) -> String { String(format: "%.1f h", Double(seconds) / 3600) }

    public static func text(_ report: Audit.Report, reviewPeriodHours: Int, style: TextStyle) -> String {
        if report.coes.isEmpty { return "No COEs in the history.\n" }
        var out: [String] = []
        for coe in report.coes {
            out.append(style.bold(coe.id) + "  " + style.dim(coe.path) + (coe.status.map { "  (\($0.rawValue))" } ?? ""))
            if let created = coe.created { out.append("  created \(date(created.time)) by \(created.author)") }
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
            if !coe.editsAfterApproval.isEmpty {
                out.append("  edits after approval: " + coe.editsAfterApproval.map { "\($0.commit.abbreviated(8)) \"\($0.subject)\" by \($0.author)" }.joined(separator: "; "))
            }
            for (action, moves) in Dictionary(grouping: coe.dueMoves, by: \.action).sorted(by: { naturalLess($0.key, $1.key) }) {
                let total = moves.compactMap(\.days).reduce(0, +)
                out.append("  \(action) due date moved \(moves.count) time\(moves.count == 1 ? "" : "s"): "
                           + moves.map { "\($0.from ?? "none") → \($0.to ?? "none")" }.joined(separator: ", ") + " (\(total >= 0 ? "+" : "")\(total) days)")
            }
            if let deleted = coe.deleted { out.append("  " + style.yellow("deleted \(date(deleted.time)) by \(deleted.author) in \(deleted.commit.abbreviated(8))")) }
            for violation in coe.violations {
                out.append("  " + style.red(style.bold("error")) + " [\(violation.rule)] \(violation.message)" + (violation.commit.map { " (\($0.abbreviated(8)))" } ?? ""))
            }
            out.append("")
        }
        let count = report.violationCount
        out.append("\(report.coes.count) COE\(report.coes.count == 1 ? "" : "s"), \(count) process rule\(count == 1 ? "" : "s") broken")
        return out.joined(separator: "\n") + "\n"
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
        write(Array(((report.coes.isEmpty ? "]" : "\n  ]") + ",\n  \"violations\" : \(report.violationCount)\n}\n").utf8))
    }

    static func object(_ coe: Audit.COEReport) -> [String: Any] {
        func event(_ event: Audit.Event?) -> Any {
            guard let event else { return NSNull() }
            return ["commit": event.commit.hex, "subject": event.subject, "author": event.author, "date": date(event.time)]
        }
        return [
                "id": coe.id, "path": coe.path, "status": coe.status?.rawValue ?? NSNull(),
                "created": event(coe.created),
                "hours_in_status": Dictionary(uniqueKeysWithValues: coe.secondsInStatus.map { ($0.key.rawValue, Double($0.value) / 3600) }),
                "entered_review": coe.enteredReview.map(date) ?? NSNull(),
                "approved": event(coe.approver),
                "review_hours": coe.reviewHours.map { $0 as Any } ?? NSNull(),
                "self_approved": coe.selfApproved,
                "edits_after_approval": coe.editsAfterApproval.map { event($0) },
                "approval_voided": coe.approvalVoided,
                "due_moves": coe.dueMoves.map { ["action": $0.action, "from": $0.from ?? NSNull(), "to": $0.to ?? NSNull(),
                                                 "days": $0.days ?? NSNull(), "commit": $0.commit.hex] as [String: Any] },
                "deleted": event(coe.deleted),
                "violations": coe.violations.map { ["rule": $0.rule, "message": $0.message, "commit": $0.commit?.hex ?? NSNull()] as [String: Any] },
            ]
    }
}
