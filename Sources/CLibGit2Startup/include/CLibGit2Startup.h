#ifndef CLIBGIT2_STARTUP_H
#define CLIBGIT2_STARTUP_H

/* libgit2's start-up without the certificate store.
 *
 * Debian's libgit2 1.5 is built with mbedTLS, and git_libgit2_init() parses the system's CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, 139 certificates, 214 KB of base64) into its TLS settings,
 * whether or not a connection is ever made. coe makes none through libgit2 (GitKit has no remote,
 * fetch, push or clone call), and the parse was a fifth of every coe process's CPU time: 3.5 of
 * 18 ms of `coe hook pre-commit` with no COE staged (perf record, 2026-12-01).
 *
 * This file defines mbedtls_x509_crt_parse_file and mbedtls_x509_crt_parse_path in the executable,
 * where the dynamic linker finds them before libmbedx509's. While certificate loading is deferred
 * (only around git_libgit2_init, set by GitKit.GitSettings), they load nothing and report success:
 * libgit2 is left with an empty list of trusted certificates, so a TLS connection it made would fail
 * its certificate check (closed, never open). At any other time they call the library's own
 * functions, found with dlsym(RTLD_NEXT), so loading certificates later
 * (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, ...)) works as before. */

/* Whether certificate loads are skipped (1) or passed to mbedTLS (0). */
void coe_libgit2_defer_certificates(int deferred);

/* How many certificate loads were skipped so far (the tests check that the interposition holds). */
long coe_libgit2_skipped_certificate_loads(void);

#endif
