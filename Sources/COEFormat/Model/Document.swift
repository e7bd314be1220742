/// A COE's metadata (`coe.yaml`, rule S2).
public struct Metadata: Sendable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    public var id: String
    public var title: String
    public var severity: IncidentSeverity
    public var status: COEStatus
    /// The owning team.
    public var team: String
    /// A role or team alias, never a person's name.
    public var owner: String?
    public var created: CalendarDate
    public var event: EventTimes
    public var detectionSource: DetectionSource?
    /// Reviewers' git identities or aliases (not part of the blameless body text).
    public var reviewers: [String]
    public var confidentiality: Confidentiality
    /// Ids of related COEs (rule S4).
    public var related: [String]
    public var tags: [String]
    public var services: [String]
    /// Where each key was written.
    public var positions: KeyPositions

    public init(id: String, title: String, severity: IncidentSeverity, status: COEStatus = .draft, team: String,
                owner: String? = nil, created: CalendarDate, event: EventTimes = EventTimes(),
                detectionSource: DetectionSource? = nil, reviewers: [String] = [],
                confidentiality: Confidentiality = .teamOnly, related: [String] = [], tags: [String] = [],
                services: [String] = [], positions: KeyPositions = [:]) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.team = team
        self.owner = owner
        self.created = created
        self.event = event
        self.detectionSource = detectionSource
        self.reviewers = reviewers
        self.confidentiality = confidentiality
        self.related = related
        self.tags = tags
        self.services = services
        self.positions = positions
    }
}

/// The key moments of the event, each with its offset.
public struct EventTimes: Sendable, Equatable {
    public var start: Timestamp?
    public var detected: Timestamp?
    public var mitigated: Timestamp?
    public var end: Timestamp?

    public init(start: Timestamp? = nil, detected: Timestamp? = nil, mitigated: Timestamp? = nil, end: Timestamp? = nil) {
        self.start = start
        self.detected = detected
        self.mitigated = mitigated
        self.end = end
    }

    /// One of the four times is not given.
    public var lacksATime: Bool { start == nil || detected == nil || mitigated == nil || end == nil }
}

/// A Markdown part (summary, impact, response, analysis).
public struct Prose: Sendable, Equatable {
    /// Path relative to the repository root.
    public var file: String
    /// The text as written (LF line endings).
    public let text: String
    /// The text without HTML comments (the template's guidance) and surrounding white space.
    public let content: String
    /// Where the text has code and comments, scanned once for the reader's checks, `content` and the lint.
    public let markdown: MarkdownScan

    public init(file: String, text: String) {
        self.file = file
        self.text = text
        markdown = MarkdownScan(text)
        content = markdown.removingComments().trimmingWhitespace
    }

    /// True when the author has written nothing yet (only the template's comments, or nothing).
    public var isEmpty: Bool { content.isEmpty }

    /// Equal file and text (the rest is made from the text).
    public static func == (lhs: Prose, rhs: Prose) -> Bool { lhs.file == rhs.file && lhs.text == rhs.text }
}

