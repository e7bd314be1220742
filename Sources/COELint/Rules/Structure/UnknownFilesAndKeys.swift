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
            RuleExample("metrics/notes.md", """
                The dashboard was slow to load during the event.

                """, fileFinding: "metrics/notes.md"),
            RuleExample("actions/README.md", """
                One file per action item.

                """, fileFinding: "actions/README.md"),
            RuleExample("review/comment.yaml", """
                kind: comment
                author: Rae Reviewer <rae@example.com>
                at: 2026-03-03T10:00:00Z
                text: Which region?

                """, fileFinding: "review/comment.yaml"),
        ],
        nonTriggering: [
            RuleExample("attachments/notes.md", """
                Raw notes from the incident call.

                """),
            RuleExample("review/20260303T100000Z-3f9a1c2e7b.yaml", """
                kind: comment
                author: Rae Reviewer <rae@example.com>
                at: 2026-03-03T10:00:00Z
                text: Which region?

                """),
        ])

    public init() {}

    /// Nothing to add once a COE has been read: the reader has reported unknown files and keys.
    public func check(_ context: LintContext) -> [Diagnostic] { [] }
}
