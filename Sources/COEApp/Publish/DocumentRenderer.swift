import COEFormat
import COEProcess
import COEWorkspace
import Foundation

/// A COE related to the one rendered: named in its `related:` (rule S4), or found alike by `coe related`.
public struct RelatedCOE: Sendable {
    public var id: String
    /// Its title, when it could be read (and may be shown).
    public var title: String?
    /// Where its page is (a site's page), when there is one.
    public var link: String?
    /// Why it is alike (`coe related`'s reason); nil for one the COE names itself.
    public var reason: String?

    public init(id: String, title: String?, link: String? = nil, reason: String? = nil) {
        self.id = id
        self.title = title
        self.link = link
        self.reason = reason
    }
}

/// `coe render`: the whole COE as one document, Markdown or HTML, in the standard's order (title,
/// summary, metrics and graphs, customer impact, incident response, post-incident analysis, timeline,
/// five whys, action items, lessons learned, related COEs) and then its review record. Both formats are
/// the same view of the COE poured into a template (`Templates/coe.md.mustache`, `coe.html.mustache`).
public struct DocumentRenderer {
    public var document: COEDocument
    /// Where the COE's own files (attachments, snapshot images) are read from: the work tree or a commit.
    public var source: FileSource
    public var limits: ReadLimits
    /// The one count of approvals (COEProcess), with the COE's creator from history; nil when unknown.
    public var approvals: ApprovalCount?
    public var related: [RelatedCOE]
    /// The revision rendered (`--rev`), said on the page; nil for the work tree.
    public var revision: (name: String, commit: String)?
    /// The site's pages link back to the index and the actions page.
    public var siteLinks = false
    /// The date the page is read as of (overdue items); nil: not marked.
    public var today: CalendarDate?

    public init(document: COEDocument, source: FileSource, limits: ReadLimits = .default, approvals: ApprovalCount?,
                related: [RelatedCOE], revision: (name: String, commit: String)? = nil, today: CalendarDate? = nil) {
        self.document = document
        self.source = source
        self.limits = limits
        self.approvals = approvals
        self.related = related
        self.revision = revision
        self.today = today
    }

    public enum Format: String, Sendable, CaseIterable { case markdown, html }

    /// The document as Markdown. Graph images are linked at `imagePrefix` + the path inside the COE folder.
    public func markdown(imagePrefix: String) -> String {
        Templates.render(view(.markdown, imagePrefix: imagePrefix), "coe.md")
    }

    /// The document as one HTML file: inline CSS and SVG, images as data URIs, no request of any kind.
    public func html() -> String {
        Templates.render(view(.html, imagePrefix: ""), "coe.html")
    }

    // MARK: The view

    func view(_ format: Format, imagePrefix: String) -> [String: Any] {
        let metadata = document.metadata
        let html = format == .html
        /// A value as the format writes text: HTML-escaped by the template, Markdown-escaped here.
        func text(_ value: String) -> String { html ? value : ActionsRenderer.markdownEscaped(value) }
        var view: [String: Any] = [
            "id": metadata.id, "title": html ? metadata.title : ActionsRenderer.markdownEscaped(metadata.title),
            "severity": metadata.severity.rawValue, "status": metadata.status.rawValue,
            "css": Templates.css, "siteLinks": siteLinks,
        ]
        var facts: [[String: Any]] = [
            ["name": "Id", "value": metadata.id], ["name": "Severity", "value": metadata.severity.rawValue],
            ["name": "Status", "value": metadata.status.rawValue], ["name": "Team", "value": text(metadata.team)],
        ]
        if let owner = metadata.owner { facts.append(["name": "Owner", "value": text(owner)]) }
        facts.append(["name": "Created", "value": metadata.created.description])
        facts.append(["name": "Confidentiality", "value": confidentialityNote(metadata.confidentiality)])
        let event = metadata.event
        for (name, time) in [("Start of impact", event.start), ("Detected", event.detected), ("Mitigated", event.mitigated), ("End of impact", event.end)] {
            if let time { facts.append(["name": name, "value": time.utcMinute]) }
        }
        if let start = event.start {
            var spans: [String] = []
            if let detected = event.detected { spans.append("detected after \(DurationText.text(detected.seconds - start.seconds))") }
            if let mitigated = event.mitigated { spans.append("mitigated after \(DurationText.text(mitigated.seconds - start.seconds))") }
            if let end = event.end { spans.append("impact lasted \(DurationText.text(end.seconds - start.seconds))") }
            if !spans.isEmpty { facts.append(["name": "Durations", "value": spans.joined(separator: ", ")]) }
        }
        if let source = metadata.detectionSource { facts.append(["name": "Detected by", "value": detectionNote(source)]) }
        if !metadata.services.isEmpty { facts.append(["name": "Services", "value": text(metadata.services.joined(separator: ", "))]) }
        if !metadata.tags.isEmpty { facts.append(["name": "Tags", "value": text(metadata.tags.joined(separator: ", "))]) }
        if !metadata.reviewers.isEmpty { facts.append(["name": "Reviewers", "value": text(metadata.reviewers.joined(separator: ", "))]) }
        view["facts"] = facts
        if let revision { view["revision"] = ["name": revision.name, "commit": revision.commit] }
        view["teamOnly"] = metadata.confidentiality == .teamOnly

        for (key, prose) in [("summary", document.summary), ("impact", document.impact), ("response", document.response),
                             ("analysis", document.analysis)] {
            view[key] = prose.isEmpty ? nil : (html ? proseHTML(prose) : proseMarkdown(prose))
        }
        view["graphs"] = graphs(format, imagePrefix: imagePrefix)
        view["timeline"] = timeline(text)
        view["whys"] = whys(format)
        view["actions"] = actions(text)
        view["lessons"] = document.lessons.map { lesson -> [String: Any] in
            var item: [String: Any] = ["text": text(lesson.lesson), "actions": lesson.actions.map { ["id": $0, "anchor": anchor($0)] },
                                       "hasActions": !lesson.actions.isEmpty]
            item["category"] = lesson.category?.rawValue
            return item
        }
        let declared = related.filter { $0.reason == nil }, alike = related.filter { $0.reason != nil }
        view["related"] = declared.map { related($0, text) }
        view["alike"] = alike.map { related($0, text) }
        view["hasRelated"] = !related.isEmpty
        view["review"] = review(text)
        return view
    }

