import Foundation
import Testing
import TestSupport

/// `coe render`: the example COE as Markdown and HTML (golden files), at the commit it was approved in,
/// self-contained and safe whatever the COE holds.
@Suite struct RenderTests {
    /// The reviewed example, as the work tree has it (its approval void after a rewording) and as the commit
    /// of its approval has it (`--rev`: the approval counts there).
    @Test func theExampleCOE() throws {
        let repo = try GoldenRepository.reviewed()
        try repo.golden("render/markdown.txt", ["render", "k7qm", "--today", "2026-11-22"], expect: 0)
        try repo.golden("render/html.txt", ["render", "k7qm", "--format", "html", "--today", "2026-11-22"], expect: 0)
        try repo.golden("render/rev-markdown.txt", ["render", "k7qm", "--rev", "HEAD~2", "--today", "2026-11-22"], expect: 0)
        let approved = repo.coe(["render", "k7qm", "--rev", "HEAD~2"])
        #expect(approved.stdout.contains("Approvals that count (1 of 1 required):\n\n- Rae Reviewer, 2026-11-02 11:40 UTC"))
        #expect(approved.stdout.contains("Between 09:12 and 10:06 UTC"))
        let now = repo.coe(["render", "k7qm"])
        #expect(now.stdout.contains("From 09:12 and 10:06 UTC"))
        #expect(now.stdout.contains("No approval counts (0 of 1 required)."))
        // Resolved threads, with their answers.
        #expect(now.stdout.contains("- **comment** on impact, line 2, Rae Reviewer, 2026-11-01 12:00 UTC: Which region?"))
        // Written to a file, the graphs' images are linked from the file's folder.
        let written = repo.coe(["render", "k7qm", "-o", "out/k7qm.md"])
        #expect(written.status == 0 && written.stdout.isEmpty)
        let file = try repo.fixture.scratch.read("out/k7qm.md")
        #expect(file.contains("](../coes/\(exampleCOEID)/metrics/01-checkout-error-rate.svg)"))
    }

    /// The HTML is one file that asks for nothing: no script, no style sheet or font to fetch, every image
    /// a data URI; its headings go in order, its graphs have alt text from their captions, its tables headers.
    @Test func htmlIsSelfContained() throws {
        let repo = try GoldenRepository.reviewed()
        let html = repo.coe(["render", "k7qm", "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("url("))
        for match in html.matches(of: /(?:src|srcset|data|poster)="([^"]*)"/) {
            #expect(match.output.1.hasPrefix("data:"), "fetches \(match.output.1)")
        }
        #expect(html.contains("default-src 'none'"))
        let levels = html.matches(of: /<h([1-6])[ >]/).map { Int($0.output.1)! }
        #expect(levels.first == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1, "h\(previous) then h\(next)") }
        #expect(html.contains("<desc id=\"g-1-01-checkout-error-rate-desc\">Share of checkout attempts that failed"))
        #expect(html.contains("role=\"img\" aria-labelledby=\"g-1-01-checkout-error-rate-title g-1-01-checkout-error-rate-desc\""))
        #expect(html.contains("<th scope=\"col\">Time (UTC)</th>"))
        #expect(html.contains("<tr class=\"milestone\"><td><time datetime=\"2026-10-13T09:12:00Z\">09:12</time></td><td>T+0</td><td><strong>START OF IMPACT</strong>"))
        #expect(html.contains("<tr class=\"gap\"><td colspan=\"4\">⋯ 24 min without an entry: not explained</td></tr>"))
        #expect(html.contains("<strong class=\"tag root\">root cause</strong> <span class=\"fixes\">→ <a href=\"#action-a1\""))
        #expect(html.contains("<tr id=\"action-a1\"><th scope=\"row\">A1</th>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("prefers-color-scheme:dark"))
    }

    /// Whatever a COE's Markdown holds, the page runs nothing and fetches nothing: raw HTML is left out,
    /// a remote image becomes a link, an image in the COE folder is inlined, a `javascript:` link is dropped,
    /// and the part's headings move below the document's.
    @Test func hostileMarkdown() throws {
        let repo = try GoldenRepository.reviewed()
        try repo.fixture.write("\(repo.folder)/summary.md", """
            # A heading written as the top

            <script>alert(1)</script> <img src="https://tracker.example/pixel.gif">
            ![a remote graph](https://images.example/graph.png) and ![a local one](attachments/dot.png)
            [click](javascript:alert(1)) and \u{E000}coe-image-0\u{E000} and <iframe src="https://evil.example"></iframe>

            | a | b |
            | --- | --- |
            | 1 | 2 |
            """)
        try repo.fixture.scratch.writeBytes("\(repo.folder)/attachments/dot.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let result = repo.coe(["render", "k7qm", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("src=\"https://"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"https://images.example/graph.png\">image: a remote graph</a>"))
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a local one\">"))
        #expect(html.contains("<h3>A heading written as the top</h3>"))
        #expect(html.contains("<table>"))
        #expect(!html.contains("\u{E000}"))
        let markdown = repo.coe(["render", "k7qm"]).stdout
        #expect(markdown.contains("### A heading written as the top"))
    }

    /// The COE's id names no COE: a usage error; one that cannot be read: a finding; a revision that is none: exit 2.
    @Test func errors() throws {
        let repo = try GoldenRepository.reviewed()
        #expect(repo.coe(["render", "nosuch"]).status == 2)
        #expect(repo.coe(["render", "k7qm", "--rev", "no-such-branch"]).status == 2)
        #expect(repo.coe(["render", "k7qm", "--format", "pdf"]).status == 2)
        try repo.fixture.write("\(repo.folder)/timeline.yaml", "- at: not a time\n  event: x\n")
        let broken = repo.coe(["render", "k7qm"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("coes/\(exampleCOEID)/timeline.yaml:1:7"))
    }
}
