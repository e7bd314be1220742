import COEFormat

/// S3: unknown files and keys are reported, never ignored.
///
/// The check runs while a COE is read (the reader knows every file and key of the
/// format), so its findings arrive with the format errors; this rule adds the typo
/// guard for the configuration's own rule settings.
public struct UnknownFilesAndKeys: Rule {
    public static let description = RuleDescription(
        id: "S3", name: "Unknown files and keys", level: .error, appliesToDrafts: true,
        checks: "Every file of a COE folder and every YAML key is one the format defines (docs/format.md); checked while the COE is read, with the nearest known name suggested.",
        rationale: "\"Unknown files or keys are reported (typo guard), never silently ignored.\"",
        fix: "Rename the key or file to the one meant, or move supporting material into attachments/.",
        triggering: [
            RuleExample("actions/A1.yaml", """
                title: Reject deployments whose session store address is not the production primary
                owner: identity team
                ↓prioritty: high
                due: 2026-03-20
                ticket: IDN-2041

                """),
            RuleExample("notes.md", """
                Raw notes from the incident call.

                """, fileFinding: "notes.md"),
        ],
        nonTriggering: [
            RuleExample("attachments/notes.md", """
                Raw notes from the incident call.

                """),
        ])

    public init() {}

    /// Nothing to add once a COE has been read: the reader has reported unknown files and keys.
    public func check(_ context: LintContext) -> [Diagnostic] { [] }
}
