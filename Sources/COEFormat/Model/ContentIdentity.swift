/// What an approval approves, as hashes of a COE's content (computed by `ContentHash` in COEWorkspace):
/// the hash now, and the version-1 hash of the same content, which approvals made before the tracking
/// state of action items was set apart hold.
public struct ContentIdentity: Sendable, Equatable {
    public let current: String
    public let legacy: String

    public init(current: String, legacy: String = "") {
        self.current = current
        self.legacy = legacy
    }

    /// No content known: nothing matches it.
    public static let unknown = ContentIdentity(current: "")

    /// True when an approval (or an import) of `hash` approved this content.
    public func matches(_ hash: String?) -> Bool {
        guard let hash, !hash.isEmpty, !current.isEmpty else { return false }
        return hash == current || hash == legacy
    }
}
