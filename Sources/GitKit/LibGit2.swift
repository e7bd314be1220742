import CLibGit2

/// Process-wide libgit2 set-up, done once before any repository is opened.
///
/// libgit2's defaults are chosen for safety in long-running servers, not for a
/// command-line tool that reads history:
/// - strict hash verification re-hashes every object read (3.4x slower walks,
///   measured on libgit2 1.5.1); git itself does not do this on reads either, and
///   objects written by `coe` are hashed on write as always;
/// - the object cache is capped at 32 MB (libgit2's default is 256 MB): history walks read
///   trees raw, so the cache mostly held commits that are read once;
/// - owner validation stays on (as in git): a repository owned by another user
///   needs `safe.directory` (server-side hooks running as another user are handled
///   deliberately by the hooks work, through `clibgit2_set_owner_validation`).
public enum GitSettings {
    private static let initialised: Void = {
        _ = git_libgit2_init()
        _ = clibgit2_set_strict_hash_verification(0)
        // Walks read trees raw (not through the cache); 32 MB keeps memory bounded on long histories.
        _ = clibgit2_set_cache_max_size(32 << 20)
        // Objects are checked as they are read (blobs, trees parsed with positions); not re-read on every write.
        _ = clibgit2_set_strict_object_creation(0)
        _ = clibgit2_set_pack_windows(8 << 20, 64 << 20)
    }()

    /// Initialises libgit2 (idempotent, thread-safe through `static let`).
    public static func ensureInitialised() { _ = initialised }

    /// The linked libgit2 version, e.g. "1.5.1".
    public static var libraryVersion: String {
        ensureInitialised()
        var major: Int32 = 0, minor: Int32 = 0, rev: Int32 = 0
        git_libgit2_version(&major, &minor, &rev)
        return "\(major).\(minor).\(rev)"
    }
}
