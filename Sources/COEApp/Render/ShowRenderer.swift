import COEProcess
import Foundation
import COEFormat
import COEWorkflow

/// `coe show`: a whole COE for the terminal, parts in canonical order, or as JSON.
public enum ShowRenderer {
    /// The review line: comments open, approvals that count (the one count, `Approvals.count`) and those
    /// the content has outgrown.
    static func reviewSummary(_ document: COEDocument, approvals: ApprovalCount) -> (comments: Int, open: Int, counting: Int, void: Int) {
        let state = ReviewState(document.review)
        return (state.threads.count, state.openThreads.count, approvals.counting.count, approvals.voided.count)
    }

    /// The COE for the terminal; `approvals` (counted by the caller, who knows the COE's history) adds the review line.
    public static func text(_ document: COEDocument, approvals: ApprovalCount? = nil, style: TextStyle) -> String {
        let metadata = document.metadata
        var out: [String] = []
        out.append(style.bold(metadata.title))
        var facts = [metadata.id, metadata.severity.rawValue, metadata.status.rawValue, "team \(metadata.team)"]
        if let owner = metadata.owner { facts.append("owner \(owner)") }
        facts += ["created \(metadata.created)", metadata.confidentiality.rawValue]
        out.append(style.dim(facts.joined(separator: " · ")))
        let times: [(String, Timestamp?)] = [("start", metadata.event.start), ("detected", metadata.event.detected),
                                             ("mitigated", metadata.event.mitigated), ("end", metadata.event.end)]
        let known = times.compactMap { label, time in time.map { "\(label) \($0)" } }
        if !known.isEmpty {
            var line = "Event: " + known.joined(separator: " · ")
            if let start = metadata.event.start, let end = metadata.event.end { line += " (\(duration(end.seconds - start.seconds)))" }
            out.append(line)
        }
        var extra: [String] = []
        if let source = metadata.detectionSource { extra.append("detected by \(source.rawValue)") }
        if !metadata.reviewers.isEmpty { extra.append("reviewers " + metadata.reviewers.joined(separator: ", ")) }
        if !metadata.related.isEmpty { extra.append("related " + metadata.related.joined(separator: ", ")) }
        if !metadata.services.isEmpty { extra.append("services " + metadata.services.joined(separator: ", ")) }
        if !metadata.tags.isEmpty { extra.append("tags " + metadata.tags.joined(separator: ", ")) }
        if !extra.isEmpty { out.append(extra.joined(separator: " · ")) }
        if let approvals, !document.review.isEmpty {
            let review = reviewSummary(document, approvals: approvals)
            var line = "Review: \(review.comments) comment\(review.comments == 1 ? "" : "s"), \(review.open) open · \(review.counting) approval\(review.counting == 1 ? "" : "s") counting"
            if review.void > 0 { line += " · " + style.yellow("\(review.void) void: the content changed after approval; approve again") }
            if !approvals.refused.isEmpty {
                let reasons = approvals.refused.map(\.reason).joined(separator: "; ")
                line += " · " + style.yellow("\(approvals.refused.count) not counted: \(reasons)")
            }
            if !approvals.isEnough { line += " · still needed: " + approvals.stillNeeded.joined(separator: "; ") }
            out.append(line)
        }

        for part in Part.allCases {
            out.append("")
            out.append(style.bold(style.cyan("## \(part.title)")))
            let body = self.body(of: part, in: document, style: style)
            out.append(body.isEmpty ? style.dim("(empty)") : body)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func body(of part: Part, in document: COEDocument, style: TextStyle) -> String {
        switch part {
        case .summary: return document.summary.content
        case .impact: return document.impact.content
        case .response: return document.response.content
        case .analysis: return document.analysis.content
        case .metrics:
            return document.metrics.enumerated().map { index, graph in
                var lines = ["\(index + 1). \(style.bold(graph.title))" + (graph.customerImpact ? style.dim(" (customer impact)") : "")]
                if let caption = graph.caption { lines.append("   \(caption)") }
                if let image = graph.image { lines.append("   image: \(document.path("metrics/\(image)"))") }
                if let dashboard = graph.dashboard { lines.append("   dashboard: \(dashboard)") }
                var data: [String] = []
                if let unit = graph.unit { data.append("unit \(unit)") }
                if let interval = graph.interval { data.append("per \(interval)") }
                if !graph.series.isEmpty {
                    data.append("\(graph.series.count) series, \(graph.series.reduce(0) { $0 + $1.points.count }) points")
                }
                data += graph.thresholds.map { "\($0.label) at \(trim($0.value))" }
                if !data.isEmpty { lines.append("   " + style.dim(data.joined(separator: " · "))) }
                return lines.joined(separator: "\n")
            }.joined(separator: "\n")
        case .timeline:
            return document.timeline.map { entry in
                var line = "\(style.dim(entry.at.description))  "
                if let milestone = entry.milestone { line += style.bold(style.yellow(milestone.rawValue)) + "  " }
                line += entry.event
                if !entry.links.isEmpty { line += style.dim(" [" + entry.links.joined(separator: ", ") + "]") }
                if let gap = entry.gapExplanation { line += "\n" + String(repeating: " ", count: entry.at.description.count + 2) + style.dim("gap: \(gap)") }
                return line
            }.joined(separator: "\n")
        case .whys:
            var lines: [String] = []
            for (_, title, chains) in document.whys.questions where !chains.isEmpty {
                lines.append(style.bold(title))
                tree(chains, prefix: "", into: &lines, style: style)
            }
            return lines.joined(separator: "\n")
        case .actions:
            return document.actions.map { item in
                var line = "\(style.bold(item.id)) "
                if let priority = item.priority { line += "[\(priority.rawValue)] " }
                line += item.title
                var facts = [item.status.rawValue]
                if let owner = item.owner { facts.append("owner \(owner)") }
                if let due = item.due { facts.append("due \(due)") }
                if let ticket = item.ticket { facts.append(ticket) }
                if item.longTerm { facts.append("long-term") }
                if let doneOn = item.doneOn { facts.append("done \(doneOn)" + (item.doneBy.map { " by \($0)" } ?? "")) }
                if let replacement = item.replacedBy { facts.append("replaced by \(replacement)") }
                line += "\n   " + style.dim(facts.joined(separator: " · "))
                if let description = item.description?.trimmingCharacters(in: .whitespacesAndNewlines) { line += "\n   " + description.replacingNewlines(with: "\n   ") }
                return line
            }.joined(separator: "\n")
        case .lessons:
            return document.lessons.map { lesson in
                var line = "• \(lesson.lesson)"
                var facts: [String] = []
                if let category = lesson.category { facts.append(category.rawValue) }
                if !lesson.actions.isEmpty { facts.append("actions " + lesson.actions.joined(separator: ", ")) }
                if !facts.isEmpty { line += style.dim(" (" + facts.joined(separator: "; ") + ")") }
                return line
            }.joined(separator: "\n")
        }
    }

    private static func tree(_ nodes: [WhyNode], prefix: String, into lines: inout [String], style: TextStyle) {
        for (index, node) in nodes.enumerated() {
            let last = index == nodes.count - 1
            lines.append(prefix + (last ? "└─ " : "├─ ") + node.why)
            let inner = prefix + (last ? "   " : "│  ")
            var answer = inner + style.dim("because ") + node.because
            if node.rootCause { answer += " " + style.bold(style.red("[root cause]")) }
            if !node.actions.isEmpty { answer += style.dim(" → " + node.actions.joined(separator: ", ")) }
            lines.append(answer)
            if let justification = node.justification { lines.append(inner + style.dim("justification: \(justification)")) }
            tree(node.then, prefix: inner, into: &lines, style: style)
        }
    }

    static func duration(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The COE as one JSON object (metadata, then each part), for scripts.
    public static func json(_ document: COEDocument, approvals: ApprovalCount? = nil) -> String {
        let metadata = document.metadata
        func optional(_ value: Any?) -> Any { value ?? NSNull() }
        var event: [String: Any] = [:]
        event["start"] = metadata.event.start?.description
        event["detected"] = metadata.event.detected?.description
        event["mitigated"] = metadata.event.mitigated?.description
        event["end"] = metadata.event.end?.description
        func why(_ node: WhyNode) -> [String: Any] {
            var object: [String: Any] = ["why": node.why, "because": node.because, "root_cause": node.rootCause,
                                         "actions": node.actions, "then": node.then.map(why)]
            object["justification"] = node.justification
            return object
        }
        let object: [String: Any] = [
            "path": document.directory,
            "id": metadata.id, "title": metadata.title, "severity": metadata.severity.rawValue,
            "status": metadata.status.rawValue, "team": metadata.team, "owner": optional(metadata.owner),
            "created": metadata.created.description, "event": event,
            "detection_source": optional(metadata.detectionSource?.rawValue), "reviewers": metadata.reviewers,
            "confidentiality": metadata.confidentiality.rawValue, "related": metadata.related, "tags": metadata.tags,
            "services": metadata.services,
            "summary": document.summary.content, "impact": document.impact.content,
            "response": document.response.content, "analysis": document.analysis.content,
            "metrics": document.metrics.map { graph -> [String: Any] in
                var object: [String: Any] = ["title": graph.title, "customer_impact": graph.customerImpact,
                    "series": graph.series.map { ["name": $0.name, "points": $0.points.map { [$0.at.description, $0.value] as [Any] }] },
                    "thresholds": graph.thresholds.map { ["value": $0.value, "label": $0.label] as [String: Any] },
                    "markers": graph.markers.map { ["at": $0.at.description, "label": $0.label] }]
                object["caption"] = graph.caption
                object["dashboard"] = graph.dashboard
                object["image"] = graph.image
                object["unit"] = graph.unit
                object["interval"] = graph.interval
                return object
            },
            "timeline": document.timeline.map { entry -> [String: Any] in
                var object: [String: Any] = ["at": entry.at.description, "event": entry.event, "links": entry.links]
                object["milestone"] = entry.milestone?.rawValue
                object["gap_explanation"] = entry.gapExplanation
                return object
            },
            "whys": ["happened": document.whys.happened.map(why), "detection": document.whys.detection.map(why),
                     "resolution": document.whys.resolution.map(why)],
            "actions": document.actions.map { item -> [String: Any] in
                var object: [String: Any] = ["id": item.id, "title": item.title, "status": item.status.rawValue, "long_term": item.longTerm]
                object["description"] = item.description
                object["owner"] = item.owner
                object["priority"] = item.priority?.rawValue
                object["due"] = item.due?.description
                object["ticket"] = item.ticket
                object["done_on"] = item.doneOn?.description
                object["done_by"] = item.doneBy
                object["replaced_by"] = item.replacedBy
                return object
            },
            "lessons": document.lessons.map { lesson -> [String: Any] in
                var object: [String: Any] = ["lesson": lesson.lesson, "actions": lesson.actions]
                object["category"] = lesson.category?.rawValue
                return object
            },
        ]
        var result = object
        if let approvals {
            let review = reviewSummary(document, approvals: approvals)
            result["review"] = ["content_hash": approvals.contentHash, "comments": review.comments, "open_comments": review.open,
                                "approvals_counting": review.counting, "approvals_void": review.void,
                                "approvals_not_counted": approvals.refused.count, "still_needed": approvals.stillNeeded] as [String: Any]
        }
        return JSONText.text(result)
    }
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
