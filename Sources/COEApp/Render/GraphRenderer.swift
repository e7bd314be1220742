import COEFormat
import Foundation

/// `coe graph`: one metric graph drawn as SVG from its data (`metrics/*.yaml`): the series, horizontal
/// threshold lines, vertical marker lines, and the start and end of impact from the timeline, with axes
/// labelled with the unit, the time in UTC and the sampling interval stated.
///
/// Labels never overlap: the vertical lines' labels are set in rows above the plot (each row chosen so
/// that no label overlaps another or a line that reaches higher), and the thresholds' labels are pushed
/// apart vertically. Widths of text are estimated from per-character widths of a sans-serif face,
/// generously, since an SVG cannot measure text itself.
public enum GraphRenderer {
    /// The size of the picture, in pixels.
    public struct Size: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public init(width: Int = 600, height: Int = 400) { self.width = width; self.height = height }
    }

    /// A vertical line: a moment with its label.
    struct VerticalLine {
        enum Kind { case impact, marker }
        var at: Timestamp
        var label: String
        var kind: Kind
    }

    /// The start and end of impact, as the timeline marks them (START OF IMPACT, END OF IMPACT), else as
    /// coe.yaml's event says.
    public static func impactWindow(timeline: [TimelineEntry], event: EventTimes) -> (start: Timestamp?, end: Timestamp?) {
        let start = timeline.first { $0.milestone == .startOfImpact }?.at ?? event.start
        let end = timeline.last { $0.milestone == .endOfImpact }?.at ?? event.end
        return (start, end)
    }

    /// Why a graph cannot be drawn (no data, or a single moment), as a finding at its file; nil when it can.
    public static func problem(with graph: Graph) -> Diagnostic? {
        let points = graph.series.flatMap(\.points)
        let position = graph.positions["series"] ?? SourcePosition(line: 1, column: 1)
        if points.isEmpty {
            return Diagnostic(file: graph.file, position: graph.positions["series"],
                              message: "graph '\(graph.title)' has no data to draw: add a series with points ([time, value])")
        }
        if Set(points.map(\.at.seconds)).count < 2 {
            return Diagnostic(file: graph.file, position: position,
                              message: "graph '\(graph.title)' has data at a single moment only; a graph needs points at two times or more")
        }
        // Beyond this a scale's arithmetic overflows (and no measurement of an incident is this large).
        if (points.map(\.value) + graph.thresholds.map(\.value)).contains(where: { abs($0) > 1e15 }) {
            return Diagnostic(file: graph.file, position: position,
                              message: "graph '\(graph.title)' has a value beyond ±10^15, which cannot be drawn; give it in a larger unit")
        }
        return nil
    }

    /// The graph as an SVG document. `id` makes the element ids unique within a page that holds several
    /// graphs. Throws a `FormatError` when the graph has no data or a single point.
    public static func svg(_ graph: Graph, timeline: [TimelineEntry], event: EventTimes, size: Size = Size(), id: String? = nil) throws -> String {
        if let problem = problem(with: graph) { throw FormatError([problem]) }
        let prefix = "g-" + (id ?? identifier(graph.file))
        let width = Double(max(size.width, 240)), height = Double(max(size.height, 180))

        // What is drawn vertically: impact start and end, then the markers.
        var verticals: [VerticalLine] = []
        let window = impactWindow(timeline: timeline, event: event)
        if let start = window.start { verticals.append(VerticalLine(at: start, label: "START OF IMPACT", kind: .impact)) }
        if let end = window.end { verticals.append(VerticalLine(at: end, label: "END OF IMPACT", kind: .impact)) }
        verticals += graph.markers.map { VerticalLine(at: $0.at, label: $0.label, kind: .marker) }

        // The domain: every point, and every vertical line within a day of the data.
        let points = graph.series.flatMap(\.points)
        let dataStart = points.map(\.at.seconds).min()!, dataEnd = points.map(\.at.seconds).max()!
        verticals = verticals.filter { $0.at.seconds >= dataStart - 86_400 && $0.at.seconds <= dataEnd + 86_400 }
        let t0 = min(dataStart, verticals.map(\.at.seconds).min() ?? dataStart)
        let t1 = max(dataEnd, verticals.map(\.at.seconds).max() ?? dataEnd)

        let values = points.map(\.value) + graph.thresholds.map(\.value)
        let yTicks = niceTicks(low: min(0, values.min()!), high: values.max()!)
        let y0 = yTicks.first!, y1 = yTicks.last!

        // Layout, left to right and top to bottom.
        let titleLines = wrap(graph.title, width: width - 24, fontSize: 14)
        let tickLabels = yTicks.map { number($0, step: yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1) }
        let left = 30 + (tickLabels.map { textWidth($0, fontSize: 11) }.max() ?? 0) + 8
        let right = width - 16
        let plotWidth = right - left
        func x(_ seconds: Int64) -> Double { left + Double(seconds - t0) / Double(t1 - t0) * plotWidth }

        // The vertical lines' labels, in rows above the plot.
        let labelFont = 11.0, rowHeight = 14.0
        // The rows the picture has room for above a plot of at least 40 pixels: past them, the graph is refused.
        let maxRows = max(1, Int((height - 10 - 18 * 2 - 8 - 44 - 18 - 40) / rowHeight))
        let tooMany = FormatError([Diagnostic(file: graph.file, message: "graph '\(graph.title)' has too many labels to draw in "
            + "\(Int(width))×\(Int(height)) pixels; draw it taller (--height) or mark fewer moments")])
        var placed: [(line: VerticalLine, x: Double, span: ClosedRange<Double>, row: Int, text: String, anchorEnd: Bool)] = []
        for line in verticals.sorted(by: { ($0.at.seconds, $0.kind == .impact ? 0 : 1) > ($1.at.seconds, $1.kind == .impact ? 0 : 1) }) {
            let lx = x(line.at.seconds)
            let text = fitted(line.label + " " + clock(line.at.seconds), width: plotWidth - 8, fontSize: labelFont)
            let w = textWidth(text, fontSize: labelFont)
            let anchorEnd = lx + 3 + w > width - 4
            let span = anchorEnd ? (lx - 3 - w)...(lx - 3) : (lx + 3)...(lx + 3 + w)
            var row = 0
            while true {
                let clash = placed.contains { other in
                    (other.row == row && other.span.overlaps(span.lowerBound - 4...span.upperBound + 4))
                        || (other.row > row && span.contains(other.x))
                        || (other.row < row && other.span.contains(lx))
                }
                if !clash { break }
                row += 1
                if row >= maxRows { throw tooMany }
            }
            placed.append((line, lx, span, row, text, anchorEnd))
        }
        let rows = (placed.map(\.row).max() ?? -1) + 1
        let titleBottom = 10 + Double(titleLines.count) * 18
        let top = titleBottom + Double(rows) * rowHeight + 8
        let legend = graph.series.count > 1
        let bottom = height - 44 - (legend ? 18 : 0)
        guard bottom - top > 40 else { throw tooMany }
        func y(_ value: Double) -> Double { bottom - (value - y0) / (y1 - y0) * (bottom - top) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"coe-graph\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        out += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(prefix)-title\(graph.caption == nil ? "" : " \(prefix)-desc")\">\n"
        out += "<title id=\"\(prefix)-title\">\(XMLText.escaped(graph.title))</title>\n"
        if let caption = graph.caption { out += "<desc id=\"\(prefix)-desc\">\(XMLText.escaped(caption))</desc>\n" }
        out += "<style>\(style)</style>\n"
        out += "<rect class=\"bg\" width=\"100%\" height=\"100%\"/>\n"
        for (index, line) in titleLines.enumerated() {
            out += "<text class=\"title\" x=\"\(f(width / 2))\" y=\"\(f(24 + Double(index) * 18))\" text-anchor=\"middle\">\(XMLText.escaped(line))</text>\n"
        }

        // Grid and y axis.
        for (tick, label) in zip(yTicks, tickLabels) {
            out += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(right))\" y2=\"\(f(y(tick)))\"/>"
            out += "<text class=\"tick y-tick\" x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        let unit = graph.unit.flatMap { $0.isEmpty ? nil : $0 } ?? "value (no unit given)"
        out += "<text class=\"axis-label y-label\" transform=\"translate(14,\(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">"
            + "\(XMLText.escaped(fitted(unit, width: bottom - top, fontSize: 11)))</text>\n"

        // X axis: ticks at round UTC times.
        let step = timeStep(span: t1 - t0, room: plotWidth)
        var tick = (t0 + step - 1) / step * step
        let days = CalendarDate(utcSeconds: t0) != CalendarDate(utcSeconds: t1)
        while tick <= t1 {
            let text = days && step >= 3600 && tick % 86_400 == 0 ? dayMonth(tick) : clock(tick)
            out += "<line class=\"axis\" x1=\"\(f(x(tick)))\" y1=\"\(f(bottom))\" x2=\"\(f(x(tick)))\" y2=\"\(f(bottom + 4))\"/>"
            out += "<text class=\"tick x-tick\" x=\"\(f(x(tick)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\" data-at=\"\(Timestamp(seconds: tick).description)\">\(text)</text>\n"
            tick += step
        }
        let firstDay = CalendarDate(utcSeconds: t0), lastDay = CalendarDate(utcSeconds: t1)
        var xLabel = "time (UTC), \(firstDay)" + (firstDay == lastDay ? "" : " to \(lastDay)")
        xLabel += graph.interval.flatMap { $0.isEmpty ? nil : "; sampling interval \($0)" } ?? "; sampling interval not stated"
        out += "<text class=\"axis-label x-label\" x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 34))\" text-anchor=\"middle\">"
            + "\(XMLText.escaped(fitted(xLabel, width: width - 16, fontSize: 11)))</text>\n"

        // The impact window, shaded, under everything else.
        if let start = placed.first(where: { $0.line.kind == .impact && $0.line.label == "START OF IMPACT" })?.x,
           let end = placed.first(where: { $0.line.kind == .impact && $0.line.label == "END OF IMPACT" })?.x, end > start {
            out += "<rect class=\"impact-area\" x=\"\(f(start))\" y=\"\(f(top))\" width=\"\(f(end - start))\" height=\"\(f(bottom - top))\"/>\n"
        }

        // Thresholds: dashed horizontal lines, labels at the right pushed apart.
        var thresholdLabels: [(y: Double, text: String, value: Double)] = graph.thresholds.map {
            (y($0.value) - 4, fitted($0.label, width: plotWidth - 8, fontSize: labelFont), $0.value)
        }.sorted { $0.y < $1.y }
        for index in thresholdLabels.indices {
            let least = index == 0 ? top + labelFont : thresholdLabels[index - 1].y + rowHeight
            thresholdLabels[index].y = max(thresholdLabels[index].y, least)
        }
        for threshold in graph.thresholds {
            out += "<line class=\"threshold\" x1=\"\(f(left))\" y1=\"\(f(y(threshold.value)))\" x2=\"\(f(right))\" y2=\"\(f(y(threshold.value)))\" "
                + "data-value=\"\(number(threshold.value, step: 0))\"/>\n"
        }

        // The series.
        for (index, series) in graph.series.enumerated() {
            let sorted = series.points.sorted { $0.at < $1.at }
            let coordinates = sorted.map { "\(f(x($0.at.seconds))),\(f(y($0.value)))" }.joined(separator: " ")
            out += "<polyline class=\"series s\(index % palette)\" points=\"\(coordinates)\"><title>\(XMLText.escaped(series.name))</title></polyline>\n"
            if sorted.count == 1 {
                out += "<circle class=\"dot s\(index % palette)\" cx=\"\(f(x(sorted[0].at.seconds)))\" cy=\"\(f(y(sorted[0].value)))\" r=\"3\"/>\n"
            }
        }

        // Vertical lines, each reaching up to its label's row.
        for item in placed.reversed() {
            let labelY = top - 8 - Double(item.row) * rowHeight
            let kind = item.line.kind == .impact ? "impact" : "marker"
            out += "<line class=\"\(kind)\" x1=\"\(f(item.x))\" y1=\"\(f(labelY - labelFont + 2))\" x2=\"\(f(item.x))\" y2=\"\(f(bottom))\" "
                + "data-at=\"\(item.line.at.description)\"/>\n"
        }
        for item in placed.reversed() {
            let labelY = top - 8 - Double(item.row) * rowHeight
            let kind = item.line.kind == .impact ? "impact-label" : "marker-label"
            let x = item.anchorEnd ? item.x - 3 : item.x + 3
            out += "<text class=\"label \(kind)\" x=\"\(f(x))\" y=\"\(f(labelY))\" text-anchor=\"\(item.anchorEnd ? "end" : "start")\" "
                + "data-width=\"\(f(item.span.upperBound - item.span.lowerBound))\">\(XMLText.escaped(item.text))</text>\n"
        }
        for label in thresholdLabels {
            out += "<text class=\"label threshold-label\" x=\"\(f(right - 4))\" y=\"\(f(label.y))\" text-anchor=\"end\" "
                + "data-width=\"\(f(textWidth(label.text, fontSize: labelFont)))\">\(XMLText.escaped(label.text))</text>\n"
        }

        // Axes over the data, and a legend when there is more than one series.
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\"/>"
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\"/>\n"
        if legend {
            var lx = left
            for (index, series) in graph.series.enumerated() {
                let name = fitted(series.name, width: 180, fontSize: labelFont)
                out += "<line class=\"series s\(index % palette)\" x1=\"\(f(lx))\" y1=\"\(f(height - 12))\" x2=\"\(f(lx + 16))\" y2=\"\(f(height - 12))\"/>"
                out += "<text class=\"legend\" x=\"\(f(lx + 20))\" y=\"\(f(height - 8))\">\(XMLText.escaped(name))</text>\n"
                lx += 28 + textWidth(name, fontSize: labelFont)
                if lx > right - 40 { break }
            }
        }
        return out + "</svg>\n"
    }

    // MARK: Pieces

    static let palette = 5

    /// Colours for light and dark, by class; the same in a file and inline in a page.
    static let style = ".coe-graph text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:11px;fill:#1f2328}"
        + ".coe-graph .title{font-size:14px;font-weight:600}.coe-graph .bg{fill:#fff}"
        + ".coe-graph .axis{stroke:#57606a;stroke-width:1}.coe-graph .grid{stroke:#d0d7de;stroke-width:0.5}"
        + ".coe-graph .series{fill:none;stroke-width:2;stroke-linejoin:round}.coe-graph .dot{stroke:none}"
        + ".coe-graph .s0{stroke:#0969da;fill:#0969da}.coe-graph .s1{stroke:#8250df;fill:#8250df}.coe-graph .s2{stroke:#1a7f37;fill:#1a7f37}"
        + ".coe-graph .s3{stroke:#9a6700;fill:#9a6700}.coe-graph .s4{stroke:#bf3989;fill:#bf3989}"
        + ".coe-graph .series{fill:none}"
        + ".coe-graph .impact{stroke:#cf222e;stroke-width:1.5}.coe-graph .impact-area{fill:#cf222e;fill-opacity:0.07}"
        + ".coe-graph .marker{stroke:#6e7781;stroke-width:1;stroke-dasharray:4 3}"
        + ".coe-graph .threshold{stroke:#bc4c00;stroke-width:1.2;stroke-dasharray:6 4}"
        + ".coe-graph .label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
        + ".coe-graph .impact-label{fill:#cf222e}.coe-graph .threshold-label{fill:#bc4c00}"
        + "@media (prefers-color-scheme:dark){.coe-graph text{fill:#e6edf3}.coe-graph .bg{fill:#0d1117}"
        + ".coe-graph .axis{stroke:#8b949e}.coe-graph .grid{stroke:#30363d}.coe-graph .label{stroke:#0d1117}"
        + ".coe-graph .s0{stroke:#4493f8;fill:#4493f8}.coe-graph .s1{stroke:#ab7df8;fill:#ab7df8}.coe-graph .s2{stroke:#3fb950;fill:#3fb950}"
        + ".coe-graph .s3{stroke:#d29922;fill:#d29922}.coe-graph .s4{stroke:#db61a2;fill:#db61a2}.coe-graph .series{fill:none}"
        + ".coe-graph .impact{stroke:#f85149}.coe-graph .impact-area{fill:#f85149}.coe-graph .impact-label{fill:#f85149}"
        + ".coe-graph .marker{stroke:#8b949e}.coe-graph .threshold{stroke:#db6d28}.coe-graph .threshold-label{fill:#db6d28}}"

    /// An element id from a graph's file name: letters, digits and hyphens.
    static func identifier(_ file: String) -> String {
        String(Graph.name(ofFile: file).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// A coordinate, to a tenth of a pixel (as `%.1f` writes it, without Foundation's formatter, which a
    /// site of a thousand pages felt).
    static func f(_ value: Double) -> String {
        // Coordinates stay near the picture; anything else (which `problem(with:)` keeps out) is not turned into an Int.
        guard value.isFinite, abs(value) < 1e12 else { return "0.0" }
        let tenths = Int((value * 10).rounded())
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return (tenths < 0 ? "-" : "") + String(whole) + "." + String(fraction)
    }

    /// `09:12`: the UTC time of day (from `Timestamp.utcMinute`, `2026-10-13 09:12 UTC`).
    static func clock(_ seconds: Int64) -> String { String(Timestamp(seconds: seconds).utcMinute.dropLast(4).suffix(5)) }

    /// `10-13`: the UTC month and day.
    static func dayMonth(_ seconds: Int64) -> String { String(CalendarDate(utcSeconds: seconds).description.suffix(5)) }

    /// A tick's number: as many decimals as the step needs, none for whole steps.
    static func number(_ value: Double, step: Double) -> String {
        let decimals = step > 0 && step < 1 ? min(6, Int((-log10(step)).rounded(.up))) : (value == value.rounded() ? 0 : 2)
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        return text
    }

    /// Round ticks from `low` to `high` or just beyond: about five, at 1, 2 or 5 times a power of ten.
    static func niceTicks(low: Double, high: Double) -> [Double] {
        let high = high > low ? high : low + 1
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = floor(low / step), last = ceil(high / step)
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// A step between time ticks that leaves about 70 pixels per label.
    static func timeStep(span: Int64, room: Double) -> Int64 {
        let steps: [Int64] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 2_592_000]
        let most = max(1, Int64(room / 70))
        return steps.first { span / $0 <= most } ?? max(86_400, span / most / 86_400 * 86_400 + 86_400)
    }

    /// The estimated width of a text in a sans-serif face, in pixels (on the generous side).
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "I", "(", ")", "[", "]": em += 0.32
            case " ", "f", "t", "r": em += 0.38
            case "m", "w", "M", "W", "@", "%": em += 0.92
            case "A"..."Z": em += 0.72
            case "0"..."9": em += 0.58
            default: em += scalar.value > 0x2E7F ? 1.0 : 0.58
            }
        }
        return em * fontSize
    }

    /// The text, cut with an ellipsis to fit `width`.
    static func fitted(_ text: String, width: Double, fontSize: Double) -> String {
        guard textWidth(text, fontSize: fontSize) > width else { return text }
        var cut = Substring(text)
        while !cut.isEmpty, textWidth(cut + "…", fontSize: fontSize) > width { cut = cut.dropLast() }
        return cut + "…"
    }

    /// The text in at most two lines of `width`, the second cut with an ellipsis.
    static func wrap(_ text: String, width: Double, fontSize: Double) -> [String] {
        guard textWidth(text, fontSize: fontSize) > width else { return [text] }
        var first = ""
        var words = text.split(separator: " ").map(String.init)[...]
        while let word = words.first, textWidth(first.isEmpty ? word : first + " " + word, fontSize: fontSize) <= width {
            first = first.isEmpty ? word : first + " " + word
            words = words.dropFirst()
        }
        if first.isEmpty { return [fitted(text, width: width, fontSize: fontSize)] }
        return [first, fitted(words.joined(separator: " "), width: width, fontSize: fontSize)]
    }
}
