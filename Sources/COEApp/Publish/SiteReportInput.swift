import COEFormat

/// What `coe report` reads of a COE (its coe.yaml, its action items, and the timeline's milestones), kept
/// in the site's manifest so that the report page of a site where one COE changed does not read the other
/// 999 again. The parsed values themselves are kept, in the cached form the read cache uses (`CachedParse`),
/// so nothing is copied field by field. When the report comes to read more of a COE, add it here:
/// `SiteTests` checks that the report made from these equals the one made from the files.
struct SiteReportInput {
    var metadata: Metadata
    var actions: [ActionItem]
    /// Each milestone of the timeline: its time and name.
    var milestones: [(at: Timestamp, milestone: Milestone)]

    init(_ document: COEDocument) {
        metadata = document.metadata
        actions = document.actions
        milestones = document.timeline.compactMap { entry in entry.milestone.map { (entry.at, $0) } }
    }

    /// The document the report takes.
    func document(directory: String) -> COEDocument {
        let timeline = milestones.map { TimelineEntry(at: $0.at, event: "", milestone: $0.milestone) }
        let empty = Prose(file: "", text: "")
        return COEDocument(directory: directory, metadata: metadata, summary: empty, metrics: [], impact: empty, response: empty,
                           analysis: empty, timeline: timeline, whys: FiveWhys(), actions: actions, lessons: [])
    }

    func encode(to writer: inout BinaryWriter) {
        metadata.encode(to: &writer)
        writer.varint(actions.count)
        for action in actions { action.encode(to: &writer) }
        writer.varint(milestones.count)
        for (at, milestone) in milestones {
            writer.timestamp(at)
            writer.shortString(milestone.rawValue)
        }
    }

    init(from reader: inout BinaryReader) throws {
        metadata = try Metadata(from: &reader)
        let count = try reader.varint()
        try reader.need(count, 1)
        actions = try (0..<count).map { _ in try ActionItem(from: &reader) }
        let milestoneCount = try reader.varint()
        try reader.need(milestoneCount, 1)
        milestones = try (0..<milestoneCount).map { _ in
            guard let at = try reader.timestamp() else { throw BinaryReader.Truncated() }
            return (at, try reader.enumeration())
        }
    }
}
