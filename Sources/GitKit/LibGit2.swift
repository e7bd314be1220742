import CLibGit2

/// Process-wide libgit2 set-up, done once before any repository is opened.
///
/// libgit2's defaults are chosen for safety in long-running servers, not for a
/// command-line tool that reads history:
/// - strict hash verification re-hashes every object read (3.4x slower walks,
///   measured on libgit2 1.5.1); git itself does not do this on reads either, and
///   objects written by `coe` are hashed on write as always;
/// - owner validation stays on (as in git): a repository owned by another user
///   needs `safe.directory` (server-side hooks running as another user are handled
///   deliberately by the hooks work, through `clibgit2_set_owner_validation`).
public enum GitSettings {
    private static let initialised: Void = {
        _ = git_libgit2_init()
        _ = clibgit2_set_strict_hash_verification(0)
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
