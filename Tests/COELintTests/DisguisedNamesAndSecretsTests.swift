import COEFormat
import Foundation
import Testing
import TestSupport
@testable import COELint

/// Names and secrets broken up or disguised (zero-width characters, soft hyphens, direction
/// controls, decomposed accents, look-alike letters of another script, full-width forms) are found by
/// B1 and B6, through the one fold (`TextFold`) both compare through, at their place as written.
@Suite struct DisguisedNamesAndSecretsTests {
    func lint(_ file: String, _ old: String, _ new: String, configuration: String = "") throws -> [Diagnostic] {
        var source = try exampleSource()
        let path = "\(exampleDirectory)/\(file)"
        let text = String(decoding: source.files[path]!, as: UTF8.self)
        #expect(text.contains(old))
        source.files[path] = Array(text.replacingOccurrences(of: old, with: new).utf8)
        let config = try Configuration.parse(SourceText(file: ".coe.yaml", text: configuration))
        return Linter.lint(directory: exampleDirectory, source: source,
                           settings: LintSettings(configuration: config, today: CalendarDate("2026-11-22")!, historyNames: ["Jordan Rivera"],
                                                  knownIDs: [exampleCOEID])).findings
    }

    static let disguises: [(String, String)] = [
        ("a zero-width space", "Da\u{200B}na"), ("a zero-width joiner", "Da\u{200D}na"), ("a soft hyphen", "Da\u{AD}na"),
        ("a word joiner", "D\u{2060}ana"), ("a left-to-right override", "Da\u{202D}na\u{202C}"), ("a right-to-left mark", "Dan\u{200F}a"),
        ("a Cyrillic a", "D\u{430}na"), ("a Greek capital alpha", "D\u{3B1}n\u{3B1}"), ("full-width letters", "\u{FF24}\u{FF41}\u{FF4E}\u{FF41}"),
        ("mathematical bold letters", "\u{1D403}\u{1D41A}\u{1D427}\u{1D41A}"), ("a variation selector", "Dan\u{FE0F}a"),
    ]

    @Test(arguments: disguises) func aDisguisedRosterNameIsFound(_ disguise: String, _ written: String) throws {
        let findings = try lint("response.md", "The on-call engineer acknowledged", "\(written) acknowledged", configuration: "roster: [Dana]\n")
        let names = findings.filter { $0.rule == "B1.roster" }
        #expect(names.count == 1, "\(disguise): \(findings)")
        #expect(names.first?.message.contains("('Dana')") == true, "\(disguise)")
        let plain = try lint("response.md", "The on-call engineer acknowledged", "Dana acknowledged", configuration: "roster: [Dana]\n")
        #expect(names.first?.position == plain.first { $0.rule == "B1.roster" }?.position, "\(disguise): found where it is written")
    }

    @Test func decomposedAccentsMatchComposedNamesBothWays() throws {
        for (roster, written) in [("José", "Jose\u{301}"), ("Jose\u{301}", "José"), ("Zoë", "Zoe\u{308}")] {
            let findings = try lint("response.md", "The on-call engineer acknowledged", "\(written) acknowledged", configuration: "roster: [\"\(roster)\"]\n")
            #expect(findings.contains { $0.rule == "B1.roster" }, "\(roster) written \(written)")
        }
    }

    @Test func aDisguisedHistoryNameIsFound() throws {
        let findings = try lint("analysis.md", "The change was reviewed", "Jordan\u{00A0}Ri\u{200B}vera reviewed the change; it was reviewed")
        #expect(findings.contains { $0.rule == "B1.history" }, "\(findings)")
    }

    /// What the fold must leave alone: ordinary text of other scripts finds nothing new.
    @Test func ordinaryTextIsNotANameByFolding() throws {
        let findings = try lint("response.md", "The on-call engineer acknowledged", "Команда (Dänemark, café) acknowledged", configuration: "roster: [Dana, Cafe]\n")
        #expect(!findings.contains { $0.rule == "B1.roster" }, "\(findings)")
    }

    static let keys: [(String, String)] = [
        ("a zero-width space", "AKIA\u{200B}IOSFODNN7EXAMPLE"), ("soft hyphens", "AKIA\u{AD}IOSF\u{AD}ODNN7EXAMPLE"),
        ("full-width letters", "\u{FF21}\u{FF2B}\u{FF29}\u{FF21}IOSFODNN7EXAMPLE"), ("a Cyrillic A", "\u{410}KIAIOSFODNN7EXAMPLE"),
        ("a Greek capital iota", "AK\u{399}AIOSFODNN7EXAMPLE"), ("a right-to-left override", "AKIA\u{202E}IOSFODNN7EXAMPLE\u{202C}"),
    ]

    @Test(arguments: keys) func aDisguisedAccessKeyIsFound(_ disguise: String, _ key: String) throws {
        let findings = try lint("response.md", "The on-call engineer acknowledged", "The key \(key) was seen; the on-call engineer acknowledged")
        let secrets = findings.filter { $0.rule == "B6" }
        #expect(secrets.count == 1 && secrets.first?.message.contains("AWS access key") == true, "\(disguise): \(findings)")
        let plain = try lint("response.md", "The on-call engineer acknowledged", "The key AKIAIOSFODNN7EXAMPLE was seen; the on-call engineer acknowledged")
        #expect(secrets.first?.position == plain.first { $0.rule == "B6" }?.position, "\(disguise)")
        // The review commands refuse a text through the same detector.
        #expect(NoSecrets.find(in: "see \(key)").count == 1, "\(disguise)")
    }

    @Test func theFoldMapsOffsetsBack() {
        let fold = TextFold(Array("x D\u{200B}a\u{AD}na!".utf16))
        #expect(String(decoding: fold.utf16, as: UTF16.self) == "x Dana!")
        #expect(fold.original(2) == 2 && fold.original(3) == 4 && fold.original(5) == 7)
        #expect(fold.original(NSRange(location: 2, length: 4)) == NSRange(location: 2, length: 6))
        #expect(TextFold(Array("plain ascii".utf16)).isIdentity && TextFold(Array("café 東京".utf16)).isIdentity)
        #expect(TextFold.fold("plain").fold == nil)
    }
}
