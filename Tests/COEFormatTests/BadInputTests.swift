import TestSupport
import Testing
@testable import COEFormat

/// Every kind of bad input gives a diagnostic naming file, line and column; none crashes.
@Suite struct BadInputTests {
    /// Reads the example COE with one file replaced, and returns the diagnostics.
    func problems(replacing name: String, with bytes: [UInt8]?) throws -> [Diagnostic] {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/\(name)"] = bytes
        do {
            _ = try COEReader.read(directory: exampleDirectory, from: source)
            return []
        } catch let error as FormatError {
            return error.diagnostics
        }
    }

    func problems(replacing name: String, with text: String) throws -> [Diagnostic] {
        try problems(replacing: name, with: Array(text.utf8))
    }

    func expectOne(_ diagnostics: [Diagnostic], file: String, line: Int?, column: Int?, containing words: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        guard let first = diagnostics.first else { return }
        #expect(first.file == "\(exampleDirectory)/\(file)", sourceLocation: sourceLocation)
        #expect(first.position?.line == line && first.position?.column == column, "\(first)", sourceLocation: sourceLocation)
        #expect(first.message.contains(words), "\(first.message)", sourceLocation: sourceLocation)
        #expect(first.level == .error, sourceLocation: sourceLocation)
    }

    @Test func malformedYAML() throws {
        let text = "- at: 2026-10-13T08:55:00Z\n  event: \"unterminated\n"
        expectOne(try problems(replacing: "timeline.yaml", with: text), file: "timeline.yaml", line: 3, column: 1, containing: "YAML")
    }

    @Test func wrongTypes() throws {
        let metadata = try #require(String(bytes: try exampleSource().files["\(exampleDirectory)/coe.yaml"]!, encoding: .utf8))
        let bad = metadata.replacingOccurrences(of: "tags: [configuration, connection-pool, checkout]", with: "tags: configuration")
        expectOne(try problems(replacing: "coe.yaml", with: bad), file: "coe.yaml", line: 17, column: 7, containing: "must be a list")
        let badSeverity = metadata.replacingOccurrences(of: "severity: SEV-2", with: "severity: high")
        expectOne(try problems(replacing: "coe.yaml", with: badSeverity), file: "coe.yaml", line: 3, column: 11, containing: "SEV-1, SEV-2")
        let badTime = metadata.replacingOccurrences(of: "start: 2026-10-13T09:12:00Z", with: "start: 2026-10-13 09:12")
        expectOne(try problems(replacing: "coe.yaml", with: badTime), file: "coe.yaml", line: 9, column: 10, containing: "offset")
        expectOne(try problems(replacing: "actions/A1.yaml", with: "title: [a, b]\n"), file: "actions/A1.yaml", line: 1, column: 8, containing: "single value")
        expectOne(try problems(replacing: "lessons.yaml", with: "lesson: not a list\n"), file: "lessons.yaml", line: 1, column: 1, containing: "is a list of lessons")
    }

    @Test func unknownKeysSuggestTheNearestKnownOne() throws {
        let diagnostics = try problems(replacing: "actions/A1.yaml", with: "title: Fix it\nprioritty: high\n")
        expectOne(diagnostics, file: "actions/A1.yaml", line: 2, column: 1, containing: "did you mean 'priority'")
        #expect(diagnostics.first?.rule == "S3")
    }

    @Test func unknownFilesAreReported() throws {
        let diagnostics = try problems(replacing: "summery.md", with: "text")
        expectOne(diagnostics, file: "summery.md", line: nil, column: nil, containing: "did you mean 'summary.md'")
    }

    @Test func missingRequiredFilesAndKeys() throws {
        expectOne(try problems(replacing: "whys.yaml", with: nil), file: "whys.yaml", line: nil, column: nil, containing: "missing required file")
        expectOne(try problems(replacing: "actions/A2.yaml", with: "description: no title\n"), file: "actions/A2.yaml", line: 1, column: 1,
                  containing: "missing required key 'title'")
        expectOne(try problems(replacing: "timeline.yaml", with: "- event: no time\n"), file: "timeline.yaml", line: 1, column: 3,
                  containing: "missing required key 'at'")
    }

    @Test func invalidUTF8IsPositioned() throws {
        var bytes = Array("Line one\nLine two é and ".utf8)
        bytes += [0xC3, 0x28]
        expectOne(try problems(replacing: "summary.md", with: bytes), file: "summary.md", line: 2, column: 16, containing: "invalid UTF-8")
    }

