import COEFormat
import Foundation
import Testing
import TestSupport
@testable import COELint

/// The engine around the rules: configuration, the draft floor, suppressions, order.
@Suite struct LinterTests {
    static let today = CalendarDate("2026-11-22")!

    func lint(_ changes: [String: String] = [:], replacing: [(String, String, String)] = [], configuration: String = "") throws -> [Diagnostic] {
        var source = try exampleSource()
        for (file, text) in changes { source.files["\(exampleDirectory)/\(file)"] = Array(text.utf8) }
        for (file, old, new) in replacing {
            let path = "\(exampleDirectory)/\(file)"
            let text = String(decoding: source.files[path]!, as: UTF8.self)
            #expect(text.contains(old))
            source.files[path] = Array(text.replacingOccurrences(of: old, with: new).utf8)
        }
        let config = try Configuration.parse(SourceText(file: ".coe.yaml", text: configuration))
        return Linter.lint(directory: exampleDirectory, source: source, settings: LintSettings(configuration: config, today: Self.today, knownIDs: [exampleCOEID])).findings
    }

    let wrongRatio = ("impact.md", "(7.6 percent) failed.", "(6.7 percent) failed.")
    let acronym = ("response.md", "The checkout error-rate alarm", "The checkout PSP alarm")

    @Test func configurationTurnsRulesOffAndRegradesThem() throws {
        #expect(try lint(replacing: [wrongRatio]).contains { $0.rule == "I3" && $0.level == .error })
        #expect(try lint(replacing: [wrongRatio], configuration: "rules:\n  I3: warning\n").contains { $0.rule == "I3" && $0.level == .warning })
        #expect(try lint(replacing: [acronym], configuration: "rules:\n  B4: off\n").isEmpty)
        #expect(try lint(replacing: [acronym], configuration: "rules:\n  B4: error\n").contains { $0.rule == "B4" && $0.level == .error })
        // A base ID covers its split checks.
        let named = ("response.md", "The on-call engineer acknowledged", "Dana acknowledged")
        #expect(try lint(replacing: [named], configuration: "roster: [Dana]\nrules:\n  B1: off\n").isEmpty)
        #expect(try lint(replacing: [named], configuration: "roster: [Dana]\nrules:\n  B1.history: off\n").contains { $0.rule == "B1.roster" })
    }

    @Test func aDraftMayBeIncompleteButNeverHoldASecret() throws {
        let draft = ("coe.yaml", "status: closed", "status: draft")
        let findings = try lint(["analysis.md": "<!-- to do -->\n", "lessons.yaml": "- lesson: Hidden key AKIAABCDEFGHIJKLMNOP here.\n  actions: [A1]\n"],
                                replacing: [draft])
        #expect(findings.contains { $0.rule == "S1" && $0.level == .warning })
        #expect(findings.contains { $0.rule == "B6" && $0.level == .error })
        let inReview = try lint(["analysis.md": "<!-- to do -->\n"], replacing: [("coe.yaml", "status: closed", "status: review")])
        #expect(inReview.contains { $0.rule == "S1" && $0.level == .error })
    }

    @Test func suppressionsNeedAReason() throws {
        let withReason = try lint(replacing: [acronym, ("response.md", "### Detection\n\n", "### Detection\n\n<!-- coe-ignore B4: PSP is the product's name -->\n")])
        #expect(withReason.isEmpty, "\(withReason)")
        let without = try lint(replacing: [acronym, ("response.md", "### Detection\n\n", "### Detection\n\n<!-- coe-ignore B4 -->\n")])
        #expect(without.contains { $0.rule == "suppression" && $0.position == SourcePosition(line: 3, column: 6) })
        #expect(without.contains { $0.rule == "B4" }, "a suppression without a reason silences nothing")
        // A directive that names no rule, with or without a reason, is reported too.
        for directive in ["<!-- coe-ignore -->", "<!-- coe-ignore: PSP is the product's name -->"] {
            let unnamed = try lint(replacing: [acronym, ("response.md", "### Detection\n\n", "### Detection\n\n\(directive)\n")])
            #expect(unnamed.contains { $0.rule == "suppression" && $0.message == "coe-ignore names no rule" }, "\(directive)")
            #expect(unnamed.contains { $0.rule == "B4" }, "\(directive)")
        }
        // In YAML, a trailing comment covers its own line.
        let yaml = try lint(replacing: [("actions/A6.yaml", "due: 2026-11-27", "due: 2027-03-01 # coe-ignore A3: contracted to finish in March")])
        #expect(yaml.isEmpty, "\(yaml)")
    }

