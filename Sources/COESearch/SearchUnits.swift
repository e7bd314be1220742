import COEFormat

/// One searchable piece of a COE: a line of prose, or a text value of a YAML file, with where it is.
struct SearchUnit {
    /// The part: title, summary, impact, response, analysis, timeline, whys, actions, lessons, metrics, tags, services.
    let part: String
    /// The file, relative to the repository root.
    let file: String
    /// The line the text starts on.
    let line: Int
    let text: String
}

extension SearchUnit {
    /// Everything people write in a COE, as units: the title, each line of the Markdown parts (their HTML
    /// comments, the template's guidance, left out), and each text value of the YAML files: graphs' titles
    /// and captions, timeline events and gap explanations, each why and its answer, action items' titles and
    /// descriptions, lessons, tags and services.
    static func all(of document: COEDocument) -> [SearchUnit] {
        var units: [SearchUnit] = []
        let metadata = document.metadata
        let metadataFile = document.path(COELayout.metadataFile)
        func add(_ part: String, _ file: String, _ line: Int?, _ text: String?) {
            // Blank is no unit (a byte check: Foundation's trimming cost a fifth of a first build).
            guard let text, text.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            units.append(SearchUnit(part: part, file: file, line: line ?? 1, text: text))
        }
        add("title", metadataFile, metadata.texts["title"]?.position.line ?? metadata.positions["title"]?.line, metadata.title)
        add("tags", metadataFile, metadata.positions["tags"]?.line, metadata.tags.joined(separator: ", "))
        add("services", metadataFile, metadata.positions["services"]?.line, metadata.services.joined(separator: ", "))
        for (part, prose) in [("summary", document.summary), ("impact", document.impact), ("response", document.response),
                              ("analysis", document.analysis)] {
            for (index, line) in visibleLines(prose).enumerated() { add(part, prose.file, index + 1, line) }
        }
        for graph in document.metrics {
            add("metrics", graph.file, graph.texts["title"]?.position.line, graph.title)
            add("metrics", graph.file, graph.texts["caption"]?.position.line, graph.caption)
        }
        let timelineFile = document.path(Part.timeline.path)
        for entry in document.timeline {
            add("timeline", timelineFile, entry.texts["event"]?.position.line ?? entry.position.line, entry.event)
            add("timeline", timelineFile, entry.texts["gap_explanation"]?.position.line, entry.gapExplanation)
        }
        let whysFile = document.path(Part.whys.path)
        func visit(_ node: WhyNode) {
            add("whys", whysFile, node.texts["why"]?.position.line ?? node.position.line, node.why)
            add("whys", whysFile, node.texts["because"]?.position.line ?? node.position.line, node.because)
            add("whys", whysFile, node.texts["justification"]?.position.line, node.justification)
            node.then.forEach(visit)
        }
        for (_, _, chains) in document.whys.questions { chains.forEach(visit) }
        for item in document.actions {
            add("actions", item.file, item.texts["title"]?.position.line ?? item.positions["title"]?.line, item.title)
            add("actions", item.file, item.texts["description"]?.position.line ?? item.positions["description"]?.line, item.description)
        }
        let lessonsFile = document.path(Part.lessons.path)
        for lesson in document.lessons {
            add("lessons", lessonsFile, lesson.texts["lesson"]?.position.line ?? lesson.position.line, lesson.lesson)
        }
        return units
    }

    /// The lines of a Markdown part with its HTML comments blanked out, so that line numbers stay those of the file.
    static func visibleLines(_ prose: Prose) -> [String] {
        var bytes = Array(prose.text.utf8)
        for comment in prose.markdown.segments(.comment) {
            for index in comment.bytes where index < bytes.count && bytes[index] != 0x0A { bytes[index] = 0x20 }
        }
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
