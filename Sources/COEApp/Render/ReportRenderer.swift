import COEFormat
import Foundation

/// `coe report` as text, Markdown (for a weekly operations review) or JSON; every figure is defined in
/// docs/reports.md.
public enum ReportRenderer {
    // MARK: Pieces shared by the formats

    /// A duration for people (`DurationText`); `-` for none.
    static func duration(_ seconds: Int64?) -> String { seconds.map(DurationText.text) ?? "-" }

    static func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded())) %" } ?? "-" }

    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    /// What the period is, in words.
    static func period(_ report: ProcessReport) -> String {
        (report.since.map { "COEs created \($0) to \(report.until)" } ?? "COEs created up to \(report.until)") + ", as of \(report.today) (UTC)"
    }

    /// The month-by-month series, in order: a title, and each month's value (nil: no data).
    static func series(_ report: ProcessReport) -> [(title: String, values: [Int?])] {
        [("COEs opened", report.months.map(\.opened)), ("COEs closed", report.months.map(\.closed)),
         ("actions due", report.months.map(\.actionsDue)), ("actions done", report.months.map(\.actionsDone)),
         ("overdue at month end", report.months.map(\.overdueAtEnd))]
    }

    /// A sparkline of Unicode blocks, one per value, from ▁ (zero) to █ (the largest); a space for no data.
    public static func blocks(_ values: [Int?]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = values.compactMap { $0 }.max() ?? 0
        return String(values.map { value -> Character in
            guard let value else { return " " }
            guard top > 0 else { return bars[0] }
            return bars[Int((Double(value) / Double(top) * Double(bars.count - 1)).rounded())]
        })
    }

    /// A small inline SVG sparkline (no external resource): a line through the values, a dot on the last
    /// one, and a `<title>` that says the values, for screen readers and as a tooltip.
    public static func svg(_ values: [Int?], title: String) -> String {
        let width = 96.0, height = 20.0, margin = 2.0
        let top = Double(values.compactMap { $0 }.max() ?? 0)
        func x(_ index: Int) -> Double { values.count < 2 ? width / 2 : margin + Double(index) * (width - 2 * margin) / Double(values.count - 1) }
        func y(_ value: Int) -> Double { top == 0 ? height - margin : height - margin - Double(value) / top * (height - 2 * margin) }
        let number = GraphRenderer.f
        let points = values.enumerated().compactMap { index, value in value.map { "\(number(x(index))),\(number(y($0)))" } }
        let said = values.map { $0.map(String.init) ?? "no data" }.joined(separator: ", ")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\"><title>\(XMLText.escaped(title)): \(said)</title>"
        if points.count > 1 {
            out += "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
        }
        if let last = values.indices.last(where: { values[$0] != nil }), let value = values[last] {
            out += "<circle cx=\"\(number(x(last)))\" cy=\"\(number(y(value)))\" r=\"2\" fill=\"currentColor\"/>"
        }
        return out + "</svg>"
    }

    static let statusColumns = COEStatus.allCases

    /// Rows of severity by status (severities with COEs, then the totals).
    static func severityRows(_ report: ProcessReport) -> [[String]] {
        var rows: [[String]] = []
        for severity in IncidentSeverity.allCases {
            guard let count = report.bySeverity[severity], count > 0 else { continue }
            let cells = statusColumns.map { String(report.bySeverityAndStatus[severity]?[$0] ?? 0) }
            rows.append([severity.rawValue] + cells + [String(count)])
        }
        rows.append(["all"] + statusColumns.map { String(report.byStatus[$0] ?? 0) } + [String(report.coes)])
        return rows
    }

    /// Rows of response times: all COEs, then each severity with COEs.
    static func responseRows(_ report: ProcessReport) -> [[String]] {
        report.responseTimes.filter { $0.severity == nil || $0.times.coes > 0 }.map { severity, times in
            [severity?.rawValue ?? "all", String(times.coes), duration(times.detect.median), duration(times.detect.p90),
             duration(times.mitigate.median), duration(times.mitigate.p90), duration(times.impact.median), duration(times.impact.p90)]
        }
    }

    static let responseHeader = ["severity", "COEs", "detect median", "detect p90", "mitigate median", "mitigate p90", "impact median", "impact p90"]

    static func skippedLine(_ report: ProcessReport) -> String? {
        guard let all = report.responseTimes.first?.times else { return nil }
        let skipped = [("detect", all.detect.skipped), ("mitigate", all.mitigate.skipped), ("impact", all.impact.skipped)].filter { $0.1 > 0 }
        guard !skipped.isEmpty else { return nil }
        return "Left out for a missing or out-of-order time: " + skipped.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    static func reviewLine(_ report: ProcessReport) -> String {
        let review = report.review
        var line = review.count == 0
            ? "no COE of the period went from review to approved in history"
            : "median \(duration(review.median)), p90 \(duration(review.p90)), over \(plural(review.count, "COE"))"
        if review.skipped > 0 { line += " (\(review.skipped) approved without a move into review in history)" }
        return line
    }

    static func completionLine(_ report: ProcessReport) -> String {
        let c = report.completion
        return "\(c.inTime) in time, \(c.late) late, \(c.languishing) still in draft or review, \(c.unknown) approved outside history"
    }

    static let actionHeader = ["total", "open", "done", "replaced", "overdue", "done late", "slipped"]

    static func actionCells(_ counts: ProcessReport.ActionCounts) -> [String] {
        [counts.total, counts.open, counts.done, counts.replaced, counts.overdue, counts.doneLate, counts.slipped].map(String.init)
    }

    static func closingLine(_ report: ProcessReport) -> String {
        let closing = report.closing
        return "\(closing.everyActionDone) of \(plural(closing.closed, "closed COE")) (\(percent(closing.share)))"
    }

    static let monthHeader = ["month", "COEs opened", "COEs closed", "actions due", "actions done", "overdue at month end"]

    static func monthRows(_ report: ProcessReport) -> [[String]] {
        report.months.map { month in
            [month.name, String(month.opened), String(month.closed), String(month.actionsDue), String(month.actionsDone),
             month.overdueAtEnd.map(String.init) ?? "-"]
        }
    }

    // MARK: Text

    public static func text(_ report: ProcessReport, style: TextStyle) -> String {
        var out = style.bold("COE process report") + ": " + period(report) + "\n\n"
        out += style.bold("COEs") + ": \(report.coes)\n"
        if report.coes > 0 {
            out += TextTable.render([["SEVERITY"] + statusColumns.map { $0.rawValue.uppercased() } + ["TOTAL"]] + severityRows(report), style: style)
        }
        let limit = report.completion.limitDays
        out += "Languishing (P5: in draft or review over \(limit) days): \(report.languishing.count)\n"
        for coe in report.languishing { out += "  " + style.yellow("\(coe.id)  \(coe.status.rawValue), \(coe.ageDays) days old") + "\n" }
        out += "Approved within \(limit) days of creation: " + completionLine(report) + "\n\n"

        out += style.bold("Response") + " (from START OF IMPACT)\n"
        out += TextTable.render([responseHeader.map { $0.uppercased() }] + responseRows(report), style: style)
        if let skipped = skippedLine(report) { out += skipped + "\n" }
        out += "\n" + style.bold("Review time") + " (entered review → approved): " + reviewLine(report) + "\n\n"

        out += style.bold("Action items") + ": \(report.actions.total), \(report.actions.open) open, "
            + (report.actions.overdue > 0 ? style.red("\(report.actions.overdue) overdue") : "0 overdue") + "\n"
        if report.actions.total > 0 {
            out += TextTable.render([(["OWNER"] + actionHeader).map { $0.uppercased() }]
                                        + report.actionsByOwner.map { [$0.owner] + actionCells($0.counts) }, style: style) { index, column, cell in
                column == 5 && report.actionsByOwner[index].counts.overdue > 0 ? style.red(cell) : cell
            }
            out += TextTable.render([(["PRIORITY"] + actionHeader).map { $0.uppercased() }]
                                        + report.actionsByPriority.map { [$0.priority] + actionCells($0.counts) }, style: style)
        }
        out += "Closed with every action item done: " + closingLine(report) + "\n\n"

        out += style.bold("Month by month") + "\n"
        let trend = ["trend"] + series(report).map { blocks($0.values) }
        out += TextTable.render([monthHeader.map { $0.uppercased() }] + monthRows(report) + [trend], style: style) { index, column, cell in
            index == report.months.count ? style.cyan(cell) : cell
        }
        for directory in report.unreadable { out += "\(directory): could not be read; not counted (coe show says why)\n" }
        return out
    }

    // MARK: Markdown

    /// A Markdown table: a header, an alignment row (text left, numbers right), the rows.
    static func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "| " + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: " | ") + " |\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    public static func markdown(_ report: ProcessReport) -> String {
        let escaped = ActionsRenderer.markdownEscaped
        var out = "# COE process report\n\n" + period(report) + ". Every figure is defined in docs/reports.md.\n\n"
        out += "## COEs\n\n"
        out += markdownTable(["severity"] + statusColumns.map(\.rawValue) + ["total"], severityRows(report)) + "\n"
        let limit = report.completion.limitDays
        out += "- **Languishing** (P5: in draft or review over \(limit) days): \(report.languishing.count)"
        out += report.languishing.isEmpty ? "\n" : ": " + report.languishing.map { "`\($0.id)` (\($0.status.rawValue), \($0.ageDays) days)" }.joined(separator: ", ") + "\n"
        out += "- **Approved within \(limit) days** of creation: " + completionLine(report) + "\n\n"

        out += "## Response\n\nFrom START OF IMPACT to DETECTION, to MITIGATION and to END OF IMPACT; nearest-rank median and p90.\n\n"
        out += markdownTable(responseHeader, responseRows(report))
        if let skipped = skippedLine(report) { out += "\n" + skipped + ".\n" }
        out += "\n**Review time** (entered review → approved): " + reviewLine(report) + ".\n\n"

        out += "## Action items\n\n"
        let actions = report.actions
        out += "\(actions.total) in all: \(actions.open) open, **\(actions.overdue) overdue**, \(actions.doneLate) done late, \(actions.slipped) slipped.\n\n"
        if actions.total > 0 {
            out += markdownTable(["owner"] + actionHeader, report.actionsByOwner.map { [escaped($0.owner)] + actionCells($0.counts) }) + "\n"
            out += markdownTable(["priority"] + actionHeader, report.actionsByPriority.map { [$0.priority] + actionCells($0.counts) }) + "\n"
        }
        out += "Closed with every action item done: " + closingLine(report) + ".\n\n"

        out += "## Month by month\n\n"
        let trend = ["trend"] + series(report).map { svg($0.values, title: "\($0.title) per month") }
        out += markdownTable(monthHeader, monthRows(report) + [trend])
        if !report.unreadable.isEmpty {
            out += "\n## Not counted\n\n" + report.unreadable.map { "- `\(escaped($0))` could not be read (coe show says why)\n" }.joined()
        }
        return out
    }

    // MARK: JSON

    static func json(_ spread: ProcessReport.Spread) -> JSON {
        ["count": JSON(spread.count), "skipped": JSON(spread.skipped), "median_seconds": JSON(spread.median), "p90_seconds": JSON(spread.p90)]
    }

    static func json(_ counts: ProcessReport.ActionCounts) -> [(String, JSON)] {
        [("total", JSON(counts.total)), ("open", JSON(counts.open)), ("done", JSON(counts.done)), ("replaced", JSON(counts.replaced)),
         ("overdue", JSON(counts.overdue)), ("done_late", JSON(counts.doneLate)), ("slipped", JSON(counts.slipped))]
    }

    static func statusCounts(_ counts: [COEStatus: Int]?) -> JSON {
        .object(COEStatus.allCases.map { ($0.rawValue, JSON(counts?[$0] ?? 0)) })
    }

    /// Every key always present (a count of 0, or null where there is no data); keys are sorted in the text.
    public static func json(_ report: ProcessReport) -> String {
        let completion = report.completion
        let value: JSON = [
            "period": ["since": JSON(report.since?.description), "until": JSON(report.until.description),
                       "today": JSON(report.today.description), "selected_by": "created"],
            "coes": ["total": JSON(report.coes), "by_status": statusCounts(report.byStatus),
                     "by_severity": .object(IncidentSeverity.allCases.map { ($0.rawValue, JSON(report.bySeverity[$0] ?? 0)) }),
                     "by_severity_and_status": .object(IncidentSeverity.allCases.map { ($0.rawValue, statusCounts(report.bySeverityAndStatus[$0])) })],
            "languishing": ["limit_days": JSON(completion.limitDays), "coes": .array(report.languishing.map {
                ["id": JSON($0.id), "status": JSON($0.status.rawValue), "age_days": JSON($0.ageDays)]
            })],
            "completion": ["limit_days": JSON(completion.limitDays), "in_time": JSON(completion.inTime), "late": JSON(completion.late),
                           "languishing": JSON(completion.languishing), "unknown": JSON(completion.unknown)],
            "response_times": .object(report.responseTimes.map { severity, times in
                (severity?.rawValue ?? "all", ["coes": JSON(times.coes), "detect": json(times.detect), "mitigate": json(times.mitigate),
                                                "impact": json(times.impact)])
            }),
            "review_time": json(report.review),
            "actions": ["all": .object(json(report.actions)),
                        "by_owner": .array(report.actionsByOwner.map { .object([("owner", JSON($0.owner))] + json($0.counts)) }),
                        "by_priority": .object((ActionPriority.allCases.map(\.rawValue) + ["(none)"]).map { key in
                            (key == "(none)" ? "none" : key,
                             .object(json(report.actionsByPriority.first { $0.priority == key }?.counts ?? ProcessReport.ActionCounts())))
                        })],
            "closed_with_every_action_done": ["closed": JSON(report.closing.closed), "every_action_done": JSON(report.closing.everyActionDone),
                                              "share": JSON(report.closing.share)],
            "months": .array(report.months.map { month in
                ["month": JSON(month.name), "coes_opened": JSON(month.opened), "coes_closed": JSON(month.closed),
                 "actions_due": JSON(month.actionsDue), "actions_done": JSON(month.actionsDone), "overdue_at_month_end": JSON(month.overdueAtEnd)]
            }),
            "unreadable": JSON(report.unreadable),
        ]
        return JSONText.text(value)
    }
}
