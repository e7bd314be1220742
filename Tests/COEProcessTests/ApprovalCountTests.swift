import COEFormat
import Testing
@testable import COEProcess

/// The one count of approvals: of the current content, the newest per person, by people allowed to approve.
@Suite struct ApprovalCountTests {
    func record(_ n: Int, by who: String, hash: String) -> ReviewRecord {
        ReviewRecord(id: "20261122T16150\(n)Z-000000000\(n)", kind: .approval, author: who, at: Timestamp(seconds: Int64(n)),
                     contentHash: hash, text: "")
    }

    func facts(_ records: [ReviewRecord], configuration: Configuration = Configuration(),
               severity: IncidentSeverity = .sev2) -> ProcessFacts {
        ProcessFacts(coe: .init(id: "c", severity: severity, owner: "payments-oncall", status: .review),
                     creator: Person(name: "Casey Author", email: "casey@example.com"), records: records, content: ContentIdentity(current: "new", legacy: "old-v1"),
                     configuration: configuration)
    }

    @Test func voidRefusedAndCountingApprovals() {
        let records = [
            record(1, by: "Rae <rae@x>", hash: "old"),
            record(2, by: "Rae <rae@x>", hash: "new"),
            record(3, by: "Sam <sam@x>", hash: "new"),
            record(4, by: "Sam <SAM@x>", hash: "new"),
            // The author, from another address: refused (by name).
            record(5, by: "Casey Author <casey@home.example>", hash: "new"),
            record(6, by: "On call <payments-oncall>", hash: "new"),
        ]
        var configuration = Configuration()
        configuration.requiredApprovals = 3
        let count = Approvals.count(facts(records, configuration: configuration))
        #expect(count.counting.map(\.id) == [records[1].id, records[3].id], "newest per person (e-mail in any case)")
        #expect(count.voided.map(\.id) == [records[0].id])
        #expect(count.refused.map(\.record.id) == [records[4].id, records[5].id])
        #expect(count.stillNeeded == ["1 more approval needed"] && !count.isEnough)
        #expect(count.standing(of: records[0]) == .void && count.standing(of: records[2]) == .counts)
        guard case .refused(let reason) = count.standing(of: records[4]) else {
            Issue.record("the author's approval is refused")
            return
        }
        #expect(reason == "Casey Author created c; a COE is approved by someone other than its author")
    }

    @Test func reviewersAndBarRaisersWhenConfigured() {
        var configuration = Configuration()
        configuration.reviewers = ["rae@x"]
        configuration.barRaisers = ["Bea"]
        let outsider = Approvals.count(facts([record(1, by: "Sam <sam@x>", hash: "new")], configuration: configuration, severity: .sev1))
        #expect(outsider.counting.isEmpty && outsider.refused.first?.reason == "sam@x is not a reviewer in .coe.yaml (review.reviewers)")
        let reviewer = Approvals.count(facts([record(1, by: "Rae <rae@x>", hash: "new")], configuration: configuration, severity: .sev1))
        #expect(reviewer.stillNeeded == ["a SEV-1 needs a bar raiser's approval (Bea)"])
        let barRaiser = Approvals.count(facts([record(1, by: "Bea <bea@x>", hash: "new")], configuration: configuration, severity: .sev1))
        #expect(barRaiser.isEnough, "a bar raiser may approve, matched by name")
        #expect(Approvals.count(facts([record(1, by: "Rae <rae@x>", hash: "new")], configuration: configuration, severity: .sev2)).isEnough)
    }

    /// An approval made before action items' tracking state was set apart holds the version-1 hash of
    /// the content: it counts while that content is unchanged.
    @Test func aVersionOneApprovalOfTheSameContentCounts() {
        let count = Approvals.count(facts([record(1, by: "Rae <rae@x>", hash: "old-v1")]))
        #expect(count.counting.count == 1 && count.voided.isEmpty)
        #expect(Approvals.count(facts([record(1, by: "Rae <rae@x>", hash: "older-v1")])).voided.count == 1)
    }

    @Test func withoutAKnownContentNothingCounts() {
        var facts = facts([record(1, by: "Rae <rae@x>", hash: "new")])
        facts.content = .unknown
        #expect(Approvals.count(facts).counting.isEmpty)
    }
}
