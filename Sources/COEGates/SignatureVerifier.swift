import COEProcess
import Foundation
import GitKit

/// Checks who signed a commit, as git's own `verify-commit` would, against keys the server holds:
/// SSH signatures with `ssh-keygen -Y verify` against an allowed-signers file (git's
/// `gpg.ssh.allowedSignersFile` format: `rae@example.com ssh-ed25519 AAAA…`), OpenPGP signatures with
/// `gpg --verify` against a keyring folder. The principals of an SSH signature are the allowed signers'
/// names for its key; those of an OpenPGP signature are the addresses the administrator gives its key's
/// fingerprint in `coe-signers` inside the keyring folder (`rae@example.com 0123…CDEF`, one per line):
/// never the user ids on the key, which whoever made the key wrote. A key no allowed signer (or
/// signers list) names is refused, however good the signature: a pusher cannot bring their own key. Used by pre-receive (files in the git directory) and `coe check --allowed-signers`.
public struct SignatureVerifier: Sendable {
    /// The server's allowed-signers file, in its git directory.
    public static let allowedSignersFile = "coe-allowed-signers"
    /// The server's OpenPGP keyring folder (a GNUPGHOME), in its git directory.
    public static let keyringFolder = "coe-gnupg"
    /// In the keyring folder: whose key is whose (`<e-mail> <fingerprint>` per line), written by the administrator.
    public static let openPGPSignersFile = "coe-signers"

    /// The allowed-signers file (nil: none, and no SSH signature verifies).
    public let allowedSigners: String?
    /// The keyring folder (nil: none, and no OpenPGP signature verifies).
    public let keyring: String?

    public init(allowedSigners: String?, keyring: String?) {
        let exists = { (path: String?) in path.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } }
        self.allowedSigners = exists(allowedSigners)
        self.keyring = exists(keyring)
    }

    /// The server's: the files in its git directory, when they are there.
    public init(serverRepository repository: Repository) {
        let folder = repository.gitDirectory.hasSuffix("/") ? repository.gitDirectory : repository.gitDirectory + "/"
        self.init(allowedSigners: folder + Self.allowedSignersFile, keyring: folder + Self.keyringFolder)
    }

    /// Who signed `commit`. A verifier program that is missing or stops abnormally makes the signature
    /// unverified (the rules refuse it, saying why), never a failed push with no reason.
    public func check(_ commit: ObjectID, in repository: Repository) throws -> SignatureCheck {
        do {
            return try verify(commit, in: repository)
        } catch let error as ExternalProgram.NotRun {
            return .invalid("the server cannot verify it: \(error.description)")
        }
    }

    func verify(_ commit: ObjectID, in repository: Repository) throws -> SignatureCheck {
        guard let (signature, signed) = try repository.commitSignature(commit) else { return .unsigned }
        let armour = String(decoding: signature.prefix(64), as: UTF8.self)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coe-verify-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let signatureFile = folder + "/commit.sig"
        try Data(signature).write(to: URL(fileURLWithPath: signatureFile))
        if armour.hasPrefix("-----BEGIN SSH SIGNATURE-----") { return try ssh(signatureFile, Data(signed)) }
        if armour.hasPrefix("-----BEGIN PGP SIGNATURE-----") { return try openPGP(signatureFile, Data(signed)) }
        return .invalid("with a kind of signature coe cannot verify (x509?); use SSH or OpenPGP")
    }

    func ssh(_ signatureFile: String, _ signed: Data) throws -> SignatureCheck {
        guard let allowedSigners else {
            return .invalid("the server has no allowed signers (\(Self.allowedSignersFile) in its git directory) to verify an SSH signature with")
        }
        let found = try ExternalProgram.run("ssh-keygen", ["-Y", "find-principals", "-s", signatureFile, "-f", allowedSigners])
        // find-principals prints each matching line's principals as written: several, separated by commas,
        // and patterns (`*@example.com`) among them. Each is verified on its own; a pattern then matches an
        // address as ssh-keygen matches it (`SignatureCheck.isBy`).
        let principals = String(decoding: found.output, as: UTF8.self).split(whereSeparator: \.isNewline)
            .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("!") }
        guard found.status == 0, !principals.isEmpty else { return .invalid("by an SSH key none of the server's allowed signers holds") }
        // find-principals only matches the key; verify checks the signature over the commit, for each name.
        let verified = try principals.filter { principal in
            try ExternalProgram.run("ssh-keygen", ["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", "git", "-s", signatureFile],
                                    input: signed).status == 0
        }
        return verified.isEmpty ? .invalid("the SSH signature does not verify (the commit was changed after signing?)") : .verified(verified)
    }

    func openPGP(_ signatureFile: String, _ signed: Data) throws -> SignatureCheck {
        guard let keyring else {
            return .invalid("the server has no OpenPGP keyring (\(Self.keyringFolder) in its git directory) to verify the signature with")
        }
        let home = ["GNUPGHOME": keyring]
        let result = try ExternalProgram.run("gpg", ["--batch", "--no-tty", "--status-fd", "1", "--verify", signatureFile, "-"],
                                             input: signed, environment: home)
        let status = String(decoding: result.output, as: UTF8.self).split(whereSeparator: \.isNewline)
        // VALIDSIG <fingerprint> … <primary key fingerprint>: good, and by a key of the keyring.
        guard result.status == 0, let valid = status.first(where: { $0.hasPrefix("[GNUPG:] VALIDSIG ") }),
              !status.contains(where: { $0.hasPrefix("[GNUPG:] EXPKEYSIG") || $0.hasPrefix("[GNUPG:] REVKEYSIG") }),
              let primary = valid.split(separator: " ").last else {
            return .invalid(status.contains { $0.hasPrefix("[GNUPG:] NO_PUBKEY") }
                ? "by an OpenPGP key not in the server's keyring" : "the OpenPGP signature does not verify")
        }
        // Who the key belongs to is the administrator's word, by fingerprint (primary key or signing subkey).
        let signers = keyring + "/" + Self.openPGPSignersFile
        guard let list = try? String(contentsOfFile: signers, encoding: .utf8) else {
            return .invalid("the server has no \(Self.openPGPSignersFile) in its keyring folder saying whose key is whose")
        }
        let fingerprints = Set([String(primary)] + valid.split(separator: " ").dropFirst(2).prefix(1).map(String.init)).map { $0.uppercased() }
        let emails = list.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, !fields[0].hasPrefix("#"), fingerprints.contains(fields[1].uppercased()) else { return nil }
            return String(fields[0])
        }
        return emails.isEmpty ? .invalid("by an OpenPGP key \(primary) that \(Self.openPGPSignersFile) does not name") : .verified(emails)
    }
}