    @Test func clockTimesAndDatesAreNoCountOfCustomers() throws {
        let impact = "Between 09:12 and 10:06 UTC on 2026-10-13, customers in the EU region saw payment errors.\n"
            + "Order impact: none.\n"
        let findings = try lint(["impact.md": impact])
        #expect(findings.contains { $0.rule == "I1" && $0.message.contains("how many customers") }, "\(findings)")
        let counted = try lint(["impact.md": impact.replacingOccurrences(of: "customers in", with: "11,907 customers in")])
        #expect(!counted.contains { $0.rule == "I1" }, "\(counted)")
    }

    @Test func aMarkdownDirectiveIsACommentNotCode() throws {
        // Shown as an example in code, or written as plain text, a directive silences nothing.
        let directive = "coe-ignore B4: PSP is the product's name"
        for shown in ["`<!-- \(directive) -->`\n", "```\n<!-- \(directive) -->\n```\n", "\(directive)\n\n"] {
            let findings = try lint(replacing: [acronym, ("response.md", "### Detection\n\n", "### Detection\n\n\(shown)")])
            #expect(findings.contains { $0.rule == "B4" }, "\(shown.debugDescription)")
        }
    }

    @Test func aRoleIsNeverAName() throws {
        // A history "name" that is a configured role (a shared on-call identity, say) is not a person.
        var source = try exampleSource()
        let settings = LintSettings(configuration: try Configuration.parse(SourceText(file: ".coe.yaml", text: "roles: [Payments On-call Engineer]\n")),
                                    today: Self.today, historyNames: ["Payments On-call Engineer", "Jordan Rivera"])
        source.files["\(exampleDirectory)/analysis.md"] = Array("The payments on-call engineer and Jordan Rivera's team reviewed it.\n".utf8)
        let names = Linter.lint(directory: exampleDirectory, source: source, settings: settings).findings.filter { $0.rule?.hasPrefix("B1") == true }
        #expect(names.map(\.position) == [SourcePosition(line: 1, column: 35)])
    }

    @Test func findingsAreDeterministicAndNeverDuplicated() throws {
        let changes = [wrongRatio, acronym, ("summary.md", "The payments team rolled", "We rolled"), ("timeline.yaml", "2026-10-13T09:21:00Z", "2026-10-13T09:18:00Z")]
        let first = try lint(replacing: changes)
        for _ in 0..<5 { #expect(try lint(replacing: changes) == first) }
        #expect(Set(first).count == first.count)
        #expect(first == first.sorted())
    }

    @Test func severalCOEsAreLintedInParallelInOrder() throws {
        var source = try exampleSource()
        var directories: [String] = []
        for index in 0..<40 {
            let id = "2026-10-14-copy\(index)"
            for (path, bytes) in source.files where path.hasPrefix(exampleDirectory + "/") {
                let relative = path.dropFirst(exampleDirectory.count)
                var data = bytes
                if relative == "/coe.yaml" { data = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)").utf8) }
                source.files["coes/\(id)\(relative)"] = data
            }
            directories.append("coes/\(id)")
        }
        let results = Linter.lint(directories: directories, source: source, settings: LintSettings(configuration: Configuration(), today: Self.today))
        #expect(results.map(\.directory) == directories)
        #expect(results.allSatisfy { $0.findings.isEmpty })
    }

    @Test func unreadableDocumentsGiveTheirFormatErrors() throws {
        let findings = try lint(["actions/A2.yaml": "title: [unclosed\n"])
        #expect(findings.count == 1)
        #expect(findings.first?.file == "\(exampleDirectory)/actions/A2.yaml" && findings.first?.level == .error && findings.first?.position != nil)
    }
}

/// I3's scanner on the number forms the standard names: separators, decimals, "%", "per cent", precision.
@Suite struct RatioArithmeticTests {
    func findings(_ impact: String) throws -> [Diagnostic] {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/impact.md"] = Array(impact.utf8)
        let settings = LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!)
        return Linter.lint(directory: exampleDirectory, source: source, settings: settings).findings.filter { $0.rule == "I3" }
    }

    @Test(arguments: [
        "691,252,856 of 24,600,749,571 requests (2.8 percent) failed.",
        "1,204 of 48,210 checkout attempts (2.5 percent) failed.",
        "3 of 4 customers (75%) saw it.",
        "2.5 of 10 units (25 per cent) went missing.",
        "1 of 3 hosts (33.33 percent) and 1 of 3 regions (33.3%) and 1 of 3 zones (33 percent).",
        "0 of 12 orders (0 percent) were lost.",
    ])
    func rightRatiosPass(_ text: String) throws {
        #expect(try findings(text + "\n").isEmpty)
    }

