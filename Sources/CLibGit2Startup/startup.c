/* See include/CLibGit2Startup.h. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include "CLibGit2Startup.h"

static atomic_int deferred = 0;
static atomic_long skipped = 0;

void coe_libgit2_defer_certificates(int value) { atomic_store(&deferred, value); }

long coe_libgit2_skipped_certificate_loads(void) { return atomic_load(&skipped); }

/* The mbedTLS functions take a mbedtls_x509_crt *; only its address passes through here. */
typedef int (*parse_function)(void *chain, const char *location);

static int pass_on(const char *name, void *chain, const char *location) {
    parse_function next = (parse_function)dlsym(RTLD_NEXT, name);
    /* MBEDTLS_ERR_X509_FILE_IO_ERROR: libgit2 reports that the certificates could not be loaded. */
    return next ? next(chain, location) : -0x2900;
}

int mbedtls_x509_crt_parse_file(void *chain, const char *path) {
    if (atomic_load(&deferred)) {
        atomic_fetch_add(&skipped, 1);
        return 0;
    }
    return pass_on("mbedtls_x509_crt_parse_file", chain, path);
}

int mbedtls_x509_crt_parse_path(void *chain, const char *path) {
    if (atomic_load(&deferred)) {
        atomic_fetch_add(&skipped, 1);
        return 0;
    }
    return pass_on("mbedtls_x509_crt_parse_path", chain, path);
}
