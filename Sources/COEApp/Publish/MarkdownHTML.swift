import CCmarkGFM
import Foundation

/// Markdown to HTML through cmark-gfm, the renderer GitHub uses (tables, strikethrough, autolinks, task
/// lists, the tag filter): the only importer of `CCmarkGFM`. Never by hand.
///
/// Safe for any input: raw HTML and links to `javascript:`, `vbscript:`, `file:` and `data:` are left
/// out (cmark-gfm's default, without `CMARK_OPT_UNSAFE`). A page must make no request of its own, so an
/// image is never fetched: one inside the COE's folder is put in the page as a `data:` URI by `image`
/// (which returns the URI, or nil when there is no such file), and any other becomes a link to it.
public enum MarkdownHTML {
    /// The GFM extensions, registered once for the process.
    private static let extensions: [String] = {
        cmark_gfm_core_extensions_ensure_registered()
        return ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    }()

    static let options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG

    /// `markdown` parsed with the GFM extensions, its headings moved down so that the highest is `headingsFrom`
    /// (h3 below a part's h2; never past h6, never up), handed to `body` with its parser and its images.
    private static func parsed<Result>(_ markdown: String, headingsFrom: Int,
                                       _ body: (_ parser: OpaquePointer, _ document: OpaquePointer, _ images: [OpaquePointer], _ moved: Bool) -> Result) -> Result? {
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) } }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        // Nodes are collected first and changed after: the iterator must not see the tree change under it.
        var images: [OpaquePointer] = [], headings: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_IMAGE { images.append(node) }
                if type == CMARK_NODE_HEADING { headings.append(node) }
            }
            cmark_iter_free(iterator)
        }
        let highest = headings.map { Int(cmark_node_get_heading_level($0)) }.min() ?? headingsFrom
        let offset = max(0, headingsFrom - highest)
        for heading in headings where offset > 0 {
            cmark_node_set_heading_level(heading, Int32(min(6, Int(cmark_node_get_heading_level(heading)) + offset)))
        }
        return body(parser, document, images, offset > 0)
    }

    /// Markdown as written, or, when its headings are above `headingsFrom`, as cmark-gfm writes it back with
    /// them moved down (so that a part's own headings stay below the document's).
    public static func markdown(_ markdown: String, headingsFrom: Int) -> String {
        parsed(markdown, headingsFrom: headingsFrom) { _, document, _, moved -> String in
            guard moved, let rendered = cmark_render_commonmark(document, options, 0) else { return markdown }
            defer { free(rendered) }
            return String(cString: rendered).trimmingCharacters(in: .newlines)
        } ?? markdown
    }

    /// The HTML of `markdown`, its headings moved down to start at `headingsFrom`; `image` gives the data URI
    /// of an image's path in the COE folder, or nil. `ownHTML` keeps raw HTML: only for Markdown coe wrote
    /// itself from escaped values (`coe report`'s, whose sparklines are inline SVG), never for an author's.
    public static func html(_ markdown: String, headingsFrom: Int = 1, ownHTML: Bool = false, image: (String) -> String? = { _ in nil }) -> String {
        parsed(markdown, headingsFrom: headingsFrom) { parser, document, images, _ in
            render(parser, document, images, unsafe: ownHTML, image: image)
        } ?? ""
    }

    private static func render(_ parser: OpaquePointer, _ document: OpaquePointer, _ images: [OpaquePointer], unsafe: Bool,
                               image: (String) -> String?) -> String {
        var inlined: [(token: String, html: String)] = []
        for node in images {
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let alt = plainText(of: node)
            if let data = image(url) {
                // cmark-gfm drops data: URIs other than a few raster types: a token stands in, replaced after rendering.
                let token = "\u{E000}coe-image-\(inlined.count)\u{E000}"
                inlined.append((token, "<img src=\"\(XMLText.escaped(data))\" alt=\"\(XMLText.escaped(alt))\">"))
                if let text = cmark_node_new(CMARK_NODE_TEXT) {
                    cmark_node_set_literal(text, token)
                    cmark_node_insert_before(node, text)
                }
            } else if let link = cmark_node_new(CMARK_NODE_LINK) {
                cmark_node_set_url(link, url)
                if let text = cmark_node_new(CMARK_NODE_TEXT) {
                    cmark_node_set_literal(text, "image: " + (alt.isEmpty ? url : alt))
                    cmark_node_append_child(link, text)
                }
                cmark_node_insert_before(node, link)
            }
            cmark_node_free(node)
        }
        guard let rendered = cmark_render_html(document, unsafe ? options | CMARK_OPT_UNSAFE : options,
                                               cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        var html = String(cString: rendered)
        for (token, tag) in inlined { html = html.replacingOccurrences(of: token, with: tag) }
        // A token an author typed is not ours: drop the private-use marks that made it.
        return html.contains("\u{E000}") ? html.replacingOccurrences(of: "\u{E000}", with: "") : html
    }

    /// The text inside a node (an image's alt text).
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator), child != node,
               let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            }
        }
        return text
    }

    /// A `data:` URI of an image's bytes, by its file's extension; nil for a file that is not an image.
    public static func dataURI(_ bytes: [UInt8], name: String) -> String? {
        let types = ["png": "image/png", "svg": "image/svg+xml", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                     "webp": "image/webp"]
        guard let dot = name.lastIndex(of: "."), let type = types[name[name.index(after: dot)...].lowercased()] else { return nil }
        return "data:\(type);base64," + Data(bytes).base64EncodedString()
    }
}
