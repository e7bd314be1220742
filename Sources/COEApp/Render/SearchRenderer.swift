import COEFormat
import COESearch

/// `coe search` and `coe related`, as text for people or JSON for programs.
public enum SearchRenderer {
    /// How many matching lines of one COE the text shows (JSON has them all).
    public static let linesShown = 3
    /// How many characters of a matching line the text shows, around its first match.
    static let window = 110

    /// A COE per block: id, severity, status, team, title and its audience when not public, then its best
    /// matching lines, each with its part, file and line, the query's terms highlighted.
    public static func text(_ hits: [SearchHit], total: Int, style: TextStyle) -> String {
        guard !hits.isEmpty else { return "No COE matches.\n" }
        var out = ""
        for hit in hits {
            var header = [style.bold(hit.id), hit.severity, hit.status, hit.team, hit.title]
            if let mark = audience(hit.confidentiality, style: style) { header.append(mark) }
            out += header.joined(separator: "  ") + "\n"
            let prefix = hit.folder + "/"
            for line in hit.lines.prefix(linesShown) {
                let file = line.file.hasPrefix(prefix) ? String(line.file.dropFirst(prefix.count)) : line.file
                let place = style.cyan(pad(line.part, 9)) + " " + style.dim("\(file):\(line.line)")
                out += "  \(place)  \(excerpt(line, style: style))\n"
            }
            if hit.lines.count > linesShown {
                let more = hit.lines.count - linesShown
                out += "  " + style.dim("and \(more) more matching line\(more == 1 ? "" : "s") (--format json lists all)") + "\n"
            }
        }
        let shown = hits.count
        out += total > shown ? "\(shown) of \(total) COEs shown (--limit).\n" : "\(total) COE\(total == 1 ? "" : "s") match\(total == 1 ? "es" : "").\n"
        return out
    }

    /// The mark of a COE not everyone may read: team-only (P9), secure (only with --include-secure).
    static func audience(_ confidentiality: Confidentiality, style: TextStyle) -> String? {
        switch confidentiality {
        case .public: return nil
        case .teamOnly: return style.yellow("[team-only]")
        case .secure: return style.red("[secure]")
        }
    }

    static func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }

    /// The line cut to a window around its first match (a long paragraph is one line), matches highlighted.
    static func excerpt(_ line: SearchHit.Line, style: TextStyle) -> String {
        let characters = Array(line.text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " "))
        var start = 0, end = characters.count
        if characters.count > window {
            let first = line.spans.first?.lowerBound ?? 0
            start = max(0, min(first - 30, characters.count - window))
            end = min(characters.count, start + window)
        }
        var out = start > 0 ? "…" : ""
        var index = start
        for span in line.spans where span.upperBound > start && span.lowerBound < end {
            let lower = max(span.lowerBound, index), upper = min(span.upperBound, end)
            guard lower < upper else { continue }
            out += String(characters[index..<lower])
            out += style.paint(String(characters[lower..<upper]), .bold, .yellow)
            index = upper
        }
        out += String(characters[index..<end])
        if end < characters.count { out += "…" }
        return out
    }

    /// An array of COEs, best first: id, path, title, severity, status, team, created, confidentiality, score,
    /// and every matching line (part, file, line, text, and where the terms are as [start, end] character offsets).
    public static func json(_ hits: [SearchHit]) -> String {
        JSONText.text(.array(hits.map { hit in
            ["id": JSON(hit.id), "path": JSON(hit.folder), "title": JSON(hit.title), "severity": JSON(hit.severity), "status": JSON(hit.status),
             "team": JSON(hit.team), "created": JSON(hit.created), "confidentiality": JSON(hit.confidentiality.rawValue),
             "score": JSON((hit.score * 1000).rounded() / 1000),
             "lines": .array(hit.lines.map { line in
                 ["part": JSON(line.part), "file": JSON(line.file), "line": JSON(line.line), "text": JSON(line.text),
                  "matches": .array(line.spans.map { [JSON($0.lowerBound), JSON($0.upperBound)] })]
             })]
        }))
    }

    // MARK: coe related

    /// The reason for a match, in words.
    public static func reason(_ match: Relatedness.Match) -> String {
        var parts: [String] = []
        if !match.sharedTerms.isEmpty {
            parts.append("root causes and action items share \(match.sharedTerms.prefix(6).joined(separator: ", ")) "
                         + "(text likeness \(format(match.textScore)))")
        }
        if !match.sharedServices.isEmpty { parts.append("same service\(match.sharedServices.count == 1 ? "" : "s") \(match.sharedServices.joined(separator: ", "))") }
        if !match.sharedTags.isEmpty { parts.append("same tag\(match.sharedTags.count == 1 ? "" : "s") \(match.sharedTags.joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// `coe related`: each COE like this one, with its score, the reason, and the two most alike texts.
    public static func relatedText(_ profile: SimilarityProfile, _ matches: [(match: Relatedness.Match, profile: SimilarityProfile)],
                                   style: TextStyle) -> String {
        guard !matches.isEmpty else { return "No COE is like \(profile.id).\n" }
        var out = "COEs like \(style.bold(profile.id)) (\(profile.title)):\n"
        for (rank, (match, other)) in matches.enumerated() {
            var header = ["\(rank + 1).", style.bold(other.id), format(match.score), other.title]
            if let mark = audience(other.confidentiality, style: style) { header.append(mark) }
            out += header.joined(separator: "  ") + "\n"
            out += "   " + style.dim("why: ") + reason(match) + "\n"
            if let pair = match.pair {
                out += "   " + style.cyan("this COE:") + " " + pair.mine + "\n"
                out += "   " + style.cyan("that COE:") + " " + pair.theirs + "\n"
            }
        }
        return out
    }

    public static func relatedJSON(_ profile: SimilarityProfile, _ matches: [(match: Relatedness.Match, profile: SimilarityProfile)]) -> String {
        JSONText.text(["id": JSON(profile.id), "title": JSON(profile.title), "related": .array(matches.map { match, other in
            ["id": JSON(other.id), "title": JSON(other.title), "created": JSON(other.created.description),
             "confidentiality": JSON(other.confidentiality.rawValue),
             "score": JSON((match.score * 1000).rounded() / 1000), "text_score": JSON((match.textScore * 1000).rounded() / 1000),
             "shared_services": .array(match.sharedServices.map { JSON($0) }), "shared_tags": .array(match.sharedTags.map { JSON($0) }),
             "shared_terms": .array(match.sharedTerms.prefix(10).map { JSON($0) }), "reason": JSON(reason(match)),
             "this_text": JSON.string(match.pair?.mine), "that_text": JSON.string(match.pair?.theirs)]
        })])
    }
}
