import COEFormat

/// What `coe report` reads of a COE (coe.yaml, of each action item its id, owner, priority, due date, status,
/// done date and due-date moves, and the timeline's milestones), kept in the site's manifest so that the
/// report page of a site where one COE changed does not read the other 999 again. Made from a document read
/// whole, and made back into a document the report takes. When the report comes to read more of a COE, add
/// it here: `SiteTests` checks that the report made from these equals the one made from the files.
struct SiteReportInput: Codable {
    struct Action: Codable {
        var id: String, owner: String?, priority: String?, due: String?, status: String, doneOn: String?
        /// Each move of the due date: when, from, to.
        var slips: [[String?]]
    }

    var id: String, title: String, severity: String, status: String, team: String, owner: String?, created: String
    /// start, detected, mitigated, end.
    var event: [String?]
    var detectionSource: String?, reviewers: [String], confidentiality: String, related: [String], tags: [String], services: [String]
    var actions: [Action]
    /// Each milestone of the timeline: its time and name.
    var milestones: [[String]]

    init(_ document: COEDocument) {
        let metadata = document.metadata
        id = metadata.id
        title = metadata.title
        severity = metadata.severity.rawValue
        status = metadata.status.rawValue
        team = metadata.team
        owner = metadata.owner
        created = metadata.created.description
        event = [metadata.event.start, metadata.event.detected, metadata.event.mitigated, metadata.event.end].map { $0?.description }
        detectionSource = metadata.detectionSource?.rawValue
        reviewers = metadata.reviewers
        confidentiality = metadata.confidentiality.rawValue
        related = metadata.related
        tags = metadata.tags
        services = metadata.services
        actions = document.actions.map { item in
            Action(id: item.id, owner: item.owner, priority: item.priority?.rawValue, due: item.due?.description, status: item.status.rawValue,
                   doneOn: item.doneOn?.description, slips: item.slips.map { [$0.date.description, $0.from?.description, $0.to.description] })
        }
        milestones = document.timeline.compactMap { entry in entry.milestone.map { [entry.at.description, $0.rawValue] } }
    }

    /// The document the report takes (nil when what was kept no longer reads: the manifest is then not trusted).
    func document(directory: String) -> COEDocument? {
        guard let severity = IncidentSeverity(rawValue: severity), let status = COEStatus(rawValue: status),
              let created = CalendarDate(created), let confidentiality = Confidentiality(rawValue: confidentiality), event.count == 4 else { return nil }
        let times = event.map { $0.flatMap(Timestamp.init) }
        let metadata = Metadata(id: id, title: title, severity: severity, status: status, team: team, owner: owner, created: created,
                                event: EventTimes(start: times[0], detected: times[1], mitigated: times[2], end: times[3]),
                                detectionSource: detectionSource.flatMap(DetectionSource.init), reviewers: reviewers,
                                confidentiality: confidentiality, related: related, tags: tags, services: services)
        var items: [ActionItem] = []
        for action in actions {
            guard let state = ActionStatus(rawValue: action.status) else { return nil }
            var item = ActionItem(id: action.id, file: "", title: "", owner: action.owner, priority: action.priority.flatMap(ActionPriority.init),
                                  due: action.due.flatMap(CalendarDate.init), status: state, doneOn: action.doneOn.flatMap(CalendarDate.init))
            item.slips = action.slips.compactMap { slip in
                guard slip.count == 3, let date = slip[0].flatMap(CalendarDate.init), let to = slip[2].flatMap(CalendarDate.init) else { return nil }
                return ActionSlip(date: date, from: slip[1].flatMap(CalendarDate.init), to: to, reason: "")
            }
            items.append(item)
        }
        let timeline = milestones.compactMap { pair -> TimelineEntry? in
            guard pair.count == 2, let at = Timestamp(pair[0]), let milestone = Milestone(rawValue: pair[1]) else { return nil }
            return TimelineEntry(at: at, event: "", milestone: milestone)
        }
        let empty = Prose(file: "", text: "")
        return COEDocument(directory: directory, metadata: metadata, summary: empty, metrics: [], impact: empty, response: empty,
                           analysis: empty, timeline: timeline, whys: FiveWhys(), actions: items, lessons: [])
    }
}
