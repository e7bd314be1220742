import COEFormat

/// Everything a rule may read about one COE.
public final class LintContext {
    public let document: COEDocument
    public let configuration: Configuration

    // What a rule reads beyond the COE's files and the configuration is noted as it is read: the findings
    // cache (`FindingsCache`) keeps a COE's findings with what they depended on, and uses them again only
    // while that is unchanged.
    private let day: CalendarDate
    private let allKnownIDs: Set<String>
    private let others: RepeatCorpus
    /// True once a rule has read `today`.
    public private(set) var readToday = false
    /// The ids a rule asked `isKnown` about, and the answers.
    public private(set) var knownAsked: [String: Bool] = [:]
    /// True once a rule has read `knownIDs` or `corpus` whole (what that depends on is not noted).
    public private(set) var readWholeRepository = false

    /// Today's date (`--today`): overdue actions, the time a COE may take.
    public var today: CalendarDate {
        readToday = true
        return day
    }

    /// Ids of all COEs in the repository; `isKnown` asks about one.
    public var knownIDs: Set<String> {
        readWholeRepository = true
        return allKnownIDs
    }

    /// True when a COE of id `id` exists in the repository (S4).
    public func isKnown(_ id: String) -> Bool {
        let known = allKnownIDs.contains(id)
        knownAsked[id] = known
        return known
    }

    /// The other COEs of the repository, as the similarity measure reads them (W7); empty when not given.
    public var corpus: RepeatCorpus {
        readWholeRepository = true
        return others
    }

    /// Name lists for the run (B1, I5).
    let lists: RunWordLists

    public convenience init(document: COEDocument, configuration: Configuration, today: CalendarDate, historyNames: [String] = [], knownIDs: Set<String> = [],
                            corpus: [SimilarityProfile] = []) {
        self.init(document: document, configuration: configuration, today: today, knownIDs: knownIDs,
                  lists: RunWordLists(configuration: configuration, historyNames: historyNames), corpus: RepeatCorpus(corpus))
    }

    init(document: COEDocument, configuration: Configuration, today: CalendarDate, knownIDs: Set<String>, lists: RunWordLists,
         corpus: RepeatCorpus = RepeatCorpus([])) {
        self.lists = lists
        others = corpus
        self.document = document
        self.configuration = configuration
        day = today
        allKnownIDs = knownIDs
    }

    public var metadata: Metadata { document.metadata }
    public var metadataFile: String { document.path(COELayout.metadataFile) }

    /// The Markdown parts as text units, in canonical order.
    public private(set) lazy var proseUnits: [TextUnit] = [
        TextUnit(prose: document.summary, part: .summary), TextUnit(prose: document.impact, part: .impact),
        TextUnit(prose: document.response, part: .response), TextUnit(prose: document.analysis, part: .analysis),
    ]

    public func prose(_ part: Part) -> TextUnit { proseUnits.first { $0.part == part }! }

    /// Every YAML text value people write, in canonical order: title, graphs, timeline, whys, actions, lessons.
    public private(set) lazy var fieldUnits: [TextUnit] = {
        var units: [TextUnit] = []
        func add(_ file: String, _ text: String?, _ part: Part?, _ field: String, _ texts: ValueLocations) {
            if let text, !text.isEmpty { units.append(TextUnit(file: file, text: text, part: part, field: field, location: texts[field])) }
        }
        add(metadataFile, metadata.title, nil, "title", metadata.texts)
        add(metadataFile, metadata.owner, nil, "owner", metadata.texts)
        for graph in document.metrics {
            add(graph.file, graph.title, .metrics, "title", graph.texts)
            add(graph.file, graph.caption, .metrics, "caption", graph.texts)
        }
        let timelineFile = document.path(Part.timeline.path)
        for entry in document.timeline {
            add(timelineFile, entry.event, .timeline, "event", entry.texts)
            add(timelineFile, entry.gapExplanation, .timeline, "gap_explanation", entry.texts)
        }
        let whysFile = document.path(Part.whys.path)
        for (node, pair) in zip(allWhyNodes, whyUnits) {
            units.append(pair.why)
            units.append(pair.because)
            add(whysFile, node.justification, .whys, "justification", node.texts)
        }
        for item in document.actions {
            add(item.file, item.title, .actions, "title", item.texts)
            add(item.file, item.description, .actions, "description", item.texts)
            add(item.file, item.owner, .actions, "owner", item.texts)
            add(item.file, item.doneBy, .actions, "done_by", item.texts)
        }
        let lessonsFile = document.path(Part.lessons.path)
        for lesson in document.lessons { add(lessonsFile, lesson.lesson, .lessons, "lesson", lesson.texts) }
        return units
    }()

    /// All text people write: prose first (canonical order), then YAML text values.
    public private(set) lazy var allUnits: [TextUnit] = proseUnits + fieldUnits

    /// All nodes of the five-whys tree, depth first.
    public private(set) lazy var allWhyNodes: [WhyNode] = {
        var nodes: [WhyNode] = []
        func visit(_ node: WhyNode) {
            nodes.append(node)
            node.then.forEach(visit)
        }
        for (_, _, chains) in document.whys.questions { chains.forEach(visit) }
        return nodes
    }()

    /// The content words of each node's question and answer (`WhyFollowsAnswer.contentWords`), for W3 and W8.
    public private(set) lazy var whyContentWords: [(why: [UInt64], because: [UInt64])] = whyUnits.map {
        (WhyFollowsAnswer.contentWords($0.why), WhyFollowsAnswer.contentWords($0.because))
    }

    /// The question and answer of each node of `allWhyNodes`, as text units (shared with `fieldUnits`).
    public private(set) lazy var whyUnits: [(why: TextUnit, because: TextUnit)] = {
        let file = document.path(Part.whys.path)
        return allWhyNodes.map { node in
            (TextUnit(file: file, text: node.why, part: .whys, field: "why", location: node.texts["why"]),
             TextUnit(file: file, text: node.because, part: .whys, field: "because", location: node.texts["because"]))
        }
    }()

    /// Every chain from a root to a leaf: the nodes along the way.
    /// One path, grown and shrunk along the walk: a new array for every node (`path + [node]`) cost 17.5 million
    /// instructions for 100 generated COEs (callgrind, 2026-12-02).
    public private(set) lazy var whyChains: [[WhyNode]] = {
        var chains: [[WhyNode]] = []
        var path: [WhyNode] = []
        func walk(_ node: WhyNode) {
            path.append(node)
            if node.then.isEmpty { chains.append(path) } else { node.then.forEach(walk) }
            path.removeLast()
        }
        for (_, _, roots) in document.whys.questions { roots.forEach(walk) }
        return chains
    }()

    /// The inline `coe-ignore` directives in the COE's files, found once.
    public private(set) lazy var suppressions: [Suppression] = Suppression.all(in: document)

    /// Action ids of this COE.
    public private(set) lazy var actionIDs: Set<String> = Set(document.actions.map(\.id))

    public var whysFile: String { document.path(Part.whys.path) }
    public var timelineFile: String { document.path(Part.timeline.path) }
    public var lessonsFile: String { document.path(Part.lessons.path) }
}
