import COEFormat
import Foundation
import Testing
import TestSupport
@testable import COELint

/// Lint measured on the corpus (`LintCorpus`): for every document, which marked findings it raised
/// (recall) and which it raised unmarked (false alarms), per rule, printed; the clean documents raise
/// nothing, and the whole corpus's recall and false alarms stay where they were measured.
@Suite struct LintCorpusTests {
    struct Place: Hashable, CustomStringConvertible {
        let file: String
        let line: Int
        let column: Int
        let rule: String
        var description: String { "\(file):\(line):\(column) [\(rule)]" }
    }

    /// The document's files with markers taken out, and where the markers were.
    static func prepare(_ document: LintCorpus.Document) throws -> (source: MemorySource, expected: Set<Place>) {
        var source = try exampleSource()
        let folder = "coes/\(exampleCOEID)"
        func text(_ path: String) -> String { String(decoding: source.files["\(folder)/\(path)"] ?? [], as: UTF8.self) }
        var marked: [String: String] = [:]
        for (path, whole) in document.files { marked[path] = whole }
        for (path, old, new) in document.replacing {
            let current = marked[path] ?? text(path)
            #expect(current.contains(old), "\(document.name): \(path) holds '\(old)'")
            marked[path] = current.replacingOccurrences(of: old, with: new)
        }
        let marker = try Regex(LintCorpus.marker)
        var expected: Set<Place> = []
        for (path, withMarkers) in marked {
            var clean = ""
            var line = 1, column = 1
            var rest = Substring(withMarkers)
            while !rest.isEmpty {
                if let match = rest.prefixMatch(of: marker) {
                    expected.insert(Place(file: "\(folder)/\(path)", line: line, column: column, rule: String(match.output["rule"]?.substring ?? "")))
                    rest = rest[match.range.upperBound...]
                    continue
                }
                let character = rest.removeFirst()
                clean.append(character)
                if character == "\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
            }
            source.files["\(folder)/\(path)"] = Array(clean.utf8)
        }
        return (source, expected)
    }

    static func lint(_ source: MemorySource) -> [Diagnostic] {
        Linter.lint(directory: "coes/\(exampleCOEID)", source: source,
                    settings: LintSettings(configuration: Configuration(), today: CalendarDate("2026-10-20")!, knownIDs: [exampleCOEID])).findings
    }

    @Test func recallAndFalseAlarmsOnTheCorpus() throws {
        var found = 0, expectedCount = 0, falseAlarms = 0
        var report = ["lint on the corpus (recall per rule, false alarms):"]
        for document in LintCorpus.documents {
            let (source, expected) = try Self.prepare(document)
            let findings = Self.lint(source)
            let raised = Set(findings.compactMap { finding -> Place? in
                guard let position = finding.position, let rule = finding.rule else { return nil }
                return Place(file: finding.file, line: position.line, column: position.column, rule: rule)
            })
            // A finding on the marked line counts, whatever its column (a rule may point at a word or at its value).
            func hit(_ place: Place) -> Bool { raised.contains { $0.file == place.file && $0.line == place.line && $0.rule == place.rule } }
            let missed = expected.filter { !hit($0) }
            let unmarked = findings.filter { finding in
                !expected.contains { $0.file == finding.file && $0.line == finding.position?.line && $0.rule == finding.rule }
            }
            found += expected.count - missed.count
            expectedCount += expected.count
            falseAlarms += unmarked.count
            var byRule: [String: (found: Int, expected: Int)] = [:]
            for place in expected { byRule[place.rule, default: (0, 0)].expected += 1; if hit(place) { byRule[place.rule]!.found += 1 } }
            report.append("  \(document.name): \(expected.count - missed.count) of \(expected.count) found, \(unmarked.count) false alarm\(unmarked.count == 1 ? "" : "s")")
            report.append("    " + byRule.keys.sorted().map { "\($0) \(byRule[$0]!.found)/\(byRule[$0]!.expected)" }.joined(separator: ", "))
            for place in missed.sorted(by: { $0.description < $1.description }) { report.append("    missed \(place)") }
            for finding in unmarked { report.append("    false alarm \(finding.description)") }
            if document.clean { #expect(findings.isEmpty, "\(document.name) is clean: \(findings.map(\.description))") }
        }
        report.append("  total: \(found) of \(expectedCount) found (recall \(String(format: "%.2f", Double(found) / Double(max(1, expectedCount))))), \(falseAlarms) false alarms")
        print(report.joined(separator: "\n"))
        // Where the corpus stands (2026-12-01): every marked finding found, no false alarm.
        #expect(found == expectedCount, "\(report.joined(separator: "\n"))")
        #expect(falseAlarms == 0, "\(report.joined(separator: "\n"))")
    }
}
