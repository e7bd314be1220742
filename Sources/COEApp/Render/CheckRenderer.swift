import COEFormat
import COEGates
import COELint

/// `coe check --format markdown`: a summary fit for a pull-request comment.
public enum CheckRenderer {
    public static func markdown(_ result: RangeCheck.Result, now: Int64) -> String {
        let errors = result.report.errorCount
        var out: [String] = []
        out.append("### coe check: " + (errors == 0 ? "passed" : "\(errors) error\(errors == 1 ? "" : "s")"))
        out.append("")
        out.append("\(result.report.commits) commit\(result.report.commits == 1 ? "" : "s") checked (`\(result.base.abbreviated(8))..\(result.head.abbreviated(8))`).")
        out.append("")
        if result.summaries.isEmpty {
            out.append("No COE changed.")
            return out.joined(separator: "\n") + "\n"
        }
        out.append("| COE | status | errors | warnings | open comments | approvals | next |")
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        for coe in result.summaries {
            var next: String
            if let after = coe.approvableAfter {
                next = after > now ? "approvable after \(Timestamp(seconds: after).utcMinute), in \(DurationText.text(after - now))" : "approvable now"
                if coe.openComments > 0 { next += "; resolve the open comments first" }
            } else if coe.status?.isApproved == true, !coe.stillNeeded.isEmpty {
                next = "approve again: " + coe.stillNeeded.joined(separator: "; ")
            } else {
                next = coe.status == .draft ? "`coe submit \(coe.id)` when lint-clean" : ""
            }
            let title = coe.title.map { " " + escape($0) } ?? ""
            out.append("| `\(coe.id)`\(title) | \(coe.status?.rawValue ?? "unreadable") | \(coe.errors) | \(coe.warnings) | \(coe.openComments) "
                       + "| \(coe.approvals) of \(coe.requiredApprovals) | \(next) |")
        }
        let findings = result.report.results.flatMap(\.findings)
        if !findings.isEmpty {
            out.append("")
            out.append("<details><summary>\(findings.count) finding\(findings.count == 1 ? "" : "s")</summary>")
            out.append("")
            for finding in findings {
                let place = finding.position.map { "\(finding.file):\($0.line):\($0.column)" } ?? finding.file
                out.append("- **\(finding.level.rawValue)** `\(place)`" + (finding.rule.map { " [\($0)]" } ?? "") + " " + escape(finding.message))
            }
            out.append("")
            out.append("</details>")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

}
