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

    /// The title, the metadata, the review line (when `approvals` is given: counted by the caller, who
    /// knows the COE's history), then every part in canonical order.
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
            if let start = metadata.event.start, let end = metadata.event.end { line += " (\(DurationText.text(end.seconds - start.seconds)))" }
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
            if let imported = approvals.importedReview { line += " · imported by \(imported.authorName), reviewed elsewhere" }
            if !approvals.isEnough { line += " · still needed: " + approvals.stillNeeded.joined(separator: "; ") }
            out.append(line)
        }

        for part in Part.allCases {
            out.append("")
            out.append(style.paint("## \(part.title)", .bold, .cyan))
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
                if let milestone = entry.milestone { line += style.paint(milestone.rawValue, .bold, .yellow) + "  " }
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
                if let evidence = item.evidence { facts.append("evidence \(evidence)") }
                line += "\n   " + style.dim(facts.joined(separator: " · "))
                if let description = item.description?.trimmingCharacters(in: .whitespacesAndNewlines) { line += "\n   " + description.replacingNewlines(with: "\n   ") }
                // The tracking record: each slip of the due date with its reason, and the progress notes.
                for slip in item.slips {
                    line += "\n   " + style.dim("\(slip.date) due \(slip.from?.description ?? "(none)") → \(slip.to): ")
                        + slip.reason.replacingNewlines(with: "\n     ")
                }
                for note in item.notes {
                    line += "\n   " + style.dim("\(note.date)\(note.by.map { " \($0)" } ?? ""): ") + note.text.replacingNewlines(with: "\n     ")
                }
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
            if node.rootCause { answer += " " + style.paint("[root cause]", .bold, .red) }
            if !node.actions.isEmpty { answer += style.dim(" → " + node.actions.joined(separator: ", ")) }
            lines.append(answer)
            if let justification = node.justification { lines.append(inner + style.dim("justification: \(justification)")) }
            tree(node.then, prefix: inner, into: &lines, style: style)
        }
    }

    static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The COE as one JSON object (metadata, then each part), for scripts. Optional values the format
    /// leaves out are absent keys; the metadata's own optional values are `null`.
    public static func json(_ document: COEDocument, approvals: ApprovalCount? = nil) -> String {
        let metadata = document.metadata
        let event = JSON.object(omittingNil: [
            ("start", metadata.event.start.map { JSON($0.description) }),
            ("detected", metadata.event.detected.map { JSON($0.description) }),
            ("mitigated", metadata.event.mitigated.map { JSON($0.description) }),
            ("end", metadata.event.end.map { JSON($0.description) }),
        ])
        func why(_ node: WhyNode) -> JSON {
            .object(omittingNil: [
                ("why", JSON(node.why)), ("because", JSON(node.because)), ("root_cause", JSON(node.rootCause)),
                ("actions", JSON(node.actions)), ("then", .array(node.then.map(why))),
                ("justification", node.justification.map(JSON.init)),
            ])
        }
        func graph(_ graph: Graph) -> JSON {
            .object(omittingNil: [
                ("title", JSON(graph.title)), ("customer_impact", JSON(graph.customerImpact)),
                ("series", .array(graph.series.map { series in
                    ["name": JSON(series.name), "points": .array(series.points.map { [JSON($0.at.description), JSON($0.value)] })]
                })),
                ("thresholds", .array(graph.thresholds.map { ["value": JSON($0.value), "label": JSON($0.label)] })),
                ("markers", .array(graph.markers.map { ["at": JSON($0.at.description), "label": JSON($0.label)] })),
                ("caption", graph.caption.map(JSON.init)), ("dashboard", graph.dashboard.map(JSON.init)),
                ("image", graph.image.map(JSON.init)), ("unit", graph.unit.map(JSON.init)),
                ("interval", graph.interval.map(JSON.init)),
            ])
        }
        func entry(_ entry: TimelineEntry) -> JSON {
            .object(omittingNil: [
                ("at", JSON(entry.at.description)), ("event", JSON(entry.event)), ("links", JSON(entry.links)),
                ("milestone", entry.milestone.map { JSON($0.rawValue) }),
                ("gap_explanation", entry.gapExplanation.map(JSON.init)),
            ])
        }
        func action(_ item: ActionItem) -> JSON {
            .object(omittingNil: [
                ("id", JSON(item.id)), ("title", JSON(item.title)), ("status", JSON(item.status.rawValue)),
                ("long_term", JSON(item.longTerm)), ("description", item.description.map(JSON.init)),
                ("owner", item.owner.map(JSON.init)), ("priority", item.priority.map { JSON($0.rawValue) }),
                ("due", item.due.map { JSON($0.description) }), ("ticket", item.ticket.map(JSON.init)),
                ("done_on", item.doneOn.map { JSON($0.description) }), ("done_by", item.doneBy.map(JSON.init)),
                ("replaced_by", item.replacedBy.map(JSON.init)), ("evidence", item.evidence.map(JSON.init)),
                ("slips", .array(item.slips.map(ActionsRenderer.json))), ("notes", .array(item.notes.map(ActionsRenderer.json))),
            ])
        }
        func lesson(_ lesson: Lesson) -> JSON {
            .object(omittingNil: [
                ("lesson", JSON(lesson.lesson)), ("actions", JSON(lesson.actions)),
                ("category", lesson.category.map { JSON($0.rawValue) }),
            ])
        }
        var members: [(String, JSON)] = [
            ("path", JSON(document.directory)),
            ("id", JSON(metadata.id)), ("title", JSON(metadata.title)), ("severity", JSON(metadata.severity.rawValue)),
            ("status", JSON(metadata.status.rawValue)), ("team", JSON(metadata.team)), ("owner", JSON(metadata.owner)),
            ("created", JSON(metadata.created.description)), ("event", event),
            ("detection_source", JSON(metadata.detectionSource?.rawValue)), ("reviewers", JSON(metadata.reviewers)),
            ("confidentiality", JSON(metadata.confidentiality.rawValue)), ("related", JSON(metadata.related)),
            ("tags", JSON(metadata.tags)), ("services", JSON(metadata.services)),
            ("summary", JSON(document.summary.content)), ("impact", JSON(document.impact.content)),
            ("response", JSON(document.response.content)), ("analysis", JSON(document.analysis.content)),
            ("metrics", .array(document.metrics.map(graph))),
            ("timeline", .array(document.timeline.map(entry))),
            ("whys", ["happened": .array(document.whys.happened.map(why)), "detection": .array(document.whys.detection.map(why)),
                      "resolution": .array(document.whys.resolution.map(why))]),
            ("actions", .array(document.actions.map(action))),
            ("lessons", .array(document.lessons.map(lesson))),
        ]
        if let approvals {
            let review = reviewSummary(document, approvals: approvals)
            members.append(("review", ["content_hash": JSON(approvals.content.current), "comments": JSON(review.comments),
                                       "open_comments": JSON(review.open), "approvals_counting": JSON(review.counting),
                                       "approvals_void": JSON(review.void), "approvals_not_counted": JSON(approvals.refused.count),
                                       "still_needed": JSON(approvals.stillNeeded),
                                       "imported_by": JSON(approvals.importedReview?.author)]))
        }
        return JSONText.text(.object(members))
    }
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
