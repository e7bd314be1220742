import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import COEFormat
import Testing
import TestSupport

/// `coe graph`: the example COE's images are drawn from its data by the command, the impact lines stand
/// at the timeline's times, the axes carry units, labels do not overlap, and a graph without data is an error.
@Suite struct GraphTests {
    /// A repository holding the example COE (and, in `extra`, other files of it).
    static func repository(_ extra: [String: String] = [:]) throws -> GitFixture {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: coes\n")
        try copyExampleCOE(to: fixture.path + "/coes/" + exampleCOEID)
        for (path, text) in extra { try fixture.write("coes/\(exampleCOEID)/\(path)", text) }
        return fixture
    }

    /// The example's images are what `coe graph` draws from its data; COE_UPDATE_GOLDEN=1 draws them again.
    @Test func exampleImagesAreDrawnFromTheirData() throws {
        let fixture = try Self.repository()
        let result = coeInProcess(["graph", "k7qm"], in: fixture.path)
        #expect(result.status == 0, "\(result.stderr)")
        let names = ["01-checkout-error-rate.svg", "02-payment-call-latency.svg"]
        #expect(result.stdout == names.map { "wrote coes/\(exampleCOEID)/metrics/\($0)\n" }.joined())
        for name in names {
            let drawn = try fixture.scratch.read("coes/\(exampleCOEID)/metrics/\(name)")
            let committed = exampleCOEDirectory + "/metrics/" + name
            if ProcessInfo.processInfo.environment["COE_UPDATE_GOLDEN"] == "1" {
                try drawn.write(toFile: committed, atomically: true, encoding: .utf8)
            }
            #expect(drawn == (try String(contentsOfFile: committed, encoding: .utf8)),
                    "docs/examples/…/metrics/\(name) drifted from its data: COE_UPDATE_GOLDEN=1 swift test --filter GraphTests")
        }
    }

    /// START and END OF IMPACT stand where the timeline puts them, measured against the axis's own ticks.
    @Test func impactLinesStandAtTheTimelinesTimes() throws {
        let fixture = try Self.repository()
        let result = coeInProcess(["graph", "k7qm", "01", "-o", "-"], in: fixture.path)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVGElements(result.stdout)
        let ticks = svg.all("text").filter { $0["class"]?.contains("x-tick") == true }
        #expect(ticks.count >= 3)
        let first = try #require(ticks.first), last = try #require(ticks.last)
        let t0 = try #require(Timestamp(first["data-at"] ?? "")).seconds, t1 = try #require(Timestamp(last["data-at"] ?? "")).seconds
        let x0 = try #require(Double(first["x"] ?? "")), x1 = try #require(Double(last["x"] ?? ""))
        func expectedX(_ time: String) throws -> Double {
            let at = try #require(Timestamp(time)).seconds
            return x0 + Double(at - t0) / Double(t1 - t0) * (x1 - x0)
        }
        let impact = svg.all("line").filter { $0["class"] == "impact" }
        #expect(impact.count == 2)
        for (line, time) in zip(impact.sorted { Double($0["x1"]!)! < Double($1["x1"]!)! }, ["2026-10-13T09:12:00Z", "2026-10-13T10:06:00Z"]) {
            let x = try #require(Double(line["x1"] ?? ""))
            #expect(abs(x - (try expectedX(time))) < 0.2, "impact line at \(x) for \(time)")
            #expect(line["x1"] == line["x2"])
        }
        let marker = try #require(svg.all("line").first { $0["class"] == "marker" })
        #expect(abs(Double(marker["x1"]!)! - (try expectedX("2026-10-13T08:55:00Z"))) < 0.2)
        // The axes carry units: the y axis the graph's unit, the x axis UTC and the sampling interval.
        let yLabel = try #require(svg.all("text").first { $0["class"]?.contains("y-label") == true })
        #expect(yLabel.text == "percent of checkout attempts")
        let xLabel = try #require(svg.all("text").first { $0["class"]?.contains("x-label") == true })
        #expect(xLabel.text == "time (UTC), 2026-10-13; sampling interval 5 minutes")
        let threshold = try #require(svg.all("line").first { $0["class"] == "threshold" })
        #expect(threshold["data-value"] == "1")
        #expect(svg.all("desc").first?.text.hasPrefix("Share of checkout attempts") == true)
    }

    /// Markers a minute apart with long labels, and thresholds close together: no two labels overlap, and no
    /// label is crossed by a line that reaches above it.
    @Test func labelsNeverOverlap() throws {
        var graph = """
            title: Sign-in errors
            unit: errors per second
            interval: 1 minute
            thresholds:
              - value: 10
                label: Paging threshold for the on-call engineer
              - value: 10.5
                label: Service level objective breached
              - value: 11
                label: Another line close to the others
            markers:

            """
        for minute in 0..<8 {
            graph += "  - at: 2026-10-13T09:1\(minute):00Z\n    label: Deployment number \(minute) of the configuration change\n"
        }
        graph += "series:\n  - name: errors\n    points:\n"
        for minute in 0..<30 { graph += "      - [2026-10-13T09:\(String(format: "%02d", minute)):00Z, \(minute % 7 * 3)]\n" }
        let fixture = try Self.repository(["metrics/03-close.yaml": graph])
        let result = coeInProcess(["graph", "k7qm", "03", "-o", "-", "--height", "600"], in: fixture.path)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVGElements(result.stdout)
        struct Box { var x0, x1, y0, y1: Double }
        let labels = svg.all("text").filter { $0["class"]?.hasPrefix("label ") == true }
        #expect(labels.count == 8 + 2 + 3)
        let boxes = labels.map { label -> Box in
            let x = Double(label["x"]!)!, y = Double(label["y"]!)!, width = Double(label["data-width"]!)!
            let x0 = label["text-anchor"] == "end" ? x - width : x
            return Box(x0: x0, x1: x0 + width, y0: y - 10, y1: y + 2)
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i], b = boxes[j]
                let overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
                #expect(!overlap, "\(labels[i].text) overlaps \(labels[j].text)")
            }
        }
        // A vertical line crosses no label above where it starts, nor any label below the plot's top.
        for line in svg.all("line") where line["class"] == "marker" || line["class"] == "impact" {
            let x = Double(line["x1"]!)!, top = Double(line["y1"]!)!
            for (label, box) in zip(labels, boxes) where box.x0 < x && x < box.x1 && box.y1 > top && label["class"]?.contains("threshold") == false {
                Issue.record("the line at \(x) crosses '\(label.text)'")
            }
        }
    }

    /// No data, or data at a single moment: a finding at the graph's file (exit 1); the other graphs are still drawn.
    @Test func graphsWithoutDataAreErrors() throws {
        let empty = "title: Nothing yet\nunit: percent\ninterval: 1 minute\n"
        let single = "title: One point\nunit: percent\ninterval: 1 minute\nseries:\n  - name: errors\n    points:\n      - [2026-10-13T09:00:00Z, 3]\n"
        let huge = "title: Too large\nunit: percent\ninterval: 1 minute\nseries:\n  - name: errors\n    points:\n"
            + "      - [2026-10-13T09:00:00Z, -1e308]\n      - [2026-10-13T09:01:00Z, 1e308]\n"
        var crowded = "title: Crowded\nunit: percent\ninterval: 1 minute\nmarkers:\n"
        for second in 0..<2000 { crowded += "  - at: 2026-10-13T09:\(String(format: "%02d", second / 60 % 60)):\(String(format: "%02d", second % 60))Z\n    label: A deployment\n" }
        crowded += "series:\n  - name: errors\n    points:\n      - [2026-10-13T09:00:00Z, 1]\n      - [2026-10-13T10:00:00Z, 2]\n"
        let fixture = try Self.repository(["metrics/03-empty.yaml": empty, "metrics/04-single.yaml": single, "metrics/05-huge.yaml": huge,
                                           "metrics/06-crowded.yaml": crowded])
        let result = coeInProcess(["graph", "k7qm", "-o", "out"], in: fixture.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("coes/\(exampleCOEID)/metrics/03-empty.yaml: error graph 'Nothing yet' has no data to draw"))
        #expect(result.stderr.contains("coes/\(exampleCOEID)/metrics/04-single.yaml:4:1: error graph 'One point' has data at a single moment only"))
        #expect(result.stderr.contains("coes/\(exampleCOEID)/metrics/05-huge.yaml:4:1: error graph 'Too large' has a value beyond ±10^15"))
        #expect(result.stderr.contains("coes/\(exampleCOEID)/metrics/06-crowded.yaml: error graph 'Crowded' has too many labels to draw in 600×400 pixels"))
        #expect(FileManager.default.fileExists(atPath: fixture.path + "/out/01-checkout-error-rate.svg"))
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "/out/03-empty.svg"))
        let unknown = coeInProcess(["graph", "k7qm", "09"], in: fixture.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no graph named '09'"))
        let many = coeInProcess(["graph", "k7qm", "-o", "-"], in: fixture.path)
        #expect(many.status == 2)
    }
}

struct NotXML: Error { var reason: String }

/// The elements of an SVG document, parsed by Foundation's XML parser, with their attributes and text.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        subscript(key: String) -> String? { attributes[key] }
    }
    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else { throw NotXML(reason: parser.parserError.map { "\($0)" } ?? "?") }
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
}
