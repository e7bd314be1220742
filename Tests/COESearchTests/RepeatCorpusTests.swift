import COEFormat
import COELint
import COESearch
import COEWorkspace
import Foundation
import Testing
import TestSupport

/// Lint rule W7's corpus from the search index: named by each COE's profile as the index keeps it (a hash) without
/// reading a COE, and read only when a COE is compared, so that a `coe lint` whose findings all come from its cache
/// reads none.
@Suite struct RepeatCorpusTests {
    @Test func theCorpusIsNamedWithoutReadingAndReadOnlyWhenACOEIsCompared() throws {
        let fixture = try RepeatDetectionTests().repository()
        // Files changed within two seconds of a run are linted but not kept by the findings cache: let these age.
        usleep(2_100_000)
        let workspace = try Workspace(at: fixture.path)
        func corpus() throws -> RepeatCorpus { try SearchIndex(workspace: workspace).repeatCorpus() }
        func repeats(_ corpus: RepeatCorpus) throws -> [Diagnostic] {
            let request = LintRun.Request(references: [], staged: false, today: CalendarDate("2026-11-22")!, currentDirectory: fixture.path,
                                          corpus: corpus, cached: true)
            return try LintRun.run(request, in: workspace).flatMap(\.findings).filter { $0.rule == "W7" }
        }
        let first = try corpus()
        #expect(first.name != nil && !first.isLoaded)
        // The first run has no cache: it compares the COEs, and reads the corpus.
        let found = try repeats(first)
        #expect(found.count == 6)
        #expect(first.isLoaded && !first.failed && !first.isEmpty)
        // Nothing changed: the same name, every finding from the cache, and no COE read for the corpus.
        let second = try corpus()
        #expect(second.name == first.name)
        #expect(try repeats(second) == found)
        #expect(!second.isLoaded)
        // A file written again with the same bytes, or an edit no profile holds (a line of the analysis), keeps the
        // name; a root cause edited in the earlier COE changes it.
        let whys = "coes/\(exampleCOEID)/whys.yaml"
        let text = try fixture.scratch.read(whys)
        try fixture.write(whys, text)
        #expect(try corpus().name == first.name)
        let analysis = "coes/\(exampleCOEID)/analysis.md"
        try fixture.write(analysis, try fixture.scratch.read(analysis) + "\nA sentence added.\n")
        let analysed = try corpus()
        #expect(analysed.name == first.name)
        // That COE is linted again, but W7 reads the same of it: its repeats are the record's, and no corpus is read.
        usleep(2_100_000)
        #expect(try repeats(analysed) == found)
        #expect(!analysed.isLoaded)
        try fixture.write(whys, text.replacingOccurrences(of: "root_cause: true", with: "root_cause: false"))
        let edited = try corpus()
        #expect(edited.name != first.name)
        #expect(try repeats(edited).isEmpty)
        #expect(edited.isLoaded)
    }
}
