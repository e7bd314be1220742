import COEFormat
import COEHistory
import Foundation
import GitKit

/// `coe blame` as text (each line with the commit, author and date that last changed it) or as JSON.
public enum BlameRenderer {
    /// Each file's lines with the commit and author that last changed them, then the action items and timeline entries.
    public static func text(_ result: Blame.Result, style: TextStyle) -> String {
        var out: [String] = []
        let width = String(result.files.flatMap(\.lines).map(\.number).max() ?? 1).count
        for file in result.files {
            out.append(style.bold(file.path))
            for line in file.lines {
                let number = String(line.number)
                out.append("\(style.yellow(line.commit.abbreviated(8))) \(who(line.author)) \(String(repeating: " ", count: width - number.count))\(number)| \(line.text)")
            }
            out.append("")
        }
        let actions = result.items.filter { $0.kind == .action }
        if !actions.isEmpty {
            out.append(style.bold("Action items"))
            for item in actions { out.append("  \(item.item)  \(style.yellow(item.commit.abbreviated(8))) \(who(item.author))") }
            out.append("")
        }
        let timeline = result.items.filter { $0.kind == .timeline }
        if !timeline.isEmpty {
            out.append(style.bold("Timeline entries"))
            for item in timeline { out.append("  \(item.item)  \(style.yellow(item.commit.abbreviated(8))) \(who(item.author))") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    static func who(_ author: Signature) -> String {
        "\(author.name) \(Timestamp(seconds: author.time, offsetMinutes: Int(author.offsetMinutes), isZulu: author.offsetMinutes == 0).utcDate)"
    }

    /// `{"files": [{"path", "lines": [{"line", "commit", "author", "email", "date", "text"}]}], "items": [...]}`.
    public static func json(_ result: Blame.Result) -> String {
        func signature(_ author: Signature) -> [(String, JSON)] {
            [("author", JSON(author.name)), ("email", JSON(author.email)),
             ("date", JSON(Timestamp(seconds: author.time, offsetMinutes: Int(author.offsetMinutes), isZulu: author.offsetMinutes == 0).description))]
        }
        let files = result.files.map { file -> JSON in
            ["path": JSON(file.path), "lines": .array(file.lines.map { line in
                .object(signature(line.author) + [("line", JSON(line.number)), ("commit", JSON(line.commit.hex)), ("text", JSON(line.text))])
            })]
        }
        let items = result.items.map { item -> JSON in
            .object(signature(item.author) + [
                ("kind", JSON(item.kind.rawValue)), ("item", JSON(item.item)), ("file", JSON(item.file)), ("commit", JSON(item.commit.hex)),
                ("first_line", JSON(item.lines.lowerBound)), ("last_line", JSON(item.lines.upperBound)),
            ])
        }
        return JSONText.text(["files": .array(files), "items": .array(items)])
    }
}
