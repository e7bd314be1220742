/// `coe.yaml`: the COE's metadata and title.
public enum MetadataFile {
    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> Metadata {
        let (reader, map) = try YAMLReader.topLevelMapping(
            source, emptyMessage: "empty metadata file; it needs at least id, title, severity, status, team and created", limits: limits)
        let id = map.string("id", required: true)
        if let id, let problem = COEID.problem(with: id), let node = map.node("id") {
            reader.report("id '\(COEID.escaped(id))': \(problem)", at: node.position)
        }
        let title = map.string("title", required: true)
        let severity = map.choice("severity", required: true, as: IncidentSeverity.self)
        let status = map.choice("status", required: true, as: COEStatus.self)
        let team = map.string("team", required: true)
        let owner = map.string("owner")
        let created = map.date("created", required: true)
        var event = EventTimes()
        if let times = map.mapping("event") {
            event.start = times.timestamp("start")
            event.detected = times.timestamp("detected")
            event.mitigated = times.timestamp("mitigated")
            event.end = times.timestamp("end")
            times.finish()
        }
        let detection = map.choice("detection_source", as: DetectionSource.self)
        let reviewers = map.strings("reviewers")
        let confidentiality = map.choice("confidentiality", as: Confidentiality.self)
        let related = map.ids("related")
        let tags = map.strings("tags")
        let services = map.strings("services")
        map.finish()
        guard reader.diagnostics.isEmpty, let id, let title, let severity, let status, let team, let created else {
            throw FormatError(reader.diagnostics)
        }
        var metadata = Metadata(id: id, title: title, severity: severity, status: status, team: team, owner: owner, created: created,
                        event: event, detectionSource: detection, reviewers: reviewers,
                        confidentiality: confidentiality ?? .teamOnly, related: related, tags: tags, services: services,
                        positions: map.keyPositions)
        metadata.texts = map.valueLocations
        return metadata
    }

    public static func serialize(_ metadata: Metadata) -> String {
        var writer = YAMLWriter()
        let times: [(String, YAMLWriter.Value?)] = [
            ("start", metadata.event.start.map { .raw($0.description) }),
            ("detected", metadata.event.detected.map { .raw($0.description) }),
            ("mitigated", metadata.event.mitigated.map { .raw($0.description) }),
            ("end", metadata.event.end.map { .raw($0.description) }),
        ]
        writer.write([
            ("id", .string(metadata.id)),
            ("title", .string(metadata.title)),
            ("severity", .raw(metadata.severity.rawValue)),
            ("status", .raw(metadata.status.rawValue)),
            ("team", .string(metadata.team)),
            ("owner", metadata.owner.map { .string($0) }),
            ("created", .raw(metadata.created.description)),
            ("event", times.contains { $0.1 != nil } ? .mapping(times) : nil),
            ("detection_source", metadata.detectionSource.map { .raw($0.rawValue) }),
            ("reviewers", .inlineList(metadata.reviewers.map { .string($0) })),
            ("confidentiality", .raw(metadata.confidentiality.rawValue)),
            ("related", .inlineList(metadata.related.map { .string($0) })),
            ("tags", .inlineList(metadata.tags.map { .string($0) })),
            ("services", .inlineList(metadata.services.map { .string($0) })),
        ])
        return writer.text
    }
}
