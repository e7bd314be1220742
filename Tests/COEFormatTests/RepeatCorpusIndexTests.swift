import Testing
@testable import COEFormat

/// W7's corpus index over many root causes: the causes are cut into terms on every core (a part each) and numbered in
/// order, so a repeat planted among hundreds of unrelated causes is found, against the right earlier cause.
@Suite struct RepeatCorpusIndexTests {
    static let day = CalendarDate("2026-03-01")!

    static func profile(_ number: Int, cause: String) -> SimilarityProfile {
        SimilarityProfile(id: "2026-03-01-" + String(1_000 + number), title: "COE \(number)", created: day, confidentiality: .public,
                          services: [], tags: [], rootCauses: [.init(text: cause, line: 3, actions: [])], actions: [])
    }

    /// Words no other cause shares: letters spelled from the number, so that causes share no term by chance.
    static func words(_ number: Int) -> String {
        let letters = Array("bcdfghjklmnpqrstvwxz")
        func word(_ seed: Int) -> String { (0..<6).map { String(letters[(seed / [1, 7, 49, 343, 2401, 16807][$0] + $0 * 3) % letters.count]) }.joined() }
        return [word(number * 3), word(number * 3 + 1), word(number * 3 + 2)].joined(separator: " ")
    }

    @Test func aRepeatAmongHundredsOfCausesIsFoundAgainstTheRightCause() throws {
        let planted = "The connection pool of the checkout service was exhausted by retries"
        var profiles = (0..<600).map { Self.profile($0, cause: "Cause \(Self.words($0)) went unnoticed") }
        profiles[41] = Self.profile(41, cause: planted)
        let repeated = Self.profile(530, cause: "Retries exhausted the checkout service's connection pool")
        profiles[530] = repeated
        let corpus = RepeatCorpus(profiles)
        let findings = RepeatedRootCause.findings(for: repeated, in: corpus, percent: 60)
        #expect(findings.count == 1)
        #expect(findings.first?.earlier.id == profiles[41].id)
        #expect(findings.first?.earlierCause.text == planted)
        let shared = Set(findings.first?.sharedTerms ?? [])
        #expect(shared.isSuperset(of: ["pool", "checkout", "connection"]))
        // An unrelated cause late in the corpus resembles none of the earlier ones.
        #expect(RepeatedRootCause.findings(for: profiles[599], in: corpus, percent: 60).isEmpty)
    }
}
