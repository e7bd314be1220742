import CLibGit2
import CLibGit2Startup

/// Process-wide libgit2 set-up, done once before any repository is opened.
///
/// libgit2's defaults are chosen for safety in long-running servers, not for a
/// command-line tool that reads history:
/// - strict hash verification re-hashes every object read (3.4x slower walks,
///   measured on libgit2 1.5.1); git itself does not do this on reads either, and
///   objects written by `coe` are hashed on write as always;
/// - the object cache is off: history walks read each object once and keep what they reuse
///   themselves (measured: `coe audit` 3.1 s to 2.5 s and 212 MB to 161 MB on 52,000 commits;
///   with a cache, every read takes its lock, and two threads mostly wait on it);
/// - owner validation stays on (as in git): a repository owned by another user
///   needs `safe.directory` (server-side hooks running as another user are handled
///   deliberately by the hooks work, through `clibgit2_set_owner_validation`);
/// - the system's CA bundle is not parsed at start-up: coe makes no TLS connection through libgit2,
///   and Debian's build (mbedTLS) parsed its 139 certificates in every process, a fifth of the CPU
///   time of a pre-commit hook with no COE staged (3.5 of 18 ms, perf record, 2026-12-01). libgit2 is
///   left trusting no certificate, so a connection would fail its check; `CLibGit2Startup` says how.
public enum GitSettings {
    private static let initialised: Void = {
        coe_libgit2_defer_certificates(1)
        _ = git_libgit2_init()
        coe_libgit2_defer_certificates(0)
        _ = clibgit2_set_strict_hash_verification(0)
        // No object cache: coe reads history in one pass and keeps what it reuses itself; the cache
        // cost a lock and an insert on every read (a quarter of `coe audit`'s time across two threads)
        // and 50 MB of memory.
        _ = clibgit2_set_caching(0)
        // Objects are checked as they are read (blobs, trees parsed with positions); not re-read on every write.
        _ = clibgit2_set_strict_object_creation(0)
        // Pack windows of 8 MB, at most 32 MB mapped at once (libgit2's default limit is 8 GB on 64-bit): a
        // history command touches every part of the pack, and each mapped window stays resident. At 156,000
        // commits the audit peaked at 221 MB with a 64 MB limit (issue 19's target is 200 MB).
        _ = clibgit2_set_pack_windows(8 << 20, 32 << 20)
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
