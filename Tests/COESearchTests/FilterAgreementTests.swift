import COEFormat
import Foundation
import Testing
import TestSupport

/// `coe list` applies the shared filters (`COEFilters.matches`) to the COEs it reads; `coe search` applies them
/// in its index's SQL. The two must pick the same COEs for every filter.
@Suite struct FilterAgreementTests {
    @Test func listAndSearchPickTheSameCOEsForEveryFilter() throws {
        let variants: [(id: String, team: String, severity: String, created: String, tags: String, services: String)] = [
            ("2026-01-05-aaaaaaaaaa", "payments", "SEV-1", "2026-01-05", "[checkout, dns]", "[checkout-service]"),
            ("2026-03-10-bbbbbbbbbb", "Payments", "SEV-2", "2026-03-10", "[Checkout]", "[payment-gateway-client, ledger]"),
            ("2026-06-20-cccccccccc", "identity", "SEV-2", "2026-06-20", "[dns]", "[login-service]"),
            ("2026-09-01-dddddddddd", "identity", "SEV-3", "2026-09-01", "[]", "[Ledger]"),
        ]
        let fixture = try searchRepository(variants.map { ($0.id, "team-only", "A line every COE shares: zebracrossing.") })
        for variant in variants {
            let file = "coes/\(variant.id)/coe.yaml"
            let text = try fixture.scratch.read(file).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("team:") { return "team: \(variant.team)" }
                if line.hasPrefix("severity:") { return "severity: \(variant.severity)" }
                if line.hasPrefix("created:") { return "created: \(variant.created)" }
                if line.hasPrefix("tags:") { return "tags: \(variant.tags)" }
                if line.hasPrefix("services:") { return "services: \(variant.services)" }
                return String(line)
            }
            try fixture.write(file, text.joined(separator: "\n"))
        }
        func ids(_ output: String) throws -> Set<String> {
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
            return Set(rows.compactMap { $0["id"] as? String })
        }
        let filters: [[String]] = [
            [], ["--team", "PAYMENTS"], ["--severity", "SEV-2"], ["--tag", "checkout"], ["--tag", "DNS"],
            ["--service", "ledger"], ["--since", "2026-03-10"], ["--until", "2026-03-10"],
            ["--since", "2026-02-01", "--until", "2026-08-31", "--team", "identity"], ["--status", "closed"], ["--status", "draft"],
        ]
        var picked = 0
        for filter in filters {
            let list = try coe(["list", "--format", "json"] + filter, in: fixture.path)
            let search = try coe(["search", "zebracrossing", "--format", "json"] + filter, in: fixture.path)
            #expect(list.status == 0 && search.status == 0, "\(filter): \(list.stderr) \(search.stderr)")
            let listed = try ids(list.stdout)
            #expect(listed == (try ids(search.stdout)), "\(filter)")
            picked += listed.count
        }
        // The filters do filter: not every run lists all four.
        #expect(picked > 0 && picked < filters.count * variants.count)
    }
}
