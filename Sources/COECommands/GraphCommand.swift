import ArgumentParser
import COEApp
import COEFormat
import COEWorkspace

struct GraphCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a COE's metric graphs as SVG from their data.",
        discussion: """
            Each graph of metrics/*.yaml is drawn from its series, thresholds (horizontal lines), \
            markers (vertical lines) and unit, with vertical lines at START OF IMPACT and END OF \
            IMPACT from the timeline (coe.yaml's event times where the timeline has none), time in \
            UTC and the sampling interval stated. By default each is written into the COE's metrics \
            folder, as the graph's image when that names an .svg file, else as <graph>.svg. A graph \
            with no data, or with data at a single moment, is an error (exit 1); the others are \
            still drawn.

            Examples:
              coe graph k7qm
              coe graph k7qm 01 -o build/graphs
              coe graph k7qm 01-checkout-error-rate -o - > graph.svg
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: ArgumentHelp("Only this graph: its file name, with or without .yaml, or a unique prefix (01).", valueName: "graph"),
              completion: .graphNames(of: "graph"))
    var graph: String?

    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("Write the SVG files into this folder (default: the COE's metrics folder); - writes one graph to standard output.",
                               valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("The width in pixels.", valueName: "pixels"))
    var width = 600

    @Option(help: ArgumentHelp("The height in pixels.", valueName: "pixels"))
    var height = 400

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        guard (240...10_000).contains(width), (180...10_000).contains(height) else {
            throw ValidationError("--width is from 240 to 10000 pixels and --height from 180 to 10000")
        }
    }

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let directory = try workspace.resolve(id)
        let document = try COEReader.read(directory: directory, from: workspace.workingTree, limits: workspace.configuration.readLimits,
                                          parts: [.metrics, .timeline])
        let graphs = try Self.select(graph, in: document)
        if output == "-", graphs.count != 1 {
            throw ValidationError("-o - writes one graph to standard output; name one of: \(document.metrics.map(\.name).joined(separator: ", "))")
        }
        var problems: [Diagnostic] = []
        for graph in graphs {
            let svg: String
            do {
                svg = try GraphRenderer.svg(graph, timeline: document.timeline, event: document.metadata.event,
                                            size: GraphRenderer.Size(width: width, height: height))
            } catch let error as FormatError {
                problems += error.diagnostics
                continue
            }
            if output == "-" {
                context.output.write(exact: svg)
                continue
            }
            let folder = output.map(context.path) ?? (workspace.workTree + "/" + document.path("metrics"))
            let path = folder + "/" + Self.fileName(graph)
            try OutputFile.write(path, svg)
            context.output.line("wrote " + (output == nil ? document.path("metrics/" + Self.fileName(graph)) : path))
        }
        if !problems.isEmpty { throw FormatError(problems) }
    }

    /// The SVG's file name: the graph's image when it names an SVG file in the metrics folder, else the
    /// graph's own name with .svg.
    static func fileName(_ graph: Graph) -> String {
        if let image = graph.image, image.hasSuffix(".svg"), !image.contains("/") { return image }
        return graph.name + ".svg"
    }

    /// Every graph, or the one `name` names (exactly, with .yaml, or by a unique prefix).
    static func select(_ name: String?, in document: COEDocument) throws -> [Graph] {
        let graphs = document.metrics
        guard let name else { return graphs }
        let all = graphs.map(\.name)
        let wanted = Graph.name(ofFile: name)
        if let exact = all.firstIndex(of: wanted) { return [graphs[exact]] }
        let matches = all.indices.filter { all[$0].hasPrefix(wanted) }
        guard matches.count == 1 else {
            let known = all.isEmpty ? "it has no graphs" : "its graphs: " + all.joined(separator: ", ")
            throw WorkspaceError("\(matches.isEmpty ? "no graph" : "more than one graph") named '\(name)' in \(document.id); \(known)")
        }
        return [graphs[matches[0]]]
    }
}
