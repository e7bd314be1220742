import COEFormat
import Foundation
import Testing
import TestSupport
@testable import COELint

/// Each rule's own good and bad examples (the ones docs/rules.md shows) run as tests against the example COE.
@Suite struct RuleExampleTests {
    static let today = CalendarDate("2026-11-22")!
    static let ruleIDs = RuleRegistry.all.map { type(of: $0).description.id }

    /// The example COE with one rule example applied, linted; the findings.
    static func lint(applying example: RuleExample?) throws -> [Diagnostic] {
        var source = try exampleSource()
        var configuration = Configuration()
        if let example {
            let path = "\(exampleDirectory)/\(example.file)"
            if example.replacing.isEmpty {
                source.files[path] = Array(example.with.utf8)
            } else {
                let original = String(decoding: try #require(source.files[path], "no file \(example.file)"), as: UTF8.self)
                #expect(original.contains(example.replacing), "\(example.file) does not contain the text the example replaces")
                source.files[path] = Array(original.replacingOccurrences(of: example.replacing, with: example.with).utf8)
            }
            for (file, text) in example.addedFiles { source.files["\(exampleDirectory)/\(file)"] = Array(text.utf8) }
            if let yaml = example.configuration { configuration = try Configuration.parse(SourceText(file: ".coe.yaml", text: yaml)) }
        }
        let settings = LintSettings(configuration: configuration, today: today, historyNames: example?.historyNames ?? [],
                                    knownIDs: [exampleCOEID])
        return Linter.lint(directory: exampleDirectory, source: source, settings: settings).findings
    }

    @Test func theBaselineLintsCleanWithEveryRule() throws {
        var source = MemorySource([:])
        for (path, text) in ExampleBaseline.files { source.files["\(ExampleBaseline.directory)/\(path)"] = Array(text.utf8) }
        let settings = LintSettings(configuration: Configuration(), today: try #require(CalendarDate(ExampleBaseline.today)),
                                    knownIDs: [ExampleBaseline.id])
        let findings = Linter.lint(directory: ExampleBaseline.directory, source: source, settings: settings).findings
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func theExampleCOELintsClean() throws {
        let findings = try Self.lint(applying: nil)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: ruleIDs)
    func badExampleTriggersTheRuleWhereItSays(_ id: String) throws {
        let description = type(of: try #require(RuleRegistry.rule(id))).description
        let example = description.bad
        let findings = try Self.lint(applying: example)
        let own = findings.filter { $0.rule == id }
        #expect(!own.isEmpty, "\(id) did not trigger; findings: \(findings.map(\.description))")
        let file = example.file.hasSuffix(".yaml") || example.file.hasSuffix(".md") ? "\(exampleDirectory)/\(example.file)" : nil
        if let line = example.line, let column = example.column {
            #expect(own.contains { $0.position == SourcePosition(line: line, column: column) && (file == nil || $0.file == file) },
                    "\(id) expected at \(example.file):\(line):\(column); got \(own.map(\.description))")
        } else {
            // A finding about a file or folder as a whole: no position, and the changed file (or its folder) named.
            let path = "\(exampleDirectory)/\(example.file)"
            #expect(own.contains { $0.position == nil && path.hasPrefix($0.file) }, "\(id) expected about \(example.file); got \(own.map(\.description))")
        }
        #expect(own.allSatisfy { !$0.message.isEmpty })
    }

    @Test(arguments: ruleIDs)
    func goodExampleDoesNotTrigger(_ id: String) throws {
        let description = type(of: try #require(RuleRegistry.rule(id))).description
        let findings = try Self.lint(applying: description.good)
        #expect(findings.filter { $0.rule == id }.isEmpty, "\(id): \(findings.map(\.description))")
    }

    @Test func ruleIDsAreUniqueAndDocumented() {
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count)
        for rule in RuleRegistry.all {
            let description = type(of: rule).description
            #expect(!description.checks.isEmpty && !description.rationale.isEmpty && !description.fix.isEmpty, "\(description.id)")
        }
    }
}
