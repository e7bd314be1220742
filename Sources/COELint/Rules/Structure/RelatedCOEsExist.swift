import COEFormat

/// S4: related COEs are linked by ids that exist.
public struct RelatedCOEsExist: Rule {
    public static let description = RuleDescription(
        id: "S4", name: "Related COEs exist", level: .error,
        checks: "Every id in `related` names a COE in the repository (and not this one).",
        rationale: "\"Related COEs (same trigger, separate root causes) link to each other by id; a link to an id that does not exist is an error.\"",
        fix: "Correct the id (run `coe list`), or remove the link.",
        bad: RuleExample(file: "coe.yaml", replacing: "related: []", with: "related: [2026-01-01-doesnotexs]", line: 16, column: 10),
        good: RuleExample(file: "coe.yaml", replacing: "related: []", with: "related: []"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.metadata.related.compactMap { id in
            if id == context.metadata.id { return finding(context.metadataFile, context.metadata.texts["related"]?.position, "a COE cannot be related to itself") }
            guard !context.knownIDs.contains(id) else { return nil }
            return finding(context.metadataFile, context.metadata.texts["related"]?.position, "related COE '\(id)' does not exist in this repository")
        }
    }
}
