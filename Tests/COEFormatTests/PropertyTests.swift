import PropertyBased
import Testing
import TestSupport
@testable import COEFormat

/// Values built from a seed: the property checks draw seeds, and each seed makes one whole document.
struct Maker {
    var random: SeededRandom

    init(state: UInt64) { random = SeededRandom(seed: state) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func bool() -> Bool { next() & 1 == 0 }
    mutating func element<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    mutating func maybe<T>(_ make: (inout Maker) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func list<T>(_ count: ClosedRange<Int>, _ make: (inout Maker) -> T) -> [T] { (0..<int(count)).map { _ in make(&self) } }

    /// Every character YAML or a terminal treats specially, with ordinary words between them.
    static let pieces: [String] = ["word", "two words", " ", ":", ": ", " #", "#", "-", "- ", "?", ",", "[", "]", "{", "}", "&", "*",
                                   "!", "|", ">", "'", "\"", "%", "@", "`", "\\", "\t", "\n", "\n\n", "é", "🎉", "\u{7F}", "\u{85}",
                                   "\u{2028}", "\u{FEFF}", "\u{1}", "\r", "~", "null", "true", "no", "1.5", "0x1F", "2026-11-03",
                                   "---", "...", "<!--", "```", "A1", "*a"]

    /// Text of one to `pieces` pieces.
    mutating func text(_ pieces: ClosedRange<Int> = 1...8) -> String { list(pieces) { $0.element(Self.pieces) }.joined() }

    /// A safe id: what ids in files may be.
    mutating func id() -> String { element(["A1", "A2", "A10", "B-3", "x_1", "2026-10-14-k7qm3xv9dh", "imported.coe-7"]) }

    mutating func timestamp() -> Timestamp {
        Timestamp("2026-\(String(format2: int(1...12)))-\(String(format2: int(1...28)))T\(String(format2: int(0...23))):"
                  + "\(String(format2: int(0...59))):\(String(format2: int(0...59)))\(element(["Z", "+02:00", "-05:30"]))")!
    }

    mutating func date() -> CalendarDate { CalendarDate("20\(int(20...39))-\(String(format2: int(1...12)))-\(String(format2: int(1...28)))")! }

    mutating func why(depth: Int) -> WhyNode {
        WhyNode(why: text(), because: text(), then: depth > 0 ? list(0...2) { $0.why(depth: depth - 1) } : [], rootCause: bool(),
                actions: list(0...3) { $0.id() }, justification: maybe { $0.text() })
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

/// Parse → serialise → parse is identity for every file kind, with documents built from random seeds;
/// and no id `coe` generates is ever unsafe.
@Suite struct PropertyTests {
    static let seeds = Gen.uint64(in: 0 ... .max)

    /// Parses `text`, failing the test (with the text) when it does not parse.
    func parsed<T>(_ text: String, _ parse: (SourceText) throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> T? {
        do {
            return try parse(SourceText(file: "f.yaml", text: text))
        } catch {
            Issue.record("written text does not parse: \(error)\n\(text)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func everyFileKindRoundTrips() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            var make = Maker(state: seed)
            let timeline = make.list(0...4) { make in
                TimelineEntry(at: make.timestamp(), event: make.text(), milestone: make.maybe { $0.element(Milestone.allCases) },
                              links: make.list(0...2) { $0.text() }, gapExplanation: make.maybe { $0.text() })
            }
            #expect(parsed(TimelineFile.serialize(timeline)) { try TimelineFile.parse($0) } == timeline)

            let whys = FiveWhys(happened: make.list(0...2) { $0.why(depth: 6) }, detection: make.list(0...2) { $0.why(depth: 2) },
                                resolution: make.list(0...1) { $0.why(depth: 1) })
            #expect(parsed(WhysFile.serialize(whys)) { try WhysFile.parse($0) } == whys)

            let item = ActionItem(id: "A1", file: "f.yaml", title: make.text(), description: make.maybe { $0.text(1...30) },
                                  owner: make.maybe { $0.text() }, priority: make.maybe { $0.element(ActionPriority.allCases) },
                                  due: make.maybe { $0.date() }, ticket: make.maybe { $0.text() }, status: make.element(ActionStatus.allCases),
                                  doneOn: make.maybe { $0.date() }, doneBy: make.maybe { $0.text() }, longTerm: make.bool(),
                                  replacedBy: make.maybe { $0.id() })
            #expect(parsed(ActionFile.serialize(item)) { try ActionFile.parse($0, id: "A1") } == item)

            let lessons = make.list(0...3) { make in
                Lesson(lesson: make.text(), actions: make.list(0...3) { $0.id() }, category: make.maybe { $0.element(LessonCategory.allCases) })
            }
            #expect(parsed(LessonsFile.serialize(lessons)) { try LessonsFile.parse($0) } == lessons)

            let graph = Graph(file: "f.yaml", title: make.text(), caption: make.maybe { $0.text() }, dashboard: make.maybe { $0.text() },
                              image: make.maybe { $0.element(["01-a.svg", "b.png"]) }, unit: make.maybe { $0.text() },
                              interval: make.maybe { $0.text() }, customerImpact: make.bool(),
                              series: make.list(0...2) { make in
                                  Graph.Series(name: make.text(), points: make.list(0...4) { make in
                                      Graph.Point(at: make.timestamp(), value: make.element([0, -1, 12.5, 1e-7, 3.25e12, 99.99, 1e300]))
                                  })
                              },
                              thresholds: make.list(0...2) { Graph.Threshold(value: $0.element([0.5, 2, -3.75]), label: $0.text()) },
                              markers: make.list(0...2) { Graph.Marker(at: $0.timestamp(), label: $0.text()) })
            #expect(parsed(GraphFile.serialize(graph)) { try GraphFile.parse($0) } == graph)

            let kind = make.element(ReviewRecord.Kind.allCases)
            let record = ReviewRecord(id: "20261122T161500Z-3f9a1c2e7b", kind: kind, author: make.text(), at: make.timestamp(),
                                      part: make.maybe { $0.text() }, line: make.maybe { $0.int(1...1_000_000) }, item: make.maybe { $0.text() },
                                      replyTo: kind.answersThread ? "20261121T101500Z-0123456789" : nil,
                                      contentHash: kind == .approval || kind == .imported ? "5b1f0c9a8e" : nil,
                                      status: kind == .imported ? make.element(COEStatus.allCases) : nil,
                                      text: "a" + make.text())
            #expect(parsed(ReviewFile.serialize(record)) { try ReviewFile.parse($0, id: record.id) } == record)

            var metadata = Metadata(id: "2026-10-14-k7qm3xv9dh", title: make.text(), severity: make.element(IncidentSeverity.allCases),
                                    team: make.text(), owner: make.maybe { $0.text() }, created: make.date())
            metadata.tags = make.list(0...3) { $0.text() }
            metadata.services = make.list(0...3) { $0.text() }
            metadata.reviewers = make.list(0...2) { $0.text() }
            metadata.related = make.list(0...2) { $0.id() }
            metadata.event = EventTimes(start: make.maybe { $0.timestamp() }, detected: make.maybe { $0.timestamp() })
            let written = MetadataFile.serialize(metadata)
            if let again = parsed(written, { try MetadataFile.parse($0) }) {
                #expect(MetadataFile.serialize(again) == written)
                #expect(again.title == metadata.title && again.team == metadata.team && again.owner == metadata.owner
                        && again.tags == metadata.tags && again.related == metadata.related && again.event == metadata.event)
            }
        }
    }

    @Test func theConfigurationRoundTrips() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            var make = Maker(state: seed)
            var configuration = Configuration()
            configuration.root = make.element(["coes", "docs/coes", "post mortems", "."])
            configuration.reviewPeriodHours = make.int(0...8760)
            configuration.requiredApprovals = make.int(1...20)
            configuration.reviewers = make.list(0...3) { $0.text() }
            configuration.teams = make.list(0...3) { $0.text() }
            configuration.roster = make.list(0...3) { $0.text() }
            configuration.acronyms = make.list(0...3) { $0.text() }
            configuration.requireReapproval = make.bool()
            configuration.repeatSimilarity = make.int(1...100)
            configuration.readLimits = ReadLimits(fileBytes: make.int(1_024...64 << 20), coeBytes: make.element([8 << 20, 12_345_678]),
                                                  yamlDepth: make.int(4...1_000))
            for _ in 0..<make.int(0...3) {
                configuration.rules[make.element(["B4", "A5", "B1.history", "W1", "x9"])] = make.element(RuleSetting.allCases)
            }
            #expect(parsed(configuration.serialized()) { try Configuration.parse($0) } == configuration)
        }
    }

    @Test func generatedCOEIdsAreSafeForAnySeed() async {
        await propertyCheck(count: 2_000, input: Self.seeds, Gen.int(in: 2000...2099)) { seed, year in
            var generator = Maker(state: seed)
            let id = COEID.generate(on: CalendarDate("\(year)-02-28")!, using: &generator)
            #expect(COEID.problem(with: id) == nil, "\(id)")
            #expect(COEID.randomPart(of: id)?.count == COEID.randomLength)
            #expect(ReviewFile.id(fromFileName: id + ".yaml") == nil)
        }
    }

    /// What `escaped` shows of any text is printable ASCII, and an unsafe id's problem never carries a control character.
    @Test func escapedIdsNeverCarryControlCharacters() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            var make = Maker(state: seed)
            let text = make.text(1...12)
            #expect(COEID.escaped(text).unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
            if let problem = COEID.problem(with: text) {
                #expect(!problem.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
            }
        }
    }
}

extension Maker: RandomNumberGenerator {}

/// What the property checks and the fuzzers found, each kept as a plain test.
@Suite struct FoundByPropertiesTests {
    /// libyaml refuses ':' inside a plain scalar in a flow list: the writer quoted `true:?'word` only outside one.
    @Test func aColonInAnInlineListItemIsQuoted() throws {
        var configuration = Configuration()
        configuration.roster = ["true:?'word", "a:b", "x: y"]
        configuration.rules = ["B4": .off]
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: configuration.serialized())) == configuration)
        var metadata = Metadata(id: "2026-10-14-k7qm3xv9dh", title: "t", severity: .sev2, team: "a:b", created: CalendarDate("2026-10-14")!)
        metadata.tags = ["a:b", "key:value"]
        let again = try MetadataFile.parse(SourceText(file: "coe.yaml", text: MetadataFile.serialize(metadata)))
        #expect(again.tags == metadata.tags && again.team == "a:b")
    }

    /// A rule key that cannot be a rule ID is refused at its position (it could not be written back as a key).
    @Test func aRuleKeyThatIsNoRuleIDIsRefused() {
        let text = "rules:\n  \"B4\\u0000x\": off\n  ? " + String(repeating: "x", count: 2_000) + "\n  : off\n"
        #expect(throws: FormatError.self) { try Configuration.parse(SourceText(file: ".coe.yaml", text: text)) }
        do {
            _ = try Configuration.parse(SourceText(file: ".coe.yaml", text: text))
        } catch let error as FormatError {
            #expect(error.diagnostics.map(\.position) == [SourcePosition(line: 2, column: 3), SourcePosition(line: 3, column: 5)])
            #expect(error.diagnostics.first?.message.contains("'B4\\0x' in rules is not a rule ID") == true, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// NaN and infinity are not measurements (and NaN, unequal to itself, broke the graph's round trip).
    @Test func aGraphValueMustBeFinite() {
        for value in ["nan", ".nan", "inf", "-infinity"] {
            let text = "title: t\nthresholds:\n  - value: \(value)\n    label: l\nseries:\n  - name: s\n    points:\n      - [2026-11-03T14:00:00Z, \(value)]\n"
            do {
                _ = try GraphFile.parse(SourceText(file: "g.yaml", text: text))
                Issue.record("\(value) was accepted")
            } catch let error as FormatError {
                #expect(error.diagnostics.count == 2, "\(value): \(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}

/// Inputs the fuzzers found (scripts/fuzz.sh), each kept as a regression test.
@Suite struct FoundByFuzzingTests {
    /// Fuzz target `review`, after 106,000 runs: a content hash written over several lines (a plain scalar
    /// folds them into one value with a line break) was written back raw, and the record no longer parsed.
    @Test func aReviewRecordWithAMultiLineHashRoundTrips() throws {
        let text = "kind: approval\nauthor: Sam Second <s!m@example.com>\nat: 1013-11-24T09:00:00Z\n"
            + "content_hash: 5b1f\u{414}9a8d7e6c5b4a39281706f5e4d3c<&\n\n\n 12b9a098\ntext: |\n  Approved.\n"
        let record = try ReviewFile.parse(SourceText(file: "r.yaml", text: text), id: "20261122T161500Z-3f9a1c2e7b")
        #expect(record.contentHash == "5b1f\u{414}9a8d7e6c5b4a39281706f5e4d3c<&\n\n12b9a098")
        let written = ReviewFile.serialize(record)
        #expect(try ReviewFile.parse(SourceText(file: "r.yaml", text: written), id: record.id) == record)
    }
}

extension FoundByFuzzingTests {
    /// Fuzz target `configuration` (80,000 runs): `root: ?/TTT //` lost one trailing slash per round trip.
    @Test func aRootWithTrailingSlashesRoundTrips() throws {
        let configuration = try Configuration.parse(SourceText(file: ".coe.yaml", text: "root: ?/TTT //"))
        #expect(configuration.root == "?/TTT ")
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: configuration.serialized())) == configuration)
        #expect(try Configuration.parse(SourceText(file: ".coe.yaml", text: "root: coes///")).root == "coes")
        for bad in ["a//b", "./coes", "coes/./x", "a\u{1}b"] {
            #expect(throws: FormatError.self, "\(bad)") { try Configuration.parse(SourceText(file: ".coe.yaml", text: "root: \"\(bad)\"")) }
        }
    }
}
