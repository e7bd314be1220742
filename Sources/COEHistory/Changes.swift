import COEFormat

/// One change between two versions of a COE, in the document's own terms.
public struct Change: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case created, deleted, moved, unreadable, status, metadata, part
        case actionAdded = "action-added", actionRemoved = "action-removed", actionChanged = "action-changed"
        case timelineAdded = "timeline-added", timelineRemoved = "timeline-removed", timelineChanged = "timeline-changed"
        /// Review records (docs/workflow.md): `item` is the record's id, `from` the comment it answers.
        case commentAdded = "comment-added", changesRequested = "changes-requested", reply, commentResolved = "comment-resolved"
        case commentRetracted = "comment-retracted"
        case imported
        case approval, reviewRecordRemoved = "review-record-removed"
    }

    public let kind: Kind
    /// The part, action id or timeline time the change is about.
    public let item: String?
    /// The field that changed, for metadata, action and timeline changes.
    public let field: String?
    public let from: String?
    public let to: String?

    public init(kind: Kind, item: String? = nil, field: String? = nil, from: String? = nil, to: String? = nil) {
        self.kind = kind
        self.item = item
        self.field = field
        self.from = from
        self.to = to
    }

    /// A line a person reads: "A3 due 2026-12-01 → 2027-01-15".
    public var text: String {
        func arrow() -> String { "\(from ?? "(none)") → \(to ?? "(none)")" }
        switch kind {
        case .created: return "created"
        case .deleted: return "deleted"
        case .moved: return "moved \(arrow())"
        case .unreadable: return "\(item ?? "a file") could not be read at this commit"
        case .status: return "status \(arrow())"
        case .metadata: return "\(field ?? "metadata") \(arrow())"
        case .part: return "\(item ?? "a part") edited"
        case .actionAdded: return "action \(item ?? "") added" + (to.map { ": \($0)" } ?? "")
        case .actionRemoved: return "action \(item ?? "") removed"
        case .actionChanged where field == "notes": return "\(item ?? "") note: \(to ?? "")"
        case .actionChanged where field == "slips": return "\(item ?? "") slipped: \(to ?? "")"
        case .actionChanged where field?.hasSuffix(" rewritten") == true:
            return "\(item ?? "") \(field ?? ""): \(from ?? "0") → \(to ?? "0") (an earlier entry removed or edited)"
        case .actionChanged: return "\(item ?? "") \(field ?? "") \(arrow())"
        case .timelineAdded: return "timeline entry \(item ?? "") added"
        case .timelineRemoved: return "timeline entry \(item ?? "") removed"
        case .timelineChanged: return "timeline entry \(item ?? "") \(field ?? "") changed"
        case .commentAdded: return "comment \(item ?? "") added" + (to.map { ": \($0)" } ?? "")
        case .changesRequested: return "changes requested (\(item ?? ""))" + (to.map { ": \($0)" } ?? "")
        case .reply: return "reply \(item ?? "") to comment \(from ?? "")"
        case .commentResolved: return "comment \(from ?? "") resolved (\(item ?? ""))"
        case .commentRetracted: return "comment \(from ?? "") retracted by its author (\(item ?? ""))"
        case .imported: return "imported by \(to ?? ""), reviewed elsewhere (\(item ?? ""))"
        case .approval: return "approval \(item ?? "") by \(to ?? "")"
        case .reviewRecordRemoved: return "review record \(item ?? "") removed"
        }
    }

    /// True for changes to the document's content (not its status, its place or its review record).
    public var isContent: Bool {
        switch kind {
        case .status, .moved, .commentAdded, .changesRequested, .reply, .commentResolved, .commentRetracted, .imported, .approval,
             .reviewRecordRemoved:
            return false
        case .actionChanged:
            // An action's tracking state changes as the work is done; approvals do not cover it.
            return field.map { !ActionItem.trackingKeys.contains(String($0.prefix { $0 != " " })) } ?? true
        default: return true
        }
    }
}

