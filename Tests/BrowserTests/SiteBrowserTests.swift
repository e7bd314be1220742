import Foundation
import Testing
import TestSupport

/// `coe site` and `coe render` in a real headless Chromium: the pages open from disk with no console
/// error and no request outside the site, the search box and the filters narrow the list, graph labels
/// do not overlap as the browser lays them out, the COE page fits A4 and Letter when printed and turns
/// dark in dark mode. Screenshots go to .build/screenshots/ (docs/render.md shows them).
@Suite(.serialized) struct SiteBrowserTests {
    static let screenshots = packageRoot + "/.build/screenshots"

    /// The site of the four-COE fixture, made by the built `coe`.
    static func site() throws -> (repo: SiteFixture, folder: String) {
        let repo = try SiteFixture()
        let result = try coe(["site", "public", "--today", "2026-11-22"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        return (repo, repo.path + "/public")
    }

    /// Rows of the index the reader sees.
    static func visibleRows(_ browser: Browser) throws -> [String] {
        try browser.evaluate("Array.from(document.querySelectorAll('#coes tbody tr')).filter(r => !r.hidden).map(r => r.dataset.id)") as? [String] ?? []
    }

    @Test func searchAndFilterTheIndex() throws {
        let (repo, folder) = try Self.site()
        defer { withExtendedLifetime(repo) {} }
        let browser = try Browser()
        try browser.open("file://\(folder)/index.html")
        #expect(try Self.visibleRows(browser) == [SiteFixture.example, SiteFixture.searchCOE])
        #expect(try browser.evaluate("document.getElementById('count').textContent") as? String == "2 COEs")
        try browser.screenshot(to: Self.screenshots + "/site-index.png")

        // Typed into the search box, key by key: only the COE whose summary holds the word is left.
        try browser.evaluate("document.getElementById('q').focus()")
        try browser.type(SiteFixture.searchWord)
        #expect(try browser.evaluate("document.getElementById('q').value") as? String == SiteFixture.searchWord)
        #expect(try Self.visibleRows(browser) == [SiteFixture.searchCOE])
        #expect(try browser.evaluate("document.getElementById('count').textContent") as? String == "1 of 2 COEs")
        try browser.screenshot(to: Self.screenshots + "/site-search.png")
        // A word of no COE (the secure COE's, which is not on the site): nothing, and it says so.
        try browser.evaluate("document.getElementById('q').select()")
        try browser.type(SiteFixture.secureWord)
        #expect(try Self.visibleRows(browser).isEmpty)
        #expect(try browser.evaluate("document.getElementById('none').hidden") as? Bool == false)

        // Cleared, then filtered by team and by year: the list shrinks to one.
        try browser.evaluate("document.getElementById('clear').click()")
        try browser.evaluate("new Promise(r => setTimeout(r, 50))")
        #expect(try Self.visibleRows(browser).count == 2)
        try browser.evaluate("const s = document.getElementById('f-team'); s.value = 'payments'; s.dispatchEvent(new Event('change'))")
        #expect(try Self.visibleRows(browser) == [SiteFixture.example])
        try browser.evaluate("const t = document.getElementById('f-team'); t.value = ''; t.dispatchEvent(new Event('change'));"
            + "const y = document.getElementById('f-year'); y.value = '2025'; y.dispatchEvent(new Event('change'))")
        #expect(try Self.visibleRows(browser) == [SiteFixture.searchCOE])
        try browser.evaluate("const v = document.getElementById('f-service'); v.value = 'checkout-service'; v.dispatchEvent(new Event('change'))")
        #expect(try Self.visibleRows(browser).isEmpty)

        #expect(try browser.requestedURLs().allSatisfy { $0.hasPrefix("file://\(folder)/") })
        #expect(browser.errors.isEmpty, "\(browser.errors)")
    }

    @Test func coeAndActionsPages() throws {
        let (repo, folder) = try Self.site()
        defer { withExtendedLifetime(repo) {} }
        let browser = try Browser()
        try browser.open("file://\(folder)/coes/\(SiteFixture.example).html")
        #expect(try browser.evaluate("document.querySelector('h1').textContent") as? String == "Customers unable to complete checkout in the EU region")
        #expect(try browser.evaluate("document.querySelectorAll('svg.coe-graph').length") as? Int == 2)
        // As the browser lays the text out: no two labels of a graph overlap.
        let overlaps = try browser.evaluate("""
            Array.from(document.querySelectorAll('svg.coe-graph')).flatMap(svg => {
              const boxes = Array.from(svg.querySelectorAll('text.label')).map(t => [t.textContent, t.getBBox()]);
              const found = [];
              for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i][1], b = boxes[j][1];
                if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(boxes[i][0] + ' / ' + boxes[j][0]);
              }
              return found;
            })
            """) as? [String]
        #expect(overlaps == [], "\(overlaps ?? [])")
        #expect(try browser.requestedURLs().isEmpty)
        try browser.screenshot(to: Self.screenshots + "/site-coe.png")
        try browser.evaluate("document.getElementById('metrics').scrollIntoView()")
        try browser.screenshot(to: Self.screenshots + "/site-coe-graphs.png")
        try browser.evaluate("document.getElementById('timeline').scrollIntoView()")
        try browser.screenshot(to: Self.screenshots + "/site-coe-timeline.png")
        try browser.evaluate("document.getElementById('whys').scrollIntoView()")
        try browser.screenshot(to: Self.screenshots + "/site-coe-whys.png")
        try browser.evaluate("window.scrollTo(0, 0)")

        // Dark mode: the page and the graphs turn dark.
        try browser.call("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "dark"]]])
        #expect(try browser.evaluate("getComputedStyle(document.body).backgroundColor") as? String == "rgb(13, 17, 23)")
        #expect(try browser.evaluate("getComputedStyle(document.querySelector('svg.coe-graph .bg')).fill") as? String == "rgb(13, 17, 23)")
        try browser.screenshot(to: Self.screenshots + "/site-coe-dark.png")
        try browser.call("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "light"]]])

        // Printed on A4 and on Letter: nothing wider than the page, and a PDF comes out.
        try browser.call("Emulation.setEmulatedMedia", ["media": "print"])
        for (paper, width, height) in [("A4", 8.27, 11.69), ("Letter", 8.5, 11.0)] {
            // The printable width at 96 px to the inch, less the page's margins (12 mm each side).
            let pixels = Int((width * 25.4 - 24) / 25.4 * 96)
            try browser.call("Emulation.setDeviceMetricsOverride", ["width": pixels, "height": 1000, "deviceScaleFactor": 1, "mobile": false])
            let overflow = try browser.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int
            #expect(overflow == 0, "\(paper): \(overflow ?? -1) px too wide")
            let pdf = try browser.call("Page.printToPDF", ["paperWidth": width, "paperHeight": height, "printBackground": false])
            let data = Data(base64Encoded: pdf["data"] as? String ?? "") ?? Data()
            #expect(data.starts(with: Array("%PDF".utf8)), "\(paper)")
            try FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: Self.screenshots + "/coe-\(paper).pdf"))
        }
        try browser.call("Emulation.setEmulatedMedia", ["media": ""])
        try browser.call("Emulation.setDeviceMetricsOverride", ["width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": false])

        try browser.open("file://\(folder)/actions.html")
        #expect(try browser.evaluate("document.querySelectorAll('tbody tr.overdue-row').length") as? Int == 1)
        try browser.screenshot(to: Self.screenshots + "/site-actions.png")
        try browser.open("file://\(folder)/report.html")
        #expect(try browser.evaluate("document.querySelector('h1').textContent") as? String == "COE process report")
        try browser.screenshot(to: Self.screenshots + "/site-report.png")
        #expect(browser.errors.isEmpty, "\(browser.errors)")
    }

    /// `coe render --format html` on its own, opened from disk: the same page with nothing fetched.
    @Test func renderedFileOpensAlone() throws {
        let repo = try SiteFixture()
        let result = try coe(["render", "k7qm", "--format", "html", "-o", "k7qm.html"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        let browser = try Browser()
        try browser.open("file://\(repo.path)/k7qm.html")
        #expect(try browser.evaluate("document.querySelectorAll('h2').length") as? Int == 11)
        #expect(try browser.requestedURLs().isEmpty)
        #expect(browser.errors.isEmpty, "\(browser.errors)")
    }
}
