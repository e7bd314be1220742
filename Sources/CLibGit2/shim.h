#ifndef CLIBGIT2_SHIM_H
#define CLIBGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts() is variadic, which Swift cannot call: one inline function per option used. */

/* Strict hash verification re-hashes every object read: 3.4x slower history walks (measured). */
static inline int clibgit2_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* Owner validation refuses repositories owned by another user unless safe.directory allows them. */
static inline int clibgit2_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

/* The object cache: every object read is stored (under a lock) unless caching is off. */
static inline int clibgit2_set_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

/* Strict object creation checks that every object a new tree or commit names exists (one read per
   entry): writing the index's tree in a pre-commit hook read all 15,000 blobs of a large repository. */
static inline int clibgit2_set_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

/* How much of the pack files libgit2 keeps mapped, and in windows of what size: by default it maps
   whole packs (up to 8 GB), and every page read stays in the process's resident memory. */
static inline int clibgit2_set_pack_windows(size_t window, size_t limit) {
    int rc = git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, window);
    return rc < 0 ? rc : git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, limit);
}

/* The certificates libgit2 trusts for TLS (coe skips loading them at start-up: CLibGit2Startup). */
static inline int clibgit2_set_ssl_cert_file(const char *file) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, NULL);
}

#endif
