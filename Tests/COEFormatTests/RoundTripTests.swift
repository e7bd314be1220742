import TestSupport
import PropertyBased
import Testing
@testable import COEFormat

/// Parse → serialise → parse gives the same model, for every file of the format.
@Suite struct RoundTripTests {
    @Test func exampleCOEReadsCleanly() throws {
        let document = try COEReader.read(directory: exampleDirectory, from: try exampleSource())
        #expect(document.id == exampleCOEID)
        #expect(document.metrics.count == 2)
        #expect(document.timeline.count == 13)
        #expect(document.actions.map(\.id) == ["A1", "A2", "A3", "A4", "A5", "A6"])
        #expect(document.lessons.count == 5)
        #expect(!document.summary.isEmpty && !document.impact.isEmpty && !document.response.isEmpty && !document.analysis.isEmpty)
        #expect(document.assets == ["metrics/01-checkout-error-rate.svg", "metrics/02-payment-call-latency.svg"])
    }

    @Test func everyFileOfTheExampleRoundTrips() throws {
        let document = try COEReader.read(directory: exampleDirectory, from: try exampleSource())
        let metadata = try MetadataFile.parse(SourceText(file: "coe.yaml", text: MetadataFile.serialize(document.metadata)))
        #expect(MetadataFile.serialize(metadata) == MetadataFile.serialize(document.metadata))
        #expect(metadata.event == document.metadata.event)
        #expect(try TimelineFile.parse(SourceText(file: "t", text: TimelineFile.serialize(document.timeline))) == document.timeline)
        #expect(try WhysFile.parse(SourceText(file: "w", text: WhysFile.serialize(document.whys))) == document.whys)
        #expect(try LessonsFile.parse(SourceText(file: "l", text: LessonsFile.serialize(document.lessons))) == document.lessons)
        for item in document.actions {
            let again = try ActionFile.parse(SourceText(file: item.file, text: ActionFile.serialize(item)), id: item.id)
            #expect(again == item)
        }
        for graph in document.metrics {
            #expect(try GraphFile.parse(SourceText(file: graph.file, text: GraphFile.serialize(graph))) == graph)
        }
    }

    @Test func configurationRoundTrips() throws {
        var config = Configuration()
        config.root = "postmortems"
        config.reviewPeriodHours = 48
        config.requiredApprovals = 2
        config.reviewers = ["lead@example.com", "sre: bar raiser"]
        config.barRaisers = ["raiser@example.com"]
        config.teams = ["payments", "deployment tooling team"]
        config.roster = ["Alice Example", "O'Brien"]
        config.customers = ["Acme, Inc."]
        config.acronyms = ["AWS", "PSP"]
        config.daysToComplete = 21
        config.actionDueDays = 60
        config.rules = ["B4": .off, "A5": .error]
        config.evidenceRepositories = ["../payments-service", "/srv/git/tools.git"]
        config.ticketPattern = "(PAY|OPS)-[0-9]{3,}"
        config.evidenceURLs = ["https://github.com/example/"]
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: config.serialized())) == config)
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: "")) == Configuration())
        // A ticket form that is not a regular expression is refused where it is written.
        #expect {
            try Configuration.parse(SourceText(file: ".coe.yaml", text: "evidence:\n  tickets: \"PAY-[0-9\"\n"))
        } throws: { error in
            (error as? FormatError)?.diagnostics.first?.description
                == ".coe.yaml:2:12: error evidence.tickets 'PAY-[0-9' is not a regular expression"
        }
    }

    /// Text with every character YAML treats specially survives a round trip through each text field.
    @Test func arbitraryTextSurvivesEveryTextField() async throws {
        let alphabet: [Character] = Array("aZ09 :#-?,[]{}&*!|>'\"%@`\\\t\né🎉~.") + ["\u{7F}", "\u{85}", "\u{2028}"]
        let text = Gen<Character?>.element(of: alphabet).map { $0! }.string(of: 1...30)
        await propertyCheck(count: 400, input: text, text) { first, second in
            let timestamp = Timestamp("2026-11-03T14:02:00Z")!
            let entries = [TimelineEntry(at: timestamp, event: first, links: [second], gapExplanation: second)]
            #expect(try TimelineFile.parse(SourceText(file: "t", text: TimelineFile.serialize(entries))) == entries)
            let whys = FiveWhys(happened: [WhyNode(why: first, because: second, then: [WhyNode(why: second, because: first, actions: [first])])])
            #expect(try WhysFile.parse(SourceText(file: "w", text: WhysFile.serialize(whys))) == whys)
            let item = ActionItem(id: "A1", file: "A1.yaml", title: first, description: second, owner: first, ticket: second)
            #expect(try ActionFile.parse(SourceText(file: "A1.yaml", text: ActionFile.serialize(item)), id: "A1") == item)
            let lessons = [Lesson(lesson: first, actions: [second])]
            #expect(try LessonsFile.parse(SourceText(file: "l", text: LessonsFile.serialize(lessons))) == lessons)
            var metadata = Metadata(id: "x", title: first, severity: .sev3, team: second, owner: first, created: CalendarDate("2026-11-03")!)
            metadata.tags = [first, second]
            let parsed = try MetadataFile.parse(SourceText(file: "coe.yaml", text: MetadataFile.serialize(metadata)))
            #expect(parsed.title == first && parsed.team == second && parsed.tags == [first, second])
            let graph = Graph(file: "g.yaml", title: first, caption: second, markers: [Graph.Marker(at: timestamp, label: first)])
            #expect(try GraphFile.parse(SourceText(file: "g.yaml", text: GraphFile.serialize(graph))) == graph)
        }
    }

    @Test func templateOfANewCOEReadsAsAnEmptyDraft() throws {
        let metadata = Metadata(id: "2026-11-03-abcdefghjk", title: "Checkout failing", severity: .sev2, team: "payments",
                                owner: "payments", created: CalendarDate("2026-11-03")!)
        var source = MemorySource([:])
        for (path, text) in COETemplate.files(for: metadata) { source.files["coes/\(metadata.id)/\(path)"] = Array(text.utf8) }
        let document = try COEReader.read(directory: "coes/\(metadata.id)", from: source)
        #expect(document.metadata.status == .draft)
        #expect(document.summary.isEmpty && document.impact.isEmpty && document.timeline.isEmpty && document.whys.isEmpty)
        #expect(document.actions.isEmpty && document.lessons.isEmpty && document.metrics.isEmpty)
    }
}
