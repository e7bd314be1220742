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
        bad: RuleExample(file: "actions/A1.yaml", replacing: "priority: high", with: "prioritty: high", line: 7, column: 1),
        good: RuleExample(file: "actions/A1.yaml", replacing: "priority: high", with: "priority: high"))

    public init() {}

    /// Nothing to add once a COE has been read: the reader has reported unknown files and keys.
    public func check(_ context: LintContext) -> [Diagnostic] { [] }
}