/// Compares two versions of a COE.
public enum Changes {
    public static func between(_ old: COEDocument?, _ new: COEDocument?) -> [Change] {
        guard let new else { return old == nil ? [] : [Change(kind: .deleted)] }
        guard let old else { return [Change(kind: .created)] }
        var changes: [Change] = []
        if old.directory != new.directory { changes.append(Change(kind: .moved, from: old.directory, to: new.directory)) }
        let a = old.metadata, b = new.metadata
        if a.status != b.status { changes.append(Change(kind: .status, from: a.status.rawValue, to: b.status.rawValue)) }
        func field(_ name: String, _ x: String?, _ y: String?) {
            if x != y { changes.append(Change(kind: .metadata, field: name, from: x, to: y)) }
        }
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: ", ") }
        field("title", a.title, b.title)
        field("severity", a.severity.rawValue, b.severity.rawValue)
        field("team", a.team, b.team)
        field("owner", a.owner, b.owner)
        field("event.start", a.event.start?.description, b.event.start?.description)
        field("event.detected", a.event.detected?.description, b.event.detected?.description)
        field("event.mitigated", a.event.mitigated?.description, b.event.mitigated?.description)
        field("event.end", a.event.end?.description, b.event.end?.description)
        field("detection_source", a.detectionSource?.rawValue, b.detectionSource?.rawValue)
        field("reviewers", list(a.reviewers), list(b.reviewers))
        field("confidentiality", a.confidentiality.rawValue, b.confidentiality.rawValue)
        field("related", list(a.related), list(b.related))
        field("tags", list(a.tags), list(b.tags))
        field("services", list(a.services), list(b.services))

        for (part, x, y) in [(Part.summary, old.summary.text, new.summary.text), (.impact, old.impact.text, new.impact.text),
                             (.response, old.response.text, new.response.text), (.analysis, old.analysis.text, new.analysis.text)] where x != y {
            changes.append(Change(kind: .part, item: part.rawValue))
        }
        if old.metrics != new.metrics || old.assets.filter({ $0.hasPrefix("metrics/") }) != new.assets.filter({ $0.hasPrefix("metrics/") }) {
            changes.append(Change(kind: .part, item: Part.metrics.rawValue))
        }
        if old.whys != new.whys { changes.append(Change(kind: .part, item: Part.whys.rawValue)) }
        if old.lessons != new.lessons { changes.append(Change(kind: .part, item: Part.lessons.rawValue)) }

        changes += actionChanges(old.actions, new.actions)
        changes += timelineChanges(old.timeline, new.timeline)
        changes += reviewChanges(old.review, new.review)
        return changes
    }

    /// Review records are only ever added; one that disappears is reported.
    static func reviewChanges(_ old: [ReviewRecord], _ new: [ReviewRecord]) -> [Change] {
        let before = Set(old.map(\.id)), after = Set(new.map(\.id))
        func firstLine(_ text: String) -> String? {
            let line = text.prefix { $0 != "\n" }
            return line.isEmpty ? nil : String(line.prefix(80))
        }
        var changes: [Change] = new.filter { !before.contains($0.id) }.map { record in
            switch record.kind {
            case .comment: return Change(kind: .commentAdded, item: record.id, field: record.part, to: firstLine(record.text))
            case .changesRequested: return Change(kind: .changesRequested, item: record.id, to: firstLine(record.text))
            case .reply: return Change(kind: .reply, item: record.id, from: record.replyTo)
            case .resolution: return Change(kind: .commentResolved, item: record.id, from: record.replyTo)
            case .retraction: return Change(kind: .commentRetracted, item: record.id, from: record.replyTo)
            case .imported: return Change(kind: .imported, item: record.id, to: record.authorName)
            case .approval: return Change(kind: .approval, item: record.id, to: record.authorName)
            }
        }
        changes += old.filter { !after.contains($0.id) }.map { Change(kind: .reviewRecordRemoved, item: $0.id) }
        return changes
    }

    static func actionChanges(_ old: [ActionItem], _ new: [ActionItem]) -> [Change] {
        var changes: [Change] = []
        let before = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in new where before[item.id] == nil { changes.append(Change(kind: .actionAdded, item: item.id, to: item.title)) }
        for item in old where after[item.id] == nil { changes.append(Change(kind: .actionRemoved, item: item.id, from: item.title)) }
        for item in new {
            guard let previous = before[item.id] else { continue }
            let fields: [(String, String?, String?)] = [
                ("title", previous.title, item.title), ("description", previous.description, item.description),
                ("owner", previous.owner, item.owner), ("priority", previous.priority?.rawValue, item.priority?.rawValue),
                ("due", previous.due?.description, item.due?.description), ("ticket", previous.ticket, item.ticket),
                ("status", previous.status.rawValue, item.status.rawValue), ("done_on", previous.doneOn?.description, item.doneOn?.description),
                ("done_by", previous.doneBy, item.doneBy), ("long_term", String(previous.longTerm), String(item.longTerm)),
                ("replaced_by", previous.replacedBy, item.replacedBy), ("evidence", previous.evidence, item.evidence),
            ]
            for (name, x, y) in fields where x != y {
                // Long texts are named, not quoted.
                let long = name == "description"
                changes.append(Change(kind: .actionChanged, item: item.id, field: name, from: long ? nil : x, to: long ? nil : y))
            }
            // Notes and slips are appended: the new ones are named, with their text. One removed or
            // edited (by hand: coe only appends) is said too, with the counts before and after.
            func appended<Entry: Equatable>(_ old: [Entry], _ new: [Entry], field: String, _ text: (Entry) -> String) {
                if new.starts(with: old) {
                    for entry in new.dropFirst(old.count) { changes.append(Change(kind: .actionChanged, item: item.id, field: field, to: text(entry))) }
                } else {
                    changes.append(Change(kind: .actionChanged, item: item.id, field: "\(field) rewritten", from: String(old.count), to: String(new.count)))
                }
            }
            appended(previous.slips, item.slips, field: "slips") { $0.reason }
            appended(previous.notes, item.notes, field: "notes") { $0.text }
        }
        return changes
    }

    /// Timeline entries are matched by their time: a changed time reads as one entry removed and one added.
    static func timelineChanges(_ old: [TimelineEntry], _ new: [TimelineEntry]) -> [Change] {
        var changes: [Change] = []
        let before = Dictionary(old.map { ($0.at, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { ($0.at, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in new where before[entry.at] == nil { changes.append(Change(kind: .timelineAdded, item: entry.at.description)) }
        for entry in old where after[entry.at] == nil { changes.append(Change(kind: .timelineRemoved, item: entry.at.description)) }
        for entry in new {
            guard let previous = before[entry.at] else { continue }
            for (name, differs) in [("event", previous.event != entry.event), ("milestone", previous.milestone != entry.milestone),
                                    ("links", previous.links != entry.links), ("gap_explanation", previous.gapExplanation != entry.gapExplanation)] where differs {
                changes.append(Change(kind: .timelineChanged, item: entry.at.description, field: name))
            }
        }
        return changes
    }
}
