/// `metrics/NN-name.yaml`: one graph, with its snapshot image, dashboard link and, optionally, its data.
public enum GraphFile {
    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> Graph {
        let (reader, map) = try YAMLReader.topLevelMapping(source, emptyMessage: "empty graph file; it needs at least a title",
                                                           limits: limits)
        var graph = Graph(file: source.file, title: map.string("title", required: true) ?? "")
        graph.caption = map.string("caption")
        graph.dashboard = map.string("dashboard")
        graph.image = map.string("image")
        if let image = graph.image, let node = map.node("image"), let problem = relativePathProblem(image) {
            reader.report("image '\(image)': \(problem)", at: node.position)
        }
        graph.unit = map.string("unit")
        graph.interval = map.string("interval")
        graph.customerImpact = map.bool("customer_impact") ?? false
        for item in map.sequence("series") {
            guard let series = reader.mapping(item, context: "a series") else { continue }
            let name = series.string("name", required: true) ?? ""
            var points: [Graph.Point] = []
            for pointNode in series.sequence("points") {
                if let point = self.point(pointNode, reader: reader) { points.append(point) }
            }
            series.finish()
            graph.series.append(Graph.Series(name: name, points: points))
        }
        for item in map.sequence("thresholds") {
            guard let threshold = reader.mapping(item, context: "a threshold") else { continue }
            let value = threshold.number("value")
            let label = threshold.string("label", required: true)
            if value == nil, threshold.node("value") == nil { reader.report("missing required key 'value' in a threshold", at: threshold.position) }
            threshold.finish()
            if let value, let label { graph.thresholds.append(Graph.Threshold(value: value, label: label)) }
        }
        for item in map.sequence("markers") {
            guard let marker = reader.mapping(item, context: "a marker") else { continue }
            let at = marker.timestamp("at", required: true)
            let label = marker.string("label", required: true)
            marker.finish()
            if let at, let label { graph.markers.append(Graph.Marker(at: at, label: label)) }
        }
        map.finish()
        graph.positions = map.keyPositions
        graph.texts = map.valueLocations
        if !reader.diagnostics.isEmpty { throw FormatError(reader.diagnostics) }
        return graph
    }

    /// A point is written `[2026-11-03T14:00:00Z, 12.5]`.
    private static func point(_ node: YAMLNode, reader: YAMLReader) -> Graph.Point? {
        guard case .sequence(let pair, _) = node, pair.count == 2,
              case .scalar(let timeText, _, let timePosition) = pair[0], case .scalar(let valueText, _, let valuePosition) = pair[1] else {
            reader.report("a point is written [time, value], e.g. [2026-11-03T14:00:00Z, 12.5]", at: node.position)
            return nil
        }
        guard let at = Timestamp(timeText) else {
            reader.report("'\(timeText)' is not a time with an offset (e.g. 2026-11-03T14:00:00Z)", at: timePosition)
            return nil
        }
        // Not NaN or infinity: a graph's values are measurements, and NaN is not even equal to itself.
        guard let value = Double(valueText), value.isFinite else {
            reader.report("'\(valueText)' is not a number", at: valuePosition)
            return nil
        }
        return Graph.Point(at: at, value: value)
    }

    /// Why a path written in a file may not be used, or nil when it is a plain relative path.
    ///
    /// An ASCII path in one pass over its bytes (there a character is a byte, so the components and scalars are
    /// the same): split into components and walked by scalars, the 2,000 images of 1,000 generated COEs cost
    /// 25 million instructions (callgrind, 2026-12-02). Any other path as characters, where a combining mark can
    /// join a `/` or `.`.
    public static func relativePathProblem(_ path: String) -> String? {
        if path.hasPrefix("/") { return "must be relative to the metrics folder" }
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else {
            if path.split(separator: "/").contains("..") { return "must not leave the COE folder ('..')" }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "contains control characters" }
            return nil
        }
        var length = 0, dotsOnly = true
        var leaves = false, control = false
        for byte in path.utf8 {
            if byte == 0x2F {
                if length == 2 && dotsOnly { leaves = true }
                length = 0
                dotsOnly = true
            } else {
                length += 1
                if byte != 0x2E { dotsOnly = false }
                if byte < 0x20 || byte == 0x7F { control = true }
            }
        }
        if length == 2 && dotsOnly { leaves = true }
        if leaves { return "must not leave the COE folder ('..')" }
        if control { return "contains control characters" }
        return nil
    }

    public static func serialize(_ graph: Graph) -> String {
        var writer = YAMLWriter()
        writer.write([
            ("title", .string(graph.title)),
            ("caption", graph.caption.map { .string($0) }),
            ("dashboard", graph.dashboard.map { .string($0) }),
            ("image", graph.image.map { .string($0) }),
            ("unit", graph.unit.map { .string($0) }),
            ("interval", graph.interval.map { .string($0) }),
            ("customer_impact", graph.customerImpact ? .raw("true") : nil),
            ("thresholds", graph.thresholds.isEmpty ? nil : .list(graph.thresholds.map {
                .mapping([("value", .raw(format($0.value))), ("label", .string($0.label))]) })),
            ("markers", graph.markers.isEmpty ? nil : .list(graph.markers.map {
                .mapping([("at", .raw($0.at.description)), ("label", .string($0.label))]) })),
            ("series", graph.series.isEmpty ? nil : .list(graph.series.map { series in
                .mapping([("name", .string(series.name)),
                          ("points", .list(series.points.map { .inlineList([.raw($0.at.description), .raw(format($0.value))]) }))]) })),
        ])
        return writer.text
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