    @Test func wrongRatiosPointAtThePercentage() throws {
        let wrong = try findings("Between them, 3 of 4 customers (70%) and\n1 of 3 hosts (33.4 percent) failed; 5 of 4 retried (100 percent).\n")
        #expect(wrong.map(\.position) == [SourcePosition(line: 1, column: 33), SourcePosition(line: 2, column: 15), SourcePosition(line: 2, column: 37)])
        #expect(wrong[0].message == "3 of 4 is 75.0 percent, not 70")
        #expect(wrong[2].message == "5 of 4 is more than the whole")
    }
}

/// B6 finds every kind of secret it names, in any file of the COE, at the secret's position.
@Suite struct SecretTests {
    @Test(arguments: [
        ("attachments/notes.txt", "key id AKIAABCDEFGHIJKLMNOP leaked\n", 1, 8),
        ("attachments/key.pem", "x\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n", 2, 1),
        ("lessons.yaml", "- lesson: Token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB was pasted.\n  actions: [A1]\n", 1, 17),
        ("timeline.yaml", "- at: 2026-10-13T08:55:00Z\n  event: posted xoxb-1234567890-abcdef to a channel\n", 2, 17),
        ("analysis.md", "The call used Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456 in a header.\n", 1, 30),
        ("metrics/01-checkout-error-rate.yaml", "title: x\ndashboard: https://ops:s3cretpass@dash.example.com/\n", 2, 12),
        ("response.md", "The config had api_key = 'abcd1234efgh5678' in it.\n", 1, 16),
        ("attachments/env.txt", "DB_PASSWORD=correcthorse99\nClient-Secret: s3cr3tvalue123\nAUTH_TOKEN: abcdefgh12345\n", 1, 4),
        ("attachments/env2.txt", "x\nClient-Secret: s3cr3tvalue123\n", 2, 1),
        ("attachments/env3.txt", "x\ny\nAUTH_TOKEN: abcdefgh12345\n", 3, 1),
    ])
    func everyKindIsFound(_ file: String, _ text: String, _ line: Int, _ column: Int) throws {
        var source = try exampleSource()
        source.files["\(exampleDirectory)/\(file)"] = Array(text.utf8)
        let settings = LintSettings(configuration: Configuration(), today: CalendarDate("2026-11-22")!)
        let secrets = Linter.lint(directory: exampleDirectory, source: source, settings: settings).findings.filter { $0.rule == "B6" }
        #expect(secrets.contains { $0.file == "\(exampleDirectory)/\(file)" && $0.position == SourcePosition(line: line, column: column) },
                "\(secrets.map(\.description))")
    }
}

/// I5's speculation pattern searched piece by piece, only where its words are (`Pattern.matches(in:cutAt:where:)`,
/// `NoBusinessSpeculation.mayHoldSpeculation`), finds what searching the whole text finds: on every rule's examples
/// and on texts that put its words across a '.', in capitals, or beyond ASCII where case folding reaches ASCII letters.
@Suite struct SpeculationPiecesTests {
    static let texts: [String] = [
        "Merchants probably lost revenue. Sellers may have  lost some sales; buyers might have missed\nbusiness.",
        "Merchants saw estimated losses of 40,000 euros in lost revenue. Sellers lost an estimated 2 million dollars in sales.",
        "It cost our customers an hour. The outage will cost the users. Costs rose.",
        "A potentially 3.5 million in lost orders, and a projected 2.5 loss. Estimated business impact: none.",
        "The estimated financial impact was small; the estimated revenue loss was not. Up to 40 orders lost in revenue",
        "MERCHANTS PROBABLY LOST REVENUE. SELLERS LOST ABOUT 1,000 EUROS OF SALES.",
        "Merchants probably loſt revenue. They surely mißed sales. Approximately 2 ﬁnancial loſses in ﬆore revenue.",
        "Merchants probably\u{00A0}lost revenue, and presumably hurt their business — potentially 30 percent of sales forgone in income.",
        "Sellers lost, about a third of them, 40 units in revenue. Order impact: none; these orders were lost.",
        "",
        ".",
        "..probably lost revenue..",
    ]

    @Test func piecesFindWhatTheWholeTextFinds() {
        var texts = Self.texts
        for rule in RuleRegistry.all {
            let description = type(of: rule).description
            for example in description.triggering + description.nonTriggering { texts += example.files.map(\.strippedText) }
        }
        var found = 0
        for text in texts {
            let unit = TextUnit(file: "impact.md", text: text, part: .impact, field: "", location: nil)
            let whole = NoBusinessSpeculation.speculation.matches(in: unit)
            found += whole.count
            let pieces = NoBusinessSpeculation.speculation.matches(in: unit, cutAt: 0x2E, where: NoBusinessSpeculation.mayHoldSpeculation)
            #expect(whole.map(\.range) == pieces.map(\.range) && whole.map(\.text) == pieces.map(\.text), "\(text)")
        }
        #expect(found >= 10, "the texts hold matches to compare")
    }
}
