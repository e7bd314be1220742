import COEFormat
import Foundation

/// One row of `coe list`: a COE's metadata, or the problems that stopped it being read.
public struct ListRow: Sendable {
    public var directory: String
    public var metadata: Metadata?
    public var problems: [Diagnostic]

    public init(directory: String, metadata: Metadata?, problems: [Diagnostic]) {
        self.directory = directory
        self.metadata = metadata
        self.problems = problems
    }
}

/// `coe list` as a table or as JSON.
public enum ListRenderer {
    /// A table, a row per COE; a COE that cannot be read says how many problems it has.
    public static func text(_ rows: [ListRow], today: CalendarDate, style: TextStyle) -> String {
        if rows.isEmpty { return "No COEs yet. Create one with: coe new \"<title>\" --severity SEV-2 --team <team>\n" }
        var table: [[String]] = [["ID", "SEVERITY", "STATUS", "AGE", "TITLE", "PATH"]]
        for row in rows {
            if let metadata = row.metadata {
                table.append([metadata.id, metadata.severity.rawValue, metadata.status.rawValue,
                              "\(metadata.created.days(until: today))d", metadata.title, row.directory])
            } else {
                let name = String(row.directory.split(separator: "/").last ?? "")
                table.append([name, "?", "unreadable", "", "(\(row.problems.count) problem\(row.problems.count == 1 ? "" : "s"); run 'coe show \(name)')", row.directory])
            }
        }
        return TextTable.render(table, style: style) { row, column, cell in
            column == 2 ? color(status: rows[row].metadata?.status.rawValue ?? "unreadable", cell, style) : column == 5 ? style.dim(cell) : cell
        }
    }

    private static func color(status: String, _ text: String, _ style: TextStyle) -> String {
        switch status {
        case "draft": return style.yellow(text)
        case "review": return style.cyan(text)
        case "approved", "published": return style.green(text)
        case "unreadable": return style.red(text)
        default: return text
        }
    }

    /// An array of objects: id, title, severity, status, age_days, created, team, path; unreadable COEs carry `errors`.
    public static func json(_ rows: [ListRow], today: CalendarDate) -> String {
        JSONText.text(.array(rows.map { row -> JSON in
            guard let metadata = row.metadata else {
                return ["id": JSON(String(row.directory.split(separator: "/").last ?? "")), "path": JSON(row.directory),
                        "errors": DiagnosticRenderer.json(row.problems)]
            }
            return ["id": JSON(metadata.id), "title": JSON(metadata.title), "severity": JSON(metadata.severity.rawValue),
                    "status": JSON(metadata.status.rawValue), "age_days": JSON(metadata.created.days(until: today)),
                    "created": JSON(metadata.created.description), "team": JSON(metadata.team), "path": JSON(row.directory)]
        }))
    }
}
