import COEFormat
import COESearch
import COEWorkspace
import Foundation
import Testing
import TestSupport

/// Rule P9: a secure COE's content does not appear in search results, counts, related COEs or the index file.
@Suite struct ConfidentialityTests {
    static let secureID = "2026-10-25-ssssssssss"

    func repository() throws -> GitFixture {
        let fixture = try searchRepository([
            ("2026-10-20-aaaaaaaaaa", "team-only", "Marmots chewed the cable."),
            ("2026-10-21-bbbbbbbbbb", "public", "Marmots again."),
            (Self.secureID, "secure", "Zanzibarite leaked through the quarantine vault."),
        ])
        // The secure COE's own title, tag and service, which no other COE has.
        let file = "coes/\(Self.secureID)/coe.yaml"
        let metadata = try fixture.scratch.read(file)
            .replacingOccurrences(of: "title: Customers unable to complete checkout in the EU region", with: "title: Customers saw the obsidianite ledger")
            .replacingOccurrences(of: "tags: [configuration, connection-pool, checkout]", with: "tags: [configuration, cryptolith]")
            .replacingOccurrences(of: "services: [checkout-service, payment-gateway-client]", with: "services: [vaultkeeper]")
            .replacingOccurrences(of: "team: payments", with: "team: sentinel")
        try fixture.write(file, metadata)
        try fixture.commitAll("secure")
        return fixture
    }

    static let secrets = ["zanzibarite", "obsidianite", "cryptolith", "vaultkeeper", "sentinel", "quarantine"]

    @Test func aSecureCOEIsNeverFoundShownCountedOrWritten() throws {
        let fixture = try repository()
        var queries: [[String]] = []
        for word in Self.secrets {
            queries.append([word])
            queries.append([String(word.prefix(4)) + "*"])
            queries.append(["\"\(word)\""])
            queries.append([word, "OR", "marmots"])
            queries.append(["marmots", "OR", String(word.prefix(3)) + "*"])
        }
        queries.append(["customers"])
        queries.append(["customers", "--service", "vaultkeeper"])
        queries.append(["customers", "--tag", "cryptolith"])
        queries.append(["customers", "--team", "sentinel"])
        queries.append(["customers", "--since", "2026-10-25"])
        for query in queries {
            for format in ["text", "json"] {
                let result = try coe(["search"] + query + ["--format", format, "--limit", "100"], in: fixture.path)
                #expect(result.status == 0, "\(query): \(result.stderr)")
                let all = (result.stdout + result.stderr).lowercased()
                #expect(!all.contains("ssssssssss"), "\(query) \(format) shows the secure COE: \(result.stdout)")
                for secret in Self.secrets where !["sentinel"].contains(secret) || format == "text" {
                    #expect(!all.contains(secret) || query.joined().lowercased().contains(secret) && result.stdout == "No COE matches.\n",
                            "\(query) \(format): \(secret) in \(result.stdout)")
                }
                if format == "text", result.stdout != "No COE matches.\n" {
                    #expect(!result.stdout.contains("3 COEs"), "counted: \(result.stdout)")
                }
            }
        }
        let customers = try coe(["search", "customers", "--color", "never"], in: fixture.path)
        #expect(customers.stdout.hasSuffix("2 COEs match.\n"), "\(customers.stdout)")
        // Not in the index file's bytes, not even stemmed.
        let bytes = try indexBytes(fixture)
        for secret in Self.secrets + ["zanzibarit", "obsidianit"] { #expect(!bytes.contains(secret), "\(secret) is in the index file") }
        // Not among related COEs, though its root causes are the same as the others'.
        let related = try coe(["related", "2026-10-20-aaaaaaaaaa", "--format", "json"], in: fixture.path)
        #expect(related.status == 0 && related.stdout.contains("2026-10-21-bbbbbbbbbb") && !related.stdout.contains("ssssssssss"), "\(related.stdout)")
    }

    @Test func includeSecureSearchesThemInMemoryOnly() throws {
        let fixture = try repository()
        let result = try coe(["search", "zanzibarite", "--include-secure", "--color", "never"], in: fixture.path)
        #expect(result.status == 0 && result.stdout.hasPrefix("\(Self.secureID)  SEV-2  closed  sentinel  Customers saw the obsidianite ledger  [secure]\n"),
                "\(result.stdout)")
        let json = try coe(["search", "vaultkeep*", "--include-secure", "--format", "json"], in: fixture.path)
        #expect(json.stdout.contains("\"confidentiality\" : \"secure\""), "\(json.stdout)")
        let related = try coe(["related", "2026-10-20-aaaaaaaaaa", "--include-secure", "--format", "json"], in: fixture.path)
        #expect(related.stdout.contains(Self.secureID))
        let bytes = try indexBytes(fixture)
        for secret in Self.secrets { #expect(!bytes.contains(secret), "\(secret) is in the index file after --include-secure") }
    }

    @Test func aCOEThatBecomesSecureLeavesTheIndexWhole() throws {
        let fixture = try repository()
        let analysis = "coes/2026-10-21-bbbbbbbbbb/analysis.md"
        try fixture.write(analysis, try fixture.scratch.read(analysis).replacingOccurrences(of: "Marmots again.", with: "Quetzalcoatlite bloomed."))
        #expect(try coe(["search", "quetzalcoatlite"], in: fixture.path).stdout.contains("2026-10-21-bbbbbbbbbb"))
        #expect(try indexBytes(fixture).contains("quetzalcoatlit"), "indexed while public")
        let file = "coes/2026-10-21-bbbbbbbbbb/coe.yaml"
        try fixture.write(file, try fixture.scratch.read(file).replacingOccurrences(of: "confidentiality: public", with: "confidentiality: secure"))
        let after = try coe(["search", "marmots", "OR", "quetzal*", "--format", "json"], in: fixture.path)
        #expect(!after.stdout.contains("bbbbbbbbbb"), "\(after.stdout)")
        #expect(!(try indexBytes(fixture)).contains("quetzal"))
        // The team-only COE is still there, and the one that became secure is found again with --include-secure.
        #expect(after.stdout.contains("2026-10-20-aaaaaaaaaa"))
        #expect(try coe(["search", "quetzal*", "--include-secure"], in: fixture.path).stdout.contains("bbbbbbbbbb"))
    }
}
