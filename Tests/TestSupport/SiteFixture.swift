import Foundation

/// A repository of four COEs for `coe site`, committed: the example (closed, team-only, team payments), a
/// public published one of another team, year, service and tag with an overdue action item, a secure
/// published one, and a draft. Only the first two belong on a site.
public final class SiteFixture {
    public let fixture: GitFixture
    public var path: String { fixture.path }

    public static let example = exampleCOEID
    public static let searchCOE = "2025-03-02-q8x2m4k7pw"
    public static let secureCOE = "2026-02-01-s7cr3tkv9d"
    public static let draftCOE = "2026-11-20-d7aft4kv9d"
    /// Words only the secure COE holds: none may appear anywhere on the site.
    public static let secureTitle = "Vault credentials readable by every build agent"
    public static let secureWord = "zanzibarquux"
    /// A word only the search COE's summary holds.
    public static let searchWord = "kerfuffle"

    public init() throws {
        fixture = try GitFixture()
        try fixture.git(["config", "commit.gpgsign", "false"])
        try fixture.write(".coe.yaml", "root: coes\n")
        try copyExampleCOE(to: path + "/coes/" + Self.example)
        try copy(Self.searchCOE, [
            ("title: Customers unable to complete checkout in the EU region", "title: Search results missing for customers in one region"),
            ("status: closed", "status: published"), ("team: payments", "team: search"), ("confidentiality: team-only", "confidentiality: public"),
            ("created: 2026-10-14", "created: 2025-03-02"), ("services: [checkout-service, payment-gateway-client]", "services: [search-api]"),
            ("tags: [configuration, connection-pool, checkout]", "tags: [latency, index]"),
        ], summary: "A search index rebuild caused a kerfuffle: results were missing for customers in one region.\n")
        try fixture.write("coes/\(Self.searchCOE)/actions/A6.yaml", """
            title: Roll back one region's search index in under 3 minutes
            owner: search team
            priority: high
            due: 2026-11-01
            ticket: SEARCH-77
            status: open

            """)
        try copy(Self.secureCOE, [
            ("title: Customers unable to complete checkout in the EU region", "title: \(Self.secureTitle)"),
            ("status: closed", "status: published"), ("confidentiality: team-only", "confidentiality: secure"),
        ], summary: "The \(Self.secureWord) key was readable by every build agent.\n")
        try copy(Self.draftCOE, [("status: closed", "status: draft"), ("title: Customers unable", "title: Drafted customers unable")],
                 summary: nil)
        try fixture.commitAll("Four COEs", date: "2026-11-01T10:00:00Z")
    }

    /// A copy of the example under `id`, with its coe.yaml's lines replaced and, when given, a new summary.
    func copy(_ id: String, _ replacements: [(String, String)], summary: String?) throws {
        let folder = path + "/coes/" + id
        try copyExampleCOE(to: folder)
        var metadata = try String(contentsOfFile: folder + "/coe.yaml", encoding: .utf8)
        metadata = metadata.replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)")
        for (old, new) in replacements {
            precondition(metadata.contains(old), "coe.yaml holds \(old)")
            metadata = metadata.replacingOccurrences(of: old, with: new)
        }
        try metadata.write(toFile: folder + "/coe.yaml", atomically: true, encoding: .utf8)
        if let summary { try summary.write(toFile: folder + "/summary.md", atomically: true, encoding: .utf8) }
    }

    /// Every file under `folder`, with its text.
    public static func files(in folder: String) throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [(String, String)] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files.append((name, String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