    @Test func byteOrderMarkIsRefused() throws {
        expectOne(try problems(replacing: "summary.md", with: [0xEF, 0xBB, 0xBF] + Array("Text".utf8)), file: "summary.md", line: 1, column: 1,
                  containing: "byte-order mark")
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        var source = try exampleSource()
        for (path, bytes) in source.files where path.hasSuffix(".yaml") || path.hasSuffix(".md") {
            source.files[path] = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        let document = try COEReader.read(directory: exampleDirectory, from: source)
        #expect(!document.summary.text.contains("\r"))
        #expect(document.actions.first?.description?.contains("\r") == false)
        #expect(document.timeline.count == 13)
    }

    @Test func mergeConflictMarkersAreRefused() throws {
        let text = "Intro\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n"
        let diagnostics = try problems(replacing: "analysis.md", with: text)
        #expect(diagnostics.map { $0.position?.line } == [2, 4, 6])
    }

    @Test func malformedMarkdownIsPositioned() throws {
        expectOne(try problems(replacing: "analysis.md", with: "Text\n\n```swift\nlet x = 1\n"), file: "analysis.md", line: 3, column: 1,
                  containing: "never closed")
        expectOne(try problems(replacing: "summary.md", with: "Text\nmore <!-- note\nstill hidden\n"), file: "summary.md", line: 2, column: 6,
                  containing: "never closed")
        expectOne(try problems(replacing: "impact.md", with: "- item\n\n  ~~~\n  code\n"), file: "impact.md", line: 3, column: 3,
                  containing: "never closed")
    }

    @Test func aliasBombsAndDuplicateKeysAreRefused() throws {
        let bomb = "a: &a [x, x]\n" + (1...30).map { "k\($0): [*a, *a]" }.joined(separator: "\n") + "\n"
        let aliasProblems = try problems(replacing: "coe.yaml", with: bomb)
        #expect(aliasProblems.first?.message.contains("aliases") == true)
        // A few aliases are harmless (the value is copied); only a bomb is refused.
        #expect(try problems(replacing: "actions/A1.yaml", with: "title: &t Fix\ndescription: *t\n").isEmpty)
        let duplicate = try problems(replacing: "actions/A1.yaml", with: "title: One\ntitle: Two\n")
        #expect(duplicate.first?.message.contains("duplicate key") == true)
        #expect(duplicate.first?.position != nil)
        // In a long mapping too (searched through a set past 16 keys), wherever the second one comes.
        for (first, second) in [(2, 30), (20, 25), (16, 17), (1, 16)] {
            let keys = (1...30).map { "k\($0 == second ? first : $0): x" }.joined(separator: "\n") + "\n"
            #expect(throws: FormatError.self, "k\(first) again at \(second)") { try YAMLParser.parse(SourceText(file: "x.yaml", text: keys)) }
        }
        let distinct = (1...30).map { "k\($0): x" }.joined(separator: "\n") + "\n"
        #expect(try YAMLParser.parse(SourceText(file: "x.yaml", text: distinct)) != nil)
    }

    @Test func symlinkOutsideTheRepositoryIsRefused() throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/impact.md"] = nil
        source.links["\(exampleDirectory)/impact.md"] = .some(nil)
        let diagnostics = try problems(in: source)
        #expect(diagnostics.contains { $0.file == "\(exampleDirectory)/impact.md" && $0.message.contains("symbolic link") })
    }

    @Test func folderNameMustMatchTheId() throws {
        var source = try exampleSource()
        source.files = Dictionary(uniqueKeysWithValues: source.files.map { ($0.key.replacingOccurrences(of: exampleCOEID, with: "renamed"), $0.value) })
        let diagnostics = try problems(in: source, directory: "coes/renamed")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("differs from the folder name") == true)
        #expect(diagnostics.first?.position == SourcePosition(line: 1, column: 1))
    }

    @Test func randomBytesNeverCrashTheReader() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<100 {
            let length = Int.random(in: 0...200, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for file in ["coe.yaml", "timeline.yaml", "whys.yaml", "summary.md", "actions/A1.yaml", "metrics/01-checkout-error-rate.yaml"] {
                let diagnostics = try problems(replacing: file, with: bytes)
                for diagnostic in diagnostics where diagnostic.message.isEmpty { Issue.record("empty message in round \(round)") }
            }
        }
    }

    func problems(in source: MemorySource, directory: String = exampleDirectory) throws -> [Diagnostic] {
        do {
            _ = try COEReader.read(directory: directory, from: source)
            return []
        } catch let error as FormatError {
            return error.diagnostics
        }
    }
}
