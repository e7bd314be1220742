import COEFormat
import Foundation

/// The pages of `coe site` other than the COEs' own: the index, its search file, the actions page, the
/// report page and the sitemap, each from the manifest's cards (`Site.Card`) through its template.
enum SitePages {
    static func page(_ title: String, intro: String? = nil, revision: String, commit: String, report: Bool) -> [String: Any] {
        var view: [String: Any] = ["title": title, "css": Templates.css, "revision": revision, "commit": String(commit.prefix(8)), "report": report]
        view["intro"] = intro
        return view
    }

    static func index(_ cards: [Site.Card], revision: String, commit: String, report: Bool) -> String {
        var view = page("COEs", intro: "Correction of Error documents (post-incident reviews), published and closed, newest first.",
                        revision: revision, commit: commit, report: report)
        func values(_ all: [String]) -> [String] { Array(Set(all)).sorted() }
        view["facets"] = [
            ["key": "severity", "label": "Severity", "values": values(cards.map(\.severity))],
            ["key": "status", "label": "Status", "values": values(cards.map(\.status))],
            ["key": "team", "label": "Team", "values": values(cards.map(\.team))],
            ["key": "service", "label": "Service", "values": values(cards.flatMap(\.services))],
            ["key": "tag", "label": "Tag", "values": values(cards.flatMap(\.tags))],
            ["key": "year", "label": "Year", "values": values(cards.map { String($0.created.prefix(4)) }).reversed()],
        ] as [[String: Any]]
        view["count"] = cards.count
        view["rows"] = cards.map { card -> [String: Any] in
            ["id": card.id, "title": card.title, "severity": card.severity, "status": card.status, "team": card.team,
             "services": card.services.joined(separator: ", "), "tags": card.tags.joined(separator: ", "),
             "serviceList": card.services.joined(separator: "|"), "tagList": card.tags.joined(separator: "|"),
             "created": card.created, "year": String(card.created.prefix(4)), "teamOnly": card.teamOnly, "href": Site.pagePath(card.id)]
        }
        return Templates.render(view, "site-index.html")
    }

    /// `window.COE_SEARCH = […]`: the search box's index, one entry per COE.
    /// Each card's text is already a JSON string (`Site.Card.searchText`): copied, not encoded again.
    static func searchIndex(_ cards: [Site.Card]) -> [UInt8] {
        var out = Array("window.COE_SEARCH = [\n".utf8)
        for (index, card) in cards.enumerated() {
            out += Array("{\"id\": ".utf8) + JSONText.fragment(JSON(card.id), indent: 0) + Array(", \"text\": ".utf8)
            out += Array(card.searchText.utf8) + Array((index == cards.count - 1 ? "}\n" : "},\n").utf8)
        }
        return out + Array("];\n".utf8)
    }

    static func actions(_ coes: [(card: Site.Card, actions: [Site.ActionCard])], today: CalendarDate, revision: String, commit: String,
                        report: Bool) -> String {
        var rows: [(overdue: Bool, due: String, row: [String: Any])] = []
        for (card, actions) in coes {
            for action in actions {
                let due = action.due.flatMap(CalendarDate.init)
                let days = due.map { today.days(until: $0) }
                let overdue = (days ?? 0) < 0
                let row: [String: Any] = [
                    "coe": card.id, "coeTitle": card.title, "href": Site.pagePath(card.id), "id": action.id,
                    "anchor": DocumentRenderer.anchor(action.id),
                    "title": action.title, "owner": action.owner, "priority": action.priority, "due": action.due ?? "",
                    "days": days.map(String.init) ?? "", "overdue": overdue, "status": action.status, "ticket": action.ticket,
                ]
                rows.append((overdue, action.due ?? "9999", row))
            }
        }
        rows.sort { ($0.overdue ? 0 : 1, $0.due) < ($1.overdue ? 0 : 1, $1.due) }
        var view = page("Open action items", intro: "The open and in-progress action items of the published COEs.",
                        revision: revision, commit: commit, report: report)
        view["rows"] = rows.map(\.row)
        view["overdue"] = rows.filter(\.overdue).count
        view["open"] = rows.count
        view["today"] = today.description
        return Templates.render(view, "site-actions.html")
    }

    /// `coe report`'s Markdown, as HTML.
    static func report(_ markdown: String, revision: String, commit: String) -> String {
        var view = page("COE process report", revision: revision, commit: commit, report: true)
        view["report"] = MarkdownHTML.html(markdown, headingsFrom: 2, ownHTML: true)
        return Templates.render(view, "site-report.html")
    }

    static func sitemap(_ cards: [Site.Card], baseURL: String, report: Bool) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        let pages = ["index.html", "actions.html"] + (report ? ["report.html"] : []) + cards.map { Site.pagePath($0.id) }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            + pages.map { "<url><loc>\(XMLText.escaped(base + $0))</loc></url>\n" }.joined() + "</urlset>\n"
    }
}
