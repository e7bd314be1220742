/// The parts of a COE in canonical order (rule S1), with the file each lives in.
public enum Part: String, CaseIterable, Sendable {
    case summary, metrics, impact, response, analysis, timeline, whys, actions, lessons

    /// The heading a reader sees.
    public var title: String {
        switch self {
        case .summary: return "Summary"
        case .metrics: return "Metrics and graphs"
        case .impact: return "Customer impact"
        case .response: return "Incident response analysis"
        case .analysis: return "Post-incident analysis"
        case .timeline: return "Timeline"
        case .whys: return "Five whys"
        case .actions: return "Action items"
        case .lessons: return "Lessons learned"
        }
    }

    /// The file (or folder, ending in `/`) that holds the part, relative to the COE's folder.
    public var path: String {
        switch self {
        case .summary: return "summary.md"
        case .metrics: return "metrics/"
        case .impact: return "impact.md"
        case .response: return "response.md"
        case .analysis: return "analysis.md"
        case .timeline: return "timeline.yaml"
        case .whys: return "whys.yaml"
        case .actions: return "actions/"
        case .lessons: return "lessons.yaml"
        }
    }
}

/// The names of the files of a COE folder.
public enum COELayout {
    /// The last name of a repository path, as `split(separator: "/").last` gives it ("" for none), sliced after the
    /// last "/" byte: splitting a path by characters, once per COE of a listing or a pre-commit's 1,000 names, was a
    /// twelfth of a warm `coe list`'s instructions.
    public static func lastName(of path: String) -> Substring {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        let start = utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return path[start..<end]
    }

    /// The metadata file, which also holds the title.
    public static let metadataFile = "coe.yaml"
    /// The folder of action items, one file per item (`ActionFile`).
    public static let actionsFolder = "actions"
    /// Files that only keep an empty folder in git.
    public static let placeholderNames: Set<String> = [".gitkeep"]
    /// Image snapshots a graph may point to.
    public static let imageExtensions: Set<String> = ["png", "svg", "jpg", "jpeg", "gif", "webp"]
}