/// One graph of the metrics part (`metrics/NN-name.yaml`, rules M1–M4).
public struct Graph: Sendable, Equatable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]
        public init(name: String, points: [Point]) { self.name = name; self.points = points }
    }
    public struct Point: Sendable, Equatable {
        public var at: Timestamp
        public var value: Double
        public init(at: Timestamp, value: Double) { self.at = at; self.value = value }
    }
    /// A horizontal line, such as an SLA threshold.
    public struct Threshold: Sendable, Equatable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }
    /// A vertical line at a moment, with a short label.
    public struct Marker: Sendable, Equatable {
        public var at: Timestamp
        public var label: String
        public init(at: Timestamp, label: String) { self.at = at; self.label = label }
    }

    /// Path relative to the repository root.
    public var file: String
    /// The graph's name, as `coe graph`, the completions and the rendered pages call it: its file's
    /// name without `.yaml`.
    public var name: String { Self.name(ofFile: file) }
    /// A graph's name from its file's path or name (`metrics/errors.yaml`, `errors.yaml`: `errors`).
    public static func name(ofFile path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
    }
    public var title: String
    /// Alt text for the image; says what the graph shows.
    public var caption: String?
    /// The live dashboard, where one exists.
    public var dashboard: String?
    /// A snapshot image, relative to the metrics folder.
    public var image: String?
    /// The unit of the y axis ("percent", "requests per second").
    public var unit: String?
    /// The sampling interval ("1 minute").
    public var interval: String?
    /// True when the graph shows customer impact (rule M4: the first graph does).
    public var customerImpact: Bool
    public var series: [Series]
    public var thresholds: [Threshold]
    public var markers: [Marker]
    public var positions: KeyPositions

    public init(file: String, title: String, caption: String? = nil, dashboard: String? = nil, image: String? = nil,
                unit: String? = nil, interval: String? = nil, customerImpact: Bool = false, series: [Series] = [],
                thresholds: [Threshold] = [], markers: [Marker] = [], positions: KeyPositions = [:]) {
        self.file = file
        self.title = title
        self.caption = caption
        self.dashboard = dashboard
        self.image = image
        self.unit = unit
        self.interval = interval
        self.customerImpact = customerImpact
        self.series = series
        self.thresholds = thresholds
        self.markers = markers
        self.positions = positions
    }

    public static func == (lhs: Graph, rhs: Graph) -> Bool {
        lhs.file == rhs.file && lhs.title == rhs.title && lhs.caption == rhs.caption && lhs.dashboard == rhs.dashboard
            && lhs.image == rhs.image && lhs.unit == rhs.unit && lhs.interval == rhs.interval
            && lhs.customerImpact == rhs.customerImpact && lhs.series == rhs.series
            && lhs.thresholds == rhs.thresholds && lhs.markers == rhs.markers
    }
}

/// One timeline entry (`timeline.yaml`, rules L1–L6).
public struct TimelineEntry: Sendable, Equatable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    public var at: Timestamp
    public var event: String
    public var milestone: Milestone?
    /// Tickets, deployments, logs.
    public var links: [String]
    /// What happened during a gap of over 15 minutes before this entry (rule L5).
    public var gapExplanation: String?
    /// Where the entry starts, and where each key was written.
    public var position: SourcePosition
    public var positions: KeyPositions

    public init(at: Timestamp, event: String, milestone: Milestone? = nil, links: [String] = [], gapExplanation: String? = nil,
                position: SourcePosition = .init(line: 1, column: 1), positions: KeyPositions = [:]) {
        self.at = at
        self.event = event
        self.milestone = milestone
        self.links = links
        self.gapExplanation = gapExplanation
        self.position = position
        self.positions = positions
    }

    public static func == (lhs: TimelineEntry, rhs: TimelineEntry) -> Bool {
        lhs.at == rhs.at && lhs.event == rhs.event && lhs.milestone == rhs.milestone && lhs.links == rhs.links
            && lhs.gapExplanation == rhs.gapExplanation
    }
}

/// One node of the five-whys tree: a question, its answer, and the whys that follow (rules W1–W6).
public struct WhyNode: Sendable, Equatable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    public var why: String
    public var because: String
    public var then: [WhyNode]
    /// Marks a leaf as a root cause.
    public var rootCause: Bool
    /// Action items addressing this node (rule W6).
    public var actions: [String]
    /// Why a chain may end before five whys (rule W1's exception).
    public var justification: String?
    public var position: SourcePosition
    public var positions: KeyPositions

    public init(why: String, because: String, then: [WhyNode] = [], rootCause: Bool = false, actions: [String] = [],
                justification: String? = nil, position: SourcePosition = .init(line: 1, column: 1),
                positions: KeyPositions = [:]) {
        self.why = why
        self.because = because
        self.then = then
        self.rootCause = rootCause
        self.actions = actions
        self.justification = justification
        self.position = position
        self.positions = positions
    }

    public static func == (lhs: WhyNode, rhs: WhyNode) -> Bool {
        lhs.why == rhs.why && lhs.because == rhs.because && lhs.then == rhs.then && lhs.rootCause == rhs.rootCause
            && lhs.actions == rhs.actions && lhs.justification == rhs.justification
    }
}

