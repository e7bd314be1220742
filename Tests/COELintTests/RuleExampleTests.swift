import COEFormat
import Foundation
import Testing
import TestSupport
@testable import COELint

/// One example of one rule, as a test argument named after both.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    let ruleID: String
    let triggers: Bool
    /// Its place among the rule's examples of its kind, from 1.
    let number: Int
    let example: RuleExample

    var testDescription: String { "\(ruleID) \(triggers ? "triggering" : "non-triggering") #\(number)" }

    /// Every example of every rule, in the registry's order.
    static let all: [ExampleCase] = RuleRegistry.all.flatMap { rule -> [ExampleCase] in
        let description = type(of: rule).description
        func cases(_ examples: [RuleExample], triggering: Bool) -> [ExampleCase] {
            examples.enumerated().map {
                ExampleCase(ruleID: description.id, triggers: triggering, number: $0 + 1, example: $1)
            }
        }
        return cases(description.triggering, triggering: true) + cases(description.nonTriggering, triggering: false)
    }
}

/// Where a finding points: a file of the COE folder and a position, or none for the file as a whole.
private struct Place: Hashable, CustomStringConvertible {
    let file: String
    let position: SourcePosition?

    var description: String { position.map { "\(file):\($0)" } ?? "\(file) (as a whole)" }
}

extension Place {
    init(_ finding: Diagnostic) { self.init(file: finding.file, position: finding.position) }
}

/// Each rule's own examples (the ones docs/rules.md shows), laid over the baseline COE and linted.
@Suite struct RuleExampleTests {
    static let ruleIDs = RuleRegistry.all.map { type(of: $0).description.id }

    /// Lints a COE folder's files (paths inside the folder) as the baseline's folder; all findings.
    static func lint(_ folder: [String: String], configuration: String? = nil, historyNames: [String] = [],
                     today: String? = nil, otherCOEs: [String] = [], pastCOEs: [SimilarityProfile] = []) throws -> [Diagnostic] {
        var source = MemorySource([:])
        for (path, text) in folder { source.files["\(ExampleBaseline.directory)/\(path)"] = Array(text.utf8) }
        let parsed = try configuration.map { try Configuration.parse(SourceText(file: Configuration.fileName, text: $0)) }
        let day = try #require(CalendarDate(today ?? ExampleBaseline.today), "today must be YYYY-MM-DD")
        let settings = LintSettings(configuration: parsed ?? Configuration(), today: day, historyNames: historyNames,
                                    knownIDs: Set([ExampleBaseline.id] + otherCOEs), corpus: RepeatCorpus(pastCOEs))
        return Linter.lint(directory: ExampleBaseline.directory, source: source, settings: settings).findings
    }

    @Test func theBaselineLintsCleanWithEveryRule() throws {
        let findings = try Self.lint(ExampleBaseline.files)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(!ExampleBaseline.files.values.contains { $0.unicodeScalars.contains(RuleExample.marker) })
    }

