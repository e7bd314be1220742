/// The version of coe, in one place: `coe --version` prints it, SARIF reports name it as the tool's
/// version, and a test holds the pre-commit framework example in docs/hooks.md to it.
public enum COEVersion {
    /// The version, as a semantic version without a leading `v` (tags are `v` and this).
    public static let current = "0.1.0"
}