/// The five-whys analysis: three questions, each a forest of chains (rule W5).
public struct FiveWhys: Sendable, Equatable {
    /// Why did it happen?
    public var happened: [WhyNode]
    /// Why did it take so long to detect?
    public var detection: [WhyNode]
    /// Why did it take so long to resolve?
    public var resolution: [WhyNode]
    /// Where each question's key was written (`happened:`, `detection:`, `resolution:`), for a finding
    /// about a question with no chain.
    public var keyPositions: [String: SourcePosition] = [:]

    /// Equal in content; where keys were written does not count.
    public static func == (lhs: FiveWhys, rhs: FiveWhys) -> Bool {
        lhs.happened == rhs.happened && lhs.detection == rhs.detection && lhs.resolution == rhs.resolution
    }

    public init(happened: [WhyNode] = [], detection: [WhyNode] = [], resolution: [WhyNode] = []) {
        self.happened = happened
        self.detection = detection
        self.resolution = resolution
    }

    /// The three questions with their chains, in order.
    public var questions: [(key: String, title: String, chains: [WhyNode])] {
        [("happened", "Why did it happen?", happened),
         ("detection", "Why did it take so long to detect?", detection),
         ("resolution", "Why did it take so long to resolve?", resolution)]
    }

    public var isEmpty: Bool { happened.isEmpty && detection.isEmpty && resolution.isEmpty }
}

/// One action item (`actions/<ID>.yaml`, rules A1–A8).
public struct ActionItem: Sendable, Equatable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    /// The id, which is the file name without `.yaml`.
    public var id: String
    public var file: String
    public var title: String
    public var description: String?
    /// A team or role.
    public var owner: String?
    public var priority: ActionPriority?
    public var due: CalendarDate?
    public var ticket: String?
    public var status: ActionStatus
    public var doneOn: CalendarDate?
    /// The role or team that did it (rule A6).
    public var doneBy: String?
    public var longTerm: Bool
    /// The item that replaces this one when its status is `replaced` (rule A7).
    public var replacedBy: String?
    /// What shows the work is done: a commit id, a URL or a ticket id (`coe actions --verify` checks it).
    public var evidence: String?
    /// Progress notes, oldest first (`coe action note`, and what `coe action done -m` says).
    public var notes: [ActionNote] = []
    /// Each time the due date moved, oldest first, with why (`coe action move`).
    public var slips: [ActionSlip] = []
    public var positions: KeyPositions

    public init(id: String, file: String, title: String, description: String? = nil, owner: String? = nil,
                priority: ActionPriority? = nil, due: CalendarDate? = nil, ticket: String? = nil, status: ActionStatus = .open,
                doneOn: CalendarDate? = nil, doneBy: String? = nil, longTerm: Bool = false, replacedBy: String? = nil,
                positions: KeyPositions = [:]) {
        self.id = id
        self.file = file
        self.title = title
        self.description = description
        self.owner = owner
        self.priority = priority
        self.due = due
        self.ticket = ticket
        self.status = status
        self.doneOn = doneOn
        self.doneBy = doneBy
        self.longTerm = longTerm
        self.replacedBy = replacedBy
        self.positions = positions
    }

    public static func == (lhs: ActionItem, rhs: ActionItem) -> Bool {
        lhs.id == rhs.id && lhs.file == rhs.file && lhs.title == rhs.title && lhs.description == rhs.description
            && lhs.owner == rhs.owner && lhs.priority == rhs.priority && lhs.due == rhs.due && lhs.ticket == rhs.ticket
            && lhs.status == rhs.status && lhs.doneOn == rhs.doneOn && lhs.doneBy == rhs.doneBy
            && lhs.longTerm == rhs.longTerm && lhs.replacedBy == rhs.replacedBy && lhs.evidence == rhs.evidence
            && lhs.notes == rhs.notes && lhs.slips == rhs.slips
    }

    /// The keys of an action file that are its tracking state: they change as the work is done, after
    /// approval, without voiding it (`ContentHash`). Every other key is approved content.
    public static let trackingKeys: Set<String> = ["status", "done_on", "done_by", "evidence", "notes", "slips"]
}