    /// The realistic example COE in docs/examples, which docs/format.md points readers to.
    @Test func theDocsExampleCOELintsClean() throws {
        let today = try #require(CalendarDate("2026-11-22"))
        let settings = LintSettings(configuration: Configuration(), today: today, knownIDs: [exampleCOEID])
        let findings = Linter.lint(directory: exampleDirectory, source: try exampleSource(), settings: settings).findings
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    /// A triggering example gives the rule's findings exactly at its markers; a non-triggering one gives none.
    @Test(arguments: ExampleCase.all)
    func example(_ test: ExampleCase) throws {
        let example = test.example
        let findings = try Self.lint(example.folder, configuration: example.configuration,
                                     historyNames: example.historyNames, today: example.today,
                                     otherCOEs: example.otherCOEs, pastCOEs: example.pastCOEs)
        // A finding without a rule is a format error: the COE could not be read, so no rule ran.
        let unreadable = findings.filter { $0.rule == nil }
        #expect(unreadable.isEmpty, "the example cannot be read: \(unreadable.map(\.description))")

        func place(_ path: String) -> String { "\(ExampleBaseline.directory)/\(path)" }
        var expected = Set(example.fileFindings.map { Place(file: place($0), position: nil) })
        for file in example.files {
            expected.formUnion(file.markerPositions.map { Place(file: place(file.path), position: $0) })
        }
        let own = findings.filter { $0.rule == test.ruleID }
        let found = Set(own.map(Place.init))
        #expect(test.triggers == !expected.isEmpty, "a triggering example marks findings, a non-triggering one none")
        let missing = expected.subtracting(found).map(\.description).sorted()
        #expect(missing.isEmpty, "no \(test.ruleID) finding at \(missing); found \(own.map(\.description))")
        let unexpected = own.filter { !expected.contains(Place($0)) }
        #expect(unexpected.isEmpty, "\(test.ruleID) found more than marked: \(unexpected.map(\.description))")
        #expect(own.allSatisfy { !$0.message.isEmpty })
    }

    /// Every rule shows what it reports and a near miss it leaves alone, and a near miss is really a different text.
    @Test(arguments: ruleIDs)
    func ruleHasTriggeringExamplesAndNearMisses(_ id: String) throws {
        let description = type(of: try #require(RuleRegistry.rule(id))).description
        #expect(!description.triggering.isEmpty, "\(id) has no triggering example")
        #expect(!description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        // What an example sets: its files, and the earlier COEs it gives (W7), as text.
        func past(_ example: RuleExample) -> [String] {
            example.pastCOEs.map { coe in
                "\(coe.id) \(coe.created) \(coe.confidentiality) \(coe.rootCauses.map(\.text)) "
                    + "\(coe.actions.map { "\($0.id) \($0.status) \($0.doneOn?.description ?? "")" })"
            }
        }
        let triggering = description.triggering.map { (files: $0.strippedFiles, past: past($0)) }
        for (index, nearMiss) in description.nonTriggering.enumerated() {
            let files = nearMiss.strippedFiles, name = "\(id) non-triggering #\(index + 1)"
            #expect(!files.isEmpty, "\(name) sets no file")
            #expect(!triggering.contains { $0.files == files && $0.past == past(nearMiss) }, "\(name) repeats a triggering example")
            // A near miss that only repeats the baseline shows nothing the baseline test does not (which has no earlier COEs).
            #expect(files.contains { ExampleBaseline.files[$0.key] != $0.value } || !nearMiss.pastCOEs.isEmpty, "\(name) only repeats the baseline")
        }
    }

    @Test func ruleIDsAreUniqueAndDocumented() {
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count)
        for rule in RuleRegistry.all {
            let description = type(of: rule).description
            #expect(!description.name.isEmpty && !description.checks.isEmpty && !description.rationale.isEmpty
                    && !description.fix.isEmpty, "\(description.id)")
        }
    }

    @Test func markersArePlacedInTheStrippedText() {
        let file = RuleExample.File(path: "summary.md", text: "a ↓b\n↓ëc↓\n↓")
        #expect(file.strippedText == "a b\nëc\n")
        #expect(file.markerPositions == [SourcePosition(line: 1, column: 3), SourcePosition(line: 2, column: 1),
                                         SourcePosition(line: 2, column: 3), SourcePosition(line: 3, column: 1)])
    }

    @Test func anExampleReplacesAndRemovesBaselineFiles() {
        let example = RuleExample("analysis.md", "Short.\n", removing: ["metrics", "lessons.yaml"])
        let folder = example.folder
        #expect(folder["analysis.md"] == "Short.\n")
        #expect(folder["lessons.yaml"] == nil && !folder.keys.contains { $0.hasPrefix("metrics/") })
        #expect(folder["coe.yaml"] == ExampleBaseline.files["coe.yaml"])
    }
}
