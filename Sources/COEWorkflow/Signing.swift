import Foundation
import GitKit

/// Signs workflow commits as `git commit` would, when the configuration asks for it
/// (`commit.gpgsign`): with `gpg` (`gpg.format` openpgp, the default), `gpgsm` (x509) or
/// `ssh-keygen -Y sign` (ssh), the program and key taken from the same settings git reads
/// (`gpg.program`, `gpg.<format>.program`, `user.signingkey`).
enum CommitSigner {
    static func signature(for text: String, repository: Repository, committer: Signature) throws -> String? {
        guard try repository.configBool("commit.gpgsign") == true else { return nil }
        let format = try repository.configString("gpg.format") ?? "openpgp"
        let key = try repository.configString("user.signingkey")
        switch format {
        case "openpgp", "x509":
            let fallback = format == "x509" ? "gpgsm" : "gpg"
            let program = try repository.configString("gpg.\(format).program") ?? (format == "openpgp" ? repository.configString("gpg.program") : nil) ?? fallback
            let (status, output, errors) = try run(program, ["--status-fd=2", "-bsau", key ?? "\(committer.name) <\(committer.email)>"], input: Data(text.utf8))
            guard status == 0, errors.contains("[GNUPG:] SIG_CREATED") else { throw signingFailed(program, errors) }
            return String(decoding: output, as: UTF8.self)
        case "ssh":
            guard var key, !key.isEmpty else { throw WorkflowError.usage("commit.gpgsign is set with gpg.format ssh, but user.signingkey is not") }
            let program = try repository.configString("gpg.ssh.program") ?? "ssh-keygen"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coe-sign-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            if key.hasPrefix("key::") {
                let literal = folder + "/key.pub"
                try Data((String(key.dropFirst(5)) + "\n").utf8).write(to: URL(fileURLWithPath: literal))
                key = literal
            } else if key.hasPrefix("~/") {
                key = NSHomeDirectory() + key.dropFirst(1)
            }
            let buffer = folder + "/commit"
            try Data(text.utf8).write(to: URL(fileURLWithPath: buffer))
            let (status, _, errors) = try run(program, ["-Y", "sign", "-n", "git", "-f", key, buffer], input: Data())
            guard status == 0, let signature = FileManager.default.contents(atPath: buffer + ".sig") else {
                throw signingFailed(program, errors)
            }
            return String(decoding: signature, as: UTF8.self)
        default:
            throw WorkflowError.usage("gpg.format '\(format)' is not one git knows (openpgp, x509, ssh)")
        }
    }

    static func signingFailed(_ program: String, _ errors: String) -> WorkflowError {
        .notCommitted("signing with \(program) failed: \(errors.split(separator: "\n").filter { !$0.hasPrefix("[GNUPG:]") }.joined(separator: " "))", savedAt: nil)
    }

    /// Runs a program found on PATH (or a path), feeding `input`; returns its status, output and error text.
    static func run(_ program: String, _ arguments: [String], input: Data) throws -> (Int32, Data, String) {
        do {
            let result = try ExternalProgram.run(program, arguments, input: input)
            return (result.status, result.output, result.errors)
        } catch let error as ExternalProgram.NotRun {
            throw WorkflowError.notCommitted(error.description, savedAt: nil)
        }
    }
}
