import COEFormat
import COEWorkspace

/// The COEs a rendered COE points to: those it names (`related:`, rule S4), with their titles, and those
/// `coe related` finds alike. A secure COE is never named by its title outside itself (rule P9).
public enum RelatedCOEs {
    /// The COEs `document` names, each with its title when it can be read from `source` and is not secure
    /// (a secure COE's title says what it is about); `link` gives a page for an id, where there is one.
    public static func named(by document: COEDocument, in workspace: Workspace, source: FileSource,
                             link: (String) -> String? = { _ in nil }) -> [RelatedCOE] {
        document.metadata.related.map { id in
            let title: String? = {
                guard let directory = try? workspace.resolve(id, in: source),
                      let other = try? COEReader.readMetadata(directory: directory, from: source, limits: workspace.configuration.readLimits),
                      other.confidentiality != .secure || document.metadata.confidentiality == .secure else { return nil }
                return other.title
            }()
            return RelatedCOE(id: id, title: title, link: link(id))
        }
    }

    /// The COEs most like `document` among `others` (`coe related`'s measure and threshold), at most `limit`,
    /// leaving out those it already names.
    public static func alike(_ document: COEDocument, among others: [SimilarityProfile], limit: Int = 5,
                             link: (String) -> String? = { _ in nil }) -> [RelatedCOE] {
        let profile = SimilarityProfile(document)
        let named = Set(document.metadata.related)
        let candidates = others.filter { $0.id != profile.id && !named.contains($0.id) }
        let byID = Dictionary(candidates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Relatedness.matches(for: profile, among: candidates, limit: limit).compactMap { match in
            byID[match.id].map { RelatedCOE(id: $0.id, title: $0.title, link: link($0.id), reason: SearchRenderer.reason(match)) }
        }
    }
}
