/// `actions/<ID>.yaml`: one action item per file, so that two people editing two items never conflict.
///
/// The keys in `ActionItem.trackingKeys` (status, done_on, done_by, evidence, notes, slips) are the
/// item's tracking state, written last so that the approved content above them reads as one block.
public enum ActionFile {
    /// The id an action file's name gives (`A3.yaml` → `A3`), or nil for another kind of file.
    public static func id(fromFileName name: String) -> String? {
        guard name.hasSuffix(".yaml"), name.count > 5 else { return nil }
        return String(name.dropLast(5))
    }

    public static func parse(_ source: SourceText, id: String, limits: ReadLimits = .default) throws -> ActionItem {
        if let problem = COEID.problem(with: id) {
            throw FormatError([Diagnostic(file: source.file, message: "action id '\(COEID.escaped(id))' (the file name): \(problem)")])
        }
        let (reader, map) = try YAMLReader.topLevelMapping(source, emptyMessage: "empty action item; it needs at least a title",
                                                           limits: limits)
        let title = map.string("title", required: true)
        let description = map.string("description")
        let owner = map.string("owner")
        let priority = map.choice("priority", as: ActionPriority.self)
        let due = map.date("due")
        let ticket = map.string("ticket")
        let status = map.choice("status", as: ActionStatus.self)
        let doneOn = map.date("done_on")
        let doneBy = map.string("done_by")
        let longTerm = map.bool("long_term") ?? false
        let replacedBy = map.id("replaced_by")
        let evidence = map.string("evidence")
        let notes: [ActionNote] = map.sequence("notes").compactMap { node in
            guard let note = reader.mapping(node, context: "a note") else { return nil }
            defer { note.finish() }
            guard let date = note.date("date", required: true), let text = note.string("text", required: true) else { return nil }
            return ActionNote(date: date, by: note.string("by"), text: text)
        }
        let slips: [ActionSlip] = map.sequence("slips").compactMap { node in
            guard let slip = reader.mapping(node, context: "a slip") else { return nil }
            defer { slip.finish() }
            let from = slip.date("from")
            guard let date = slip.date("date", required: true), let to = slip.date("to", required: true),
                  let reason = slip.string("reason", required: true) else { return nil }
            return ActionSlip(date: date, from: from, to: to, reason: reason)
        }
        map.finish()
        guard reader.diagnostics.isEmpty, let title else { throw FormatError(reader.diagnostics) }
        var item = ActionItem(id: id, file: source.file, title: title, description: description, owner: owner, priority: priority,
                          due: due, ticket: ticket, status: status ?? .open, doneOn: doneOn, doneBy: doneBy,
                          longTerm: longTerm, replacedBy: replacedBy, positions: map.keyPositions)
        item.evidence = evidence
        item.notes = notes
        item.slips = slips
        item.texts = map.valueLocations
        return item
    }

    public static func serialize(_ item: ActionItem) -> String {
        var writer = YAMLWriter()
        writer.write([
            ("title", .string(item.title)),
            ("description", item.description.map { .string($0) }),
            ("owner", item.owner.map { .string($0) }),
            ("priority", item.priority.map { .raw($0.rawValue) }),
            ("due", item.due.map { .raw($0.description) }),
            ("ticket", item.ticket.map { .string($0) }),
            ("long_term", item.longTerm ? .raw("true") : nil),
            ("replaced_by", item.replacedBy.map { .string($0) }),
        ] + trackingPairs(item))
        return writer.text
    }

    /// The item's tracking state (`ActionItem.trackingKeys`) as YAML pairs, in the order they are written.
    public static func trackingPairs(_ item: ActionItem) -> [(String, YAMLWriter.Value?)] {
        [
            ("status", .raw(item.status.rawValue)),
            ("done_on", item.doneOn.map { .raw($0.description) }),
            ("done_by", item.doneBy.map { .string($0) }),
            ("evidence", item.evidence.map { .string($0) }),
            ("slips", item.slips.isEmpty ? nil : .list(item.slips.map { slip in
                .mapping([("date", .raw(slip.date.description)), ("from", slip.from.map { .raw($0.description) }),
                          ("to", .raw(slip.to.description)), ("reason", .string(slip.reason))])
            })),
            ("notes", item.notes.isEmpty ? nil : .list(item.notes.map { note in
                .mapping([("date", .raw(note.date.description)), ("by", note.by.map { .string($0) }), ("text", .string(note.text))])
            })),
        ]
    }
}
