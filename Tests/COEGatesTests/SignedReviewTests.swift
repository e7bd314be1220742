import Foundation
import Testing
import TestSupport

/// `review.require_signed`: approvals and requests for changes are signed commits, verified by the
/// server against the keys it holds, and the signer must be the person the record names (rule P13).
/// Real keys (`ssh-keygen`, `gpg`), real signing by the workflow, real pushes to a real bare server.
@Suite(.serialized) struct SignedReviewTests {
    static let config = "root: coes\nreview:\n  require_signed: true\n"

    /// The COE submitted and pushed, the server's clock at 2026-11-01T10:00:30Z.
    func submitted() throws -> (world: HookWorld, casey: String) {
        let world = try HookWorld(config: Self.config)
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        return (world, casey)
    }

    /// An SSH key pair in the world's scratch folder; returns the private key's path and the public key.
    func sshKey(_ world: HookWorld, _ name: String) throws -> (path: String, public: String) {
        let path = world.scratch.path + "/\(name)_key"
        let made = try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], in: world.scratch.path)
        #expect(made.status == 0, "\(made.stderr)")
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmed)
    }

    func signWithSSH(_ clone: String, key: String) throws {
        for (key, value) in [("gpg.format", "ssh"), ("user.signingkey", key), ("commit.gpgsign", "true")] {
            try run("/usr/bin/git", ["config", key, value], in: clone)
        }
    }

    @Test func sshSignedApprovalsCountOnlyWhenTheSignerIsTheApprover() throws {
        let (world, casey) = try submitted()
        let raeKey = try sshKey(world, "rae"), caseyKey = try sshKey(world, "casey")
        try "rae@example.com \(raeKey.public)\ncasey@example.com \(caseyKey.public)\n"
            .write(toFile: world.server + "/coe-allowed-signers", atomically: true, encoding: .utf8)
        let rae = try world.clone("rae", as: .rae)
        // Unsigned: the workflow refuses before committing anything.
        let unsigned = try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(unsigned.status == 1 && unsigned.stderr.contains("[P13]") && unsigned.stderr.contains("is not signed")
                && unsigned.stderr.contains("commit.gpgsign"), "\(unsigned.stderr)")
        // Forged: the author, as Rae's address, signs with the author's own key.
        try world.git(casey, ["pull", "-q", "--ff-only"])
        try signWithSSH(casey, key: caseyKey.path)
        let forged = try world.coeAs(casey, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(forged.status == 0, "the client cannot tell: \(forged.stderr)")
        let allowed = world.server + "/coe-allowed-signers"
        let check = try coe(["check", "--base", "origin/main", "--head", "HEAD", "--allowed-signers", allowed], in: casey)
        #expect(check.status == 1 && check.stdout.contains("[P13]") && check.stdout.contains("signed by casey@example.com"), "\(check.stdout)")
        let refused = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-02T11:00:30Z")
        #expect(refused.status != 0 && refused.stderr.contains("[P13] review.require_signed: the commit adding an approval in the name of Rae Reviewer <rae@example.com> is signed by casey@example.com"),
                "\(refused.stderr)")
        // Signed by Rae: accepted.
        try signWithSSH(rae, key: raeKey.path)
        let signed = try world.coeAs(rae, ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:00:00Z")
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try world.git(rae, ["cat-file", "commit", "HEAD"], as: .rae).stdout.contains("gpgsig -----BEGIN SSH SIGNATURE-----"),
                "the workflow signed the commit")
        let accepted = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func openPGPSignedApprovalsAreVerifiedAgainstTheServersKeyring() throws {
        let (world, _) = try submitted()
        // Short homes: gpg-agent's socket path must fit in 108 bytes.
        let homes = try ScratchFolder("g")
        defer { for home in ["rae", "mallory", "server"] { _ = try? run("/usr/bin/gpgconf", ["--kill", "gpg-agent"], in: homes.path, environment: ["GNUPGHOME": homes.path + "/" + home]) } }
        func gpg(_ home: String, _ arguments: [String]) throws -> ProcessResult {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try run("/usr/bin/gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", ""] + arguments, in: homes.path,
                           environment: ["GNUPGHOME": home])
        }
        let raeHome = homes.path + "/rae", malloryHome = homes.path + "/mallory"
        for home in [raeHome, malloryHome] {
            let made = try gpg(home, ["--quick-gen-key", "Rae Reviewer <rae@example.com>", "ed25519", "sign", "never"])
            #expect(made.status == 0, "\(made.stderr)")
        }
        // The administrator imports Rae's public key into the server's keyring.
        let exported = try gpg(raeHome, ["--armor", "--export", "rae@example.com"])
        try exported.stdout.write(toFile: homes.path + "/rae.asc", atomically: true, encoding: .utf8)
        let keyring = world.server + "/coe-gnupg"
        #expect(try gpg(keyring, ["--import", homes.path + "/rae.asc"]).status == 0)
        // … and says whose key it is, by fingerprint (the user ids on a key are whatever its maker wrote).
        let listing = try gpg(raeHome, ["--with-colons", "--list-keys", "rae@example.com"]).stdout
        let fingerprint = try #require(listing.split(separator: "\n").first { $0.hasPrefix("fpr:") }?.split(separator: ":").last)
        try "# whose key is whose\nrae@example.com \(fingerprint)\n".write(toFile: keyring + "/coe-signers", atomically: true, encoding: .utf8)
        let rae = try world.clone("rae", as: .rae)
        for (key, value) in [("user.signingkey", "rae@example.com"), ("commit.gpgsign", "true")] {
            try run("/usr/bin/git", ["config", key, value], in: rae)
        }
        func approve(home: String) throws -> ProcessResult {
            try coe(["approve", "k7qm"], in: rae,
                    environment: world.environment(.rae, at: "2026-11-02T11:00:00Z", serverNow: nil).merging(["GNUPGHOME": home]) { $1 })
        }
        // A key with Rae's name and address that the server does not hold.
        #expect(try approve(home: malloryHome).status == 0)
        let refused = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(refused.status != 0 && refused.stderr.contains("[P13]") && refused.stderr.contains("not in the server's keyring"), "\(refused.stderr)")
        try world.git(rae, ["reset", "-q", "--hard", "origin/main"], as: .rae)
        // Rae's own key.
        let signed = try approve(home: raeHome)
        #expect(signed.status == 0, "\(signed.stderr)")
        let accepted = try world.git(rae, ["push", "origin", "main"], as: .rae, serverNow: "2026-11-02T11:00:30Z")
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func anAdministratorsSignatureAloneDeletesAReviewedCOE() throws {
        let config = "root: coes\nreview:\n  allow_deletion: true\n  administrators: [sam@example.com]\n"
        let world = try HookWorld(config: config)
        let casey = try world.clone("casey", as: .casey)
        #expect(try world.coeAs(casey, ["submit", "k7qm"], as: .casey, at: "2026-11-01T10:00:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T10:00:30Z").status == 0)
        let samKey = try sshKey(world, "sam"), caseyKey = try sshKey(world, "casey")
        try "sam@example.com \(samKey.public)\ncasey@example.com \(caseyKey.public)\n"
            .write(toFile: world.server + "/coe-allowed-signers", atomically: true, encoding: .utf8)
        let folder = "coes/\(exampleCOEID)"
        // The author, signing with their own key: refused.
        try signWithSSH(casey, key: caseyKey.path)
        try world.git(casey, ["rm", "-q", "-r", folder])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Remove the COE"], at: "2026-11-01T11:00:00Z")
        let refused = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T11:00:30Z")
        #expect(refused.status != 0 && refused.stderr.contains("[P12]") && refused.stderr.contains("signed by casey@example.com")
                && refused.stderr.contains("administrator (sam@example.com)"), "\(refused.stderr)")
        // The administrator signs the same change: accepted.
        let sam = try world.clone("sam", as: .sam)
        try signWithSSH(sam, key: samKey.path)
        try world.git(sam, ["rm", "-q", "-r", folder], as: .sam)
        try world.git(sam, ["commit", "-q", "--no-verify", "-m", "Remove the COE (it held customer data)"], as: .sam, at: "2026-11-01T11:00:00Z")
        let accepted = try world.git(sam, ["push", "--no-verify", "origin", "main"], as: .sam, serverNow: "2026-11-01T11:00:30Z")
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }
}
