import Foundation
import GitKit
import Mustache

/// The templates of `coe render` and `coe site`: Mustache files in `Sources/COEApp/Templates/`, compiled
/// into the binary (SwiftPM's `embedInCode`), so that `coe` finds them wherever it is installed or run from.
///
/// Mustache (swift-mustache), not Stencil: logic-less templates keep every decision in Swift where it is
/// tested, values are HTML-escaped unless a template asks otherwise (`{{{raw}}}`), and the library has no
/// dependencies and builds in Swift 6 mode (Stencil 0.15.1 pulls in PathKit and is Swift 5 only).
enum Templates {
    /// Every template, by name (the file name without `.mustache`), partials included.
    static let library: MustacheLibrary = {
        // The HTML templates escape through the one escaper of coe's XML and HTML (their pragma names it).
        MustacheContentTypes.register(EscapedHTML(), named: "COE_HTML")
        var library = MustacheLibrary()
        let files: [(String, [UInt8])] = [
            ("coe.md", PackageResources.coe_md_mustache), ("coe.html", PackageResources.coe_html_mustache),
            ("why.html", PackageResources.why_html_mustache), ("page.html", PackageResources.page_html_mustache),
            ("site-index.html", PackageResources.site_index_html_mustache), ("site-actions.html", PackageResources.site_actions_html_mustache),
            ("site-report.html", PackageResources.site_report_html_mustache),
        ]
        for (name, bytes) in files {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                // The templates are part of the build: a broken one fails the tests, never a user.
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// The style sheet every page carries inline.
    static let css = String(decoding: PackageResources.style_css, as: UTF8.self)

    /// The site's script (search and filters), written beside its pages.
    static let siteScript = String(decoding: PackageResources.site_js, as: UTF8.self)

    /// A hash of every template and the style sheet: a site made by other templates is rendered anew.
    static let fingerprint: String = {
        let all = [PackageResources.coe_md_mustache, PackageResources.coe_html_mustache, PackageResources.why_html_mustache,
                   PackageResources.page_html_mustache, PackageResources.site_index_html_mustache, PackageResources.site_actions_html_mustache,
                   PackageResources.site_report_html_mustache, PackageResources.style_css, PackageResources.site_js].joined()
        return (try? Repository.hashBlob(Array(all))).map(\.hex) ?? String(all.count)
    }()

    static func render(_ view: [String: Any], _ name: String) -> String {
        guard let text = library.render(view, withTemplate: name) else { preconditionFailure("no template \(name)") }
        return text
    }
}

/// `{{% CONTENT_TYPE: COE_HTML}}`: values escaped by `XMLText`.
struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { XMLText.escaped(text) }
}