    func confidentialityNote(_ level: Confidentiality) -> String {
        switch level {
        case .public: return "public"
        case .teamOnly: return "team-only: for the company's teams, not for sharing outside"
        case .secure: return "secure: only for its named audience"
        }
    }

    func detectionNote(_ source: DetectionSource) -> String {
        switch source {
        case .alarm: return "an alarm"
        case .customer: return "a customer"
        case .internalReport: return "someone outside the owning team"
        case .team: return "the owning team, by hand"
        }
    }

    /// `action-a1`: the id of an action item's row.
    static func anchor(_ id: String) -> String { "action-" + String(id.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }) }

    func anchor(_ id: String) -> String { Self.anchor(id) }

    /// A prose part as HTML: cmark-gfm, its headings below the part's own (h3 onwards), its images inlined.
    func proseHTML(_ prose: Prose) -> String {
        MarkdownHTML.html(prose.content, headingsFrom: 3, image: inlineImage)
    }

    /// A prose part as Markdown: as written, but for headings above h3, which cmark-gfm moves below the part's own.
    func proseMarkdown(_ prose: Prose) -> String {
        MarkdownHTML.markdown(prose.content, headingsFrom: 3)
    }

    /// A file of the COE folder as a data URI; nil when it is not there, not an image, leaves the folder or is too large.
    func inlineImage(_ url: String) -> String? {
        let path = url.split(separator: "#").first.map(String.init) ?? url
        guard !path.isEmpty, !path.contains(":"), GraphFile.relativePathProblem(path) == nil else { return nil }
        let name = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        guard let bytes = try? source.read(document.path(name), limit: limits.fileBytes) else { return nil }
        return MarkdownHTML.dataURI(bytes, name: name)
    }

    func graphs(_ format: Format, imagePrefix: String) -> [[String: Any]] {
        document.metrics.enumerated().map { index, graph in
            var item: [String: Any] = [
                "number": index + 1, "title": format == .html ? graph.title : ActionsRenderer.markdownEscaped(graph.title),
                "customerImpact": graph.customerImpact,
            ]
            let caption = graph.caption ?? graph.title
            item["caption"] = format == .html ? caption : ActionsRenderer.markdownEscaped(caption)
            if let dashboard = graph.dashboard { item["dashboard"] = dashboard }
            var facts: [String] = []
            if let unit = graph.unit { facts.append("unit: \(unit)") }
            if let interval = graph.interval { facts.append("one point per \(interval)") }
            facts += graph.thresholds.map { "\($0.label): \(ShowRenderer.trim($0.value))" }
            item["facts"] = format == .html ? facts.joined(separator: " · ") : ActionsRenderer.markdownEscaped(facts.joined(separator: " · "))
            switch format {
            case .html:
                // Drawn from the data; without data, the snapshot image; without either, said.
                if let svg = try? GraphRenderer.svg(graph, timeline: document.timeline, event: document.metadata.event,
                                                    id: "\(index + 1)-" + GraphRenderer.identifier(graph.file)) {
                    item["svg"] = svg
                } else if let image = graph.image, let uri = inlineImage("metrics/" + image) {
                    item["image"] = uri
                }
            case .markdown:
                if let image = graph.image { item["image"] = imagePrefix + "metrics/" + image }
            }
            return item
        }
    }

    func timeline(_ text: (String) -> String) -> [[String: Any]] {
        let start = GraphRenderer.impactWindow(timeline: document.timeline, event: document.metadata.event).start
        var rows: [[String: Any]] = []
        var previous: TimelineEntry?
        for entry in document.timeline {
            if let previous, entry.at.seconds - previous.at.seconds > 15 * 60 {
                let gap = DurationText.text(entry.at.seconds - previous.at.seconds)
                rows.append(["isGap": true, "gap": gap, "explanation": entry.gapExplanation.map(text) ?? "not explained"])
            }
            let sameDay = previous.map { $0.at.utcDate == entry.at.utcDate } ?? false
            let minute = entry.at.utcMinute.dropLast(4)
            var row: [String: Any] = [
                "time": sameDay ? String(minute.suffix(5)) : String(minute), "at": entry.at.description,
                "event": text(entry.event), "links": text(entry.links.joined(separator: ", ")),
            ]
            if let start { row["offset"] = offset(entry.at.seconds - start.seconds) }
            if let milestone = entry.milestone {
                row["milestone"] = milestone.rawValue
                row["key"] = milestone != .trigger
            }
            rows.append(row)
            previous = entry
        }
        return rows
    }

    /// `T+7 min`, `T−17 min`, `T+0`: a time against START OF IMPACT.
    func offset(_ seconds: Int64) -> String {
        seconds == 0 ? "T+0" : (seconds > 0 ? "T+" : "T−") + DurationText.text(abs(seconds))
    }

    func whys(_ format: Format) -> [[String: Any]] {
        let titles = Dictionary(document.actions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        return document.whys.questions.filter { !$0.chains.isEmpty }.map { question in
            let chains = question.chains.map { self.node($0, depth: 0, format: format, titles: titles) }
            return ["title": question.title, "chains": chains, "flat": flatten(chains)]
        }
    }

    private func node(_ node: WhyNode, depth: Int, format: Format, titles: [String: String]) -> [String: Any] {
        func text(_ value: String) -> String { format == .html ? value : ActionsRenderer.markdownEscaped(value) }
        let actions: [[String: String]] = node.actions.map { ["id": $0, "anchor": anchor($0), "title": text(titles[$0] ?? "")] }
        let then: [[String: Any]] = node.then.map { self.node($0, depth: depth + 1, format: format, titles: titles) }
        var view: [String: Any] = ["why": text(node.why), "because": text(node.because), "rootCause": node.rootCause]
        view["indent"] = String(repeating: "  ", count: depth)
        view["actions"] = actions
        view["hasActions"] = !actions.isEmpty
        view["justification"] = node.justification.map(text)
        view["then"] = then
        return view
    }

    /// The tree in reading order, each node with its indent (Markdown's nested lists).
    private func flatten(_ nodes: [[String: Any]]) -> [[String: Any]] {
        nodes.flatMap { [$0] + flatten($0["then"] as? [[String: Any]] ?? []) }
    }

    func actions(_ text: (String) -> String) -> [[String: Any]] {
        document.actions.map { item in
            var row: [String: Any] = [
                "id": item.id, "anchor": anchor(item.id), "title": text(item.title), "owner": text(item.owner ?? ""),
                "priority": item.priority?.rawValue ?? "", "due": item.due?.description ?? "", "status": item.status.rawValue,
                "ticket": text(item.ticket ?? ""), "longTerm": item.longTerm,
            ]
            if let today, item.isOverdue(on: today) { row["overdue"] = true }
            if let doneOn = item.doneOn { row["done"] = doneOn.description }
            if let replacement = item.replacedBy { row["replacedBy"] = replacement; row["replacedAnchor"] = anchor(replacement) }
            return row
        }
    }

    func related(_ item: RelatedCOE, _ text: (String) -> String) -> [String: Any] {
        // An absent value is an absent key: Mustache would show a nil wrapped in Any as "nil".
        var view: [String: Any] = ["id": item.id]
        view["title"] = item.title.map(text)
        view["link"] = item.link
        view["reason"] = item.reason.map(text)
        return view
    }

    func review(_ text: (String) -> String) -> [String: Any] {
        let state = ReviewState(document.review)
        var review: [String: Any] = [:]
        if let approvals {
            review["approvals"] = approvals.counting.map { ["name": text($0.authorName), "date": $0.at.utcMinute] }
            review["count"] = "\(approvals.counting.count) of \(approvals.required) required"
            review["void"] = approvals.voided.count
            review["hasVoid"] = !approvals.voided.isEmpty
            if let imported = approvals.importedReview {
                review["imported"] = "reviewed elsewhere; imported by \(text(imported.authorName)) on \(imported.at.utcDate)"
            }
        }
        let resolved = state.threads.filter { !$0.isOpen && !$0.isRetracted }
        review["threads"] = resolved.map { thread -> [String: Any] in
            let comment = thread.comment
            var about = comment.part ?? "the COE"
            if let item = comment.item { about += " \(item)" }
            if let line = comment.line { about += ", line \(line)" }
            return [
                "about": text(about), "author": text(comment.authorName), "date": comment.at.utcMinute, "text": text(comment.text),
                "kind": comment.kind == .changesRequested ? "changes requested" : "comment",
                "replies": (thread.replies + [thread.resolution].compactMap { $0 }).map {
                    ["author": text($0.authorName), "date": $0.at.utcMinute, "text": text($0.text),
                     "resolved": $0.kind.closesThread]
                },
            ]
        }
        review["open"] = state.openThreads.count
        review["hasOpen"] = !state.openThreads.isEmpty
        review["any"] = approvals != nil || !state.threads.isEmpty
        return review
    }
}
