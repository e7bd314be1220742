import Foundation
import Testing
import TestSupport

/// `coe site` without a browser: what is published, what is never, and what a second run writes again.
@Suite struct SiteTests {
    @Test func publishedCOEsOnlyAndNoSecureTrace() throws {
        let repo = try SiteFixture()
        let result = coeInProcess(["site", "public", "--today", "2026-11-22", "--base-url", "https://coes.example.com/"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "public: 2 COEs published; 2 pages written, 0 unchanged, 0 removed\n")
        let files = try SiteFixture.files(in: repo.path + "/public")
        #expect(files.map(\.path) == ["actions.html", "coes/\(SiteFixture.searchCOE).html", "coes/\(SiteFixture.example).html",
                                      "index.html", "report.html", "search-index.js", "site.js", "sitemap.xml"])
        // The secure COE is nowhere: not its id, its title or its words; the draft's title neither (the report
        // names the draft by its id, as languishing).
        for (path, text) in files {
            for secret in [SiteFixture.secureCOE, SiteFixture.secureTitle, SiteFixture.secureWord, "s7cr3tkv9d", "Drafted customers"] {
                #expect(!text.contains(secret), "\(path) holds \(secret)")
            }
        }
        let index = try String(contentsOfFile: repo.path + "/public/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"coes/\(SiteFixture.example).html\">Customers unable to complete checkout in the EU region</a> <span class=\"badge team-only\">team-only</span>"))
        #expect(index.contains("<option value=\"2025\">2025</option>"))
        #expect(index.contains("<option value=\"search-api\">search-api</option>"))
        let search = try String(contentsOfFile: repo.path + "/public/search-index.js", encoding: .utf8)
        #expect(search.hasPrefix("window.COE_SEARCH = ["))
        #expect(search.contains(SiteFixture.searchWord))
        let actions = try String(contentsOfFile: repo.path + "/public/actions.html", encoding: .utf8)
        #expect(actions.contains("<strong class=\"overdue\">-21</strong>"))
        #expect(actions.contains("1 overdue, 1 open in all, as of 2026-11-22"))
        let sitemap = try String(contentsOfFile: repo.path + "/public/sitemap.xml", encoding: .utf8)
        #expect(sitemap.contains("<loc>https://coes.example.com/coes/\(SiteFixture.searchCOE).html</loc>"))
        let report = try String(contentsOfFile: repo.path + "/public/report.html", encoding: .utf8)
        #expect(report.contains("<h2>COEs</h2>"))
        #expect(report.contains(SiteFixture.draftCOE))
    }

    /// A second run writes no page; a changed COE's page alone is written again; a COE made secure loses its page.
    @Test func incremental() throws {
        let repo = try SiteFixture()
        #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).status == 0)
        let page = repo.path + "/out/coes/\(SiteFixture.example).html"
        let other = repo.path + "/out/coes/\(SiteFixture.searchCOE).html"
        let before = try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date
        let again = coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path)
        #expect(again.stdout == "out: 2 COEs published; 0 pages written, 2 unchanged, 0 removed\n")
        // One COE changed and committed.
        let summary = repo.path + "/coes/\(SiteFixture.example)/summary.md"
        try (try String(contentsOfFile: summary, encoding: .utf8)).replacingOccurrences(of: "Between 09:12", with: "From 09:12")
            .write(toFile: summary, atomically: true, encoding: .utf8)
        try repo.fixture.commitAll("Reword", date: "2026-11-02T10:00:00Z")
        let changed = coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path)
        #expect(changed.stdout == "out: 2 COEs published; 1 page written, 1 unchanged, 0 removed\n")
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("From 09:12"))
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date == before)
        // The work tree is not published: only what is committed.
        try "uncommitted\n".write(toFile: summary, atomically: true, encoding: .utf8)
        #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).stdout.contains("0 pages written"))
        try repo.fixture.git(["checkout", "--", "."])
        // Made secure: gone from every page.
        let metadata = repo.path + "/coes/\(SiteFixture.searchCOE)/coe.yaml"
        try (try String(contentsOfFile: metadata, encoding: .utf8)).replacingOccurrences(of: "confidentiality: public", with: "confidentiality: secure")
            .write(toFile: metadata, atomically: true, encoding: .utf8)
        try repo.fixture.commitAll("Secure", date: "2026-11-03T10:00:00Z")
        let secured = coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path)
        #expect(secured.stdout == "out: 1 COE published; 0 pages written, 1 unchanged, 1 removed\n")
        for (path, text) in try SiteFixture.files(in: repo.path + "/out") {
            #expect(!text.contains(SiteFixture.searchCOE) && !text.contains("Search results missing"), "\(path)")
        }
        // A damaged manifest (cut short, a byte changed, another file): every page again, and the site as before.
        let manifests = try FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/coe").filter { $0.hasPrefix("site-") }
        #expect(manifests.count == 1)
        let manifest = repo.path + "/.git/coe/" + manifests[0]
        let whole = try Data(contentsOf: URL(fileURLWithPath: manifest))
        let search = try String(contentsOfFile: repo.path + "/out/search-index.js", encoding: .utf8)
        var flipped = whole
        flipped[whole.count / 2] ^= 0x20
        for damaged in [whole.prefix(whole.count / 2), flipped, Data("{".utf8)] {
            try damaged.write(to: URL(fileURLWithPath: manifest))
            #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).stdout.contains("1 page written"))
            #expect(try String(contentsOfFile: repo.path + "/out/search-index.js", encoding: .utf8) == search)
        }
    }

    /// The report made from what the manifest keeps of unchanged COEs is the report made from their files.
    @Test func reportFromTheManifestEqualsTheReportFromTheFiles() throws {
        let repo = try SiteFixture()
        #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).status == 0)
        let fromFiles = try String(contentsOfFile: repo.path + "/out/report.html", encoding: .utf8)
        try FileManager.default.removeItem(atPath: repo.path + "/out/report.html")
        #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).stdout.contains("0 pages written"))
        #expect(try String(contentsOfFile: repo.path + "/out/report.html", encoding: .utf8) == fromFiles)
        // And after one COE changed, as a site made anew would have it.
        let action = repo.path + "/coes/\(SiteFixture.searchCOE)/actions/A6.yaml"
        try (try String(contentsOfFile: action, encoding: .utf8)).replacingOccurrences(of: "status: open", with: "status: done\ndone_on: 2026-11-05\ndone_by: search team")
            .write(toFile: action, atomically: true, encoding: .utf8)
        try repo.fixture.commitAll("A6 done", date: "2026-11-05T10:00:00Z")
        #expect(coeInProcess(["site", "out", "--today", "2026-11-22"], in: repo.path).stdout.contains("1 page written"))
        #expect(coeInProcess(["site", "anew", "--today", "2026-11-22"], in: repo.path).status == 0)
        let incremental = try String(contentsOfFile: repo.path + "/out/report.html", encoding: .utf8)
        #expect(incremental == (try String(contentsOfFile: repo.path + "/anew/report.html", encoding: .utf8)))
        #expect(fromFiles.contains("in all: 1 open") && incremental.contains("in all: 0 open"))
    }

    /// A folder coe did not make is not written into; an unreadable COE is a finding and the rest is published.
    @Test func refusals() throws {
        let repo = try SiteFixture()
        try repo.fixture.write("mine/notes.txt", "mine\n")
        let refused = coeInProcess(["site", "mine"], in: repo.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("mine is not empty and holds no site coe made (its index.html)"))
        try copyExampleCOE(to: repo.path + "/coes/2026-11-21-brokenk9dz")
        try repo.fixture.write("coes/2026-11-21-brokenk9dz/coe.yaml", "id: [unclosed\n")
        try repo.fixture.commitAll("Broken", date: "2026-11-04T10:00:00Z")
        let result = coeInProcess(["site", "out"], in: repo.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 COEs published"))
        #expect(result.stderr.contains("coes/2026-11-21-brokenk9dz/coe.yaml:2:1: error YAML") && !result.stdout.contains("brokenk9dz"), "\(result.stderr)")
        #expect(coeInProcess(["site", "out", "--base-url", "coes.example.com"], in: repo.path).status == 2)
    }
}
