import COEFormat

/// S2: the metadata every COE carries.
public struct MetadataComplete: Rule {
    public static let description = RuleDescription(
        id: "S2", name: "Metadata complete", level: .error,
        checks: "coe.yaml gives an owner, the event's start, detection, mitigation and end times, and at least one reviewer.",
        rationale: "\"Metadata every COE carries: a stable id, title, severity (SEV-1…SEV-5), status, owning team, owner (a role or team alias, not a person's name), event start and end, detection time, mitigation time, created date, reviewers, confidentiality level (public / team-only / secure), related COEs.\"",
        fix: "Fill the missing keys of coe.yaml (docs/format.md#coeyaml).",
        bad: RuleExample(file: "coe.yaml", replacing: "  mitigated: 2026-10-13T09:58:00Z\n", with: "", line: 8, column: 1),
        good: RuleExample(file: "coe.yaml", replacing: "  mitigated: 2026-10-13T09:58:00Z\n", with: "  mitigated: 2026-10-13T09:58:00Z\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let metadata = context.metadata
        let file = context.metadataFile
        var findings: [Diagnostic] = []
        if metadata.owner?.isEmpty ?? true { findings.append(finding(file, nil, "no owner: name the role or team alias that owns this COE")) }
        let eventPosition = metadata.positions["event"]
        let times: [(String, Timestamp?)] = [("start", metadata.event.start), ("detected", metadata.event.detected),
                                             ("mitigated", metadata.event.mitigated), ("end", metadata.event.end)]
        for (key, value) in times where value == nil {
            findings.append(finding(file, eventPosition, "no event.\(key) time"))
        }
        if metadata.reviewers.isEmpty { findings.append(finding(file, metadata.positions["reviewers"], "no reviewers")) }
        return findings
    }
}
