/// `whys.yaml`: three lists of chains (`happened`, `detection`, `resolution`); each node has
/// `why`, `because`, and optionally `then` (the next whys), `root_cause`, `actions`, `justification`.
public enum WhysFile {
    /// Deeper trees than this are refused (no real analysis needs them; it guards the recursion).
    static let maximumDepth = 64

    public static func parse(_ source: SourceText, limits: ReadLimits = .default) throws -> FiveWhys {
        guard let root = try YAMLParser.parse(source, limits: limits) else { return FiveWhys() }
        let reader = YAMLReader(file: source.file)
        guard let map = reader.mapping(root) else { throw FormatError(reader.diagnostics) }
        var whys = FiveWhys()
        whys.happened = chains(map.sequence("happened"), reader: reader, depth: 1)
        whys.detection = chains(map.sequence("detection"), reader: reader, depth: 1)
        whys.resolution = chains(map.sequence("resolution"), reader: reader, depth: 1)
        for key in ["happened", "detection", "resolution"] { whys.keyPositions[key] = map.keyPositions[key] }
        map.finish()
        if !reader.diagnostics.isEmpty { throw FormatError(reader.diagnostics) }
        return whys
    }

    private static func chains(_ items: [YAMLNode], reader: YAMLReader, depth: Int) -> [WhyNode] {
        var nodes: [WhyNode] = []
        for item in items {
            guard depth <= maximumDepth else {
                reader.report("the five-whys tree is deeper than \(maximumDepth) levels", at: item.position)
                return nodes
            }
            guard let map = reader.mapping(item, context: "a why") else { continue }
            let why = map.string("why", required: true)
            let because = map.string("because", required: true)
            let children = chains(map.sequence("then"), reader: reader, depth: depth + 1)
            let rootCause = map.bool("root_cause") ?? false
            let actions = map.ids("actions")
            let justification = map.string("justification")
            map.finish()
            if let why, let because {
                var node = WhyNode(why: why, because: because, then: children, rootCause: rootCause, actions: actions,
                                   justification: justification, position: map.position, positions: map.keyPositions)
                node.texts = map.valueLocations
                nodes.append(node)
            }
        }
        return nodes
    }

    public static func serialize(_ whys: FiveWhys) -> String {
        func value(_ node: WhyNode) -> YAMLWriter.Value {
            .mapping([
                ("why", .string(node.why)),
                ("because", .string(node.because)),
                ("root_cause", node.rootCause ? .raw("true") : nil),
                ("actions", node.actions.isEmpty ? nil : .inlineList(node.actions.map { .string($0) })),
                ("justification", node.justification.map { .string($0) }),
                ("then", node.then.isEmpty ? nil : .list(node.then.map(value))),
            ])
        }
        var writer = YAMLWriter()
        var first = true
        for (key, _, chains) in whys.questions where !chains.isEmpty {
            if !first { writer.comment("") }
            first = false
            writer.write([(key, .list(chains.map(value)))])
        }
        return writer.text
    }
}
