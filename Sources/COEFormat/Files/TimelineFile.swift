/// `timeline.yaml`: a list of entries, each `at`, `event`, and optionally `milestone`, `links`, `gap_explanation`.
public enum TimelineFile {
    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> [TimelineEntry] {
        let (reader, maps) = try YAMLReader.topLevelList(source, of: "timeline entry", example: "- at: …", limits: limits)
        var entries: [TimelineEntry] = []
        for map in maps {
            let at = map.timestamp("at", required: true)
            let event = map.string("event", required: true)
            let milestone = map.choice("milestone", as: Milestone.self)
            let links = map.strings("links")
            let gap = map.string("gap_explanation")
            map.finish()
            if let at, let event {
                var entry = TimelineEntry(at: at, event: event, milestone: milestone, links: links, gapExplanation: gap,
                                          position: map.position, positions: map.keyPositions)
                entry.texts = map.valueLocations
                entries.append(entry)
            }
        }
        if !reader.diagnostics.isEmpty { throw FormatError(reader.diagnostics) }
        return entries
    }

    public static func serialize(_ entries: [TimelineEntry]) -> String {
        var writer = YAMLWriter()
        writer.writeList(of: entries.map { entry in
            [("at", .raw(entry.at.description)),
             ("milestone", entry.milestone.map { .raw($0.rawValue) }),
             ("event", .string(entry.event)),
             ("links", entry.links.isEmpty ? nil : .list(entry.links.map { .string($0) })),
             ("gap_explanation", entry.gapExplanation.map { .string($0) })]
        })
        return writer.text
    }
}
