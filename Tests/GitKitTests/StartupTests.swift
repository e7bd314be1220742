import CLibGit2
import CLibGit2Startup
import Foundation
import GitKit
import Testing

/// libgit2 starts without parsing the system's CA bundle (CLibGit2Startup), and loading certificates
/// afterwards still reaches mbedTLS.
@Suite struct StartupTests {
    /// Debian's libgit2 (mbedTLS) loads its default certificate file in git_libgit2_init: that load is
    /// the one skipped. Fails if the executable's definition stops being the one libgit2 calls.
    @Test func startUpSkipsTheCertificateStore() throws {
        GitSettings.ensureInitialised()
        try #require(FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt"),
                     "Debian's CA bundle, which libgit2 is built to load")
        #expect(coe_libgit2_skipped_certificate_loads() >= 1)
    }

    /// After start-up, loads go to mbedTLS itself: a missing file is an error (a skipped load would
    /// report success), and the real bundle loads; neither is counted as skipped.
    @Test func certificatesLoadWhenAskedFor() throws {
        GitSettings.ensureInitialised()
        let skipped = coe_libgit2_skipped_certificate_loads()
        #expect(clibgit2_set_ssl_cert_file("/nonexistent/coe-test/ca.crt") < 0)
        #expect(clibgit2_set_ssl_cert_file("/etc/ssl/certs/ca-certificates.crt") == 0)
        #expect(coe_libgit2_skipped_certificate_loads() == skipped)
    }
}