/// A progress note on an action item.
public struct ActionNote: Sendable, Equatable {
    public var date: CalendarDate
    /// Who wrote it (the committer's name), when known.
    public var by: String?
    public var text: String

    public init(date: CalendarDate, by: String? = nil, text: String) {
        self.date = date
        self.by = by
        self.text = text
    }
}

/// A move of an action item's due date, with its reason.
public struct ActionSlip: Sendable, Equatable {
    /// When the due date was moved.
    public var date: CalendarDate
    public var from: CalendarDate?
    public var to: CalendarDate
    public var reason: String

    public init(date: CalendarDate, from: CalendarDate?, to: CalendarDate, reason: String) {
        self.date = date
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// One lesson learned (`lessons.yaml`, rules N1–N3).
public struct Lesson: Sendable, Equatable {
    /// Where each text value starts, by key (set by the reader).
    public var texts: ValueLocations = [:]
    public var lesson: String
    public var actions: [String]
    public var category: LessonCategory?
    public var position: SourcePosition
    public var positions: KeyPositions

    public init(lesson: String, actions: [String] = [], category: LessonCategory? = nil,
                position: SourcePosition = .init(line: 1, column: 1), positions: KeyPositions = [:]) {
        self.lesson = lesson
        self.actions = actions
        self.category = category
        self.position = position
        self.positions = positions
    }

    public static func == (lhs: Lesson, rhs: Lesson) -> Bool {
        lhs.lesson == rhs.lesson && lhs.actions == rhs.actions && lhs.category == rhs.category
    }
}

/// A whole COE as read from its folder.
public struct COEDocument: Sendable {
    /// The COE folder, relative to the repository root (`coes/2026-11-03-…`), without a trailing slash.
    public var directory: String
    public var metadata: Metadata
    public var summary: Prose
    public var metrics: [Graph]
    public var impact: Prose
    public var response: Prose
    public var analysis: Prose
    public var timeline: [TimelineEntry]
    public var whys: FiveWhys
    public var actions: [ActionItem]
    public var lessons: [Lesson]
    /// Files in `attachments/` and images in `metrics/`, relative to the COE folder.
    public var assets: [String]
    /// The text of every text file read (parts, and attachments that are UTF-8 text), by repository-relative path.
    public var sources: [String: String] = [:]
    /// The review record (`review/`), oldest first: comments, replies, resolutions, approvals.
    public var review: [ReviewRecord] = []

    public init(directory: String, metadata: Metadata, summary: Prose, metrics: [Graph], impact: Prose, response: Prose,
                analysis: Prose, timeline: [TimelineEntry], whys: FiveWhys, actions: [ActionItem], lessons: [Lesson],
                assets: [String] = []) {
        self.directory = directory
        self.metadata = metadata
        self.summary = summary
        self.metrics = metrics
        self.impact = impact
        self.response = response
        self.analysis = analysis
        self.timeline = timeline
        self.whys = whys
        self.actions = actions
        self.lessons = lessons
        self.assets = assets
    }

    public var id: String { metadata.id }
    public var title: String { metadata.title }

    /// The path of a file of this COE, relative to the repository root.
    public func path(_ name: String) -> String { directory.isEmpty ? name : "\(directory)/\(name)" }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII white space (space, tab, line breaks), cut on bytes.
    var trimmingWhitespace: String {
        let bytes = Array(utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension ActionItem {
    /// Still to do: open or in progress.
    public var isOpen: Bool { status == .open || status == .inProgress }

    /// Days from `today` to the due date (negative once past it); nil without a due date.
    public func daysLeft(on today: CalendarDate) -> Int? { due.map { today.days(until: $0) } }

    /// Open and past its due date on `today` (rule A5, and `coe actions --overdue`).
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard isOpen, let due else { return false }
        return due < today
    }
}

extension Configuration {
    /// Whether `owner` is a known team or role (rule A8); every owner is known when none are configured.
    public func knowsOwner(_ owner: String) -> Bool {
        let known = teams + roles
        return known.isEmpty || known.contains { $0.lowercased() == owner.lowercased() }
    }
}
