import ArgumentParser
import COEGates
import Foundation
import GitKit

struct HooksCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Install or remove coe's git hooks in a repository.",
        discussion: """
            install            pre-commit and pre-push in a clone (in core.hooksPath when set)
            install --server   pre-receive and post-receive in a bare repository
                               (the default there)
            uninstall          removes them (with --server: the server hooks)

            A hook already in place is kept: it is renamed <hook>.local and runs first; uninstall \
            puts it back. The scripts run this coe binary (or coe on the PATH if it moved). \
            See docs/hooks.md.

            Examples:
              coe hooks install
              coe hooks install --server --repo /srv/git/coes.git
              coe hooks uninstall
            """)

    @Argument(help: "install or uninstall")
    var action: String

    @Flag(help: "The server hooks (pre-receive, post-receive).")
    var server = false

    @Option(name: .long, help: ArgumentHelp("The repository (default: the one containing the current folder).", valueName: "path"))
    var repo: String?

    @OptionGroup var colorOptions: ColorOptions

    func validate() throws {
        guard action == "install" || action == "uninstall" else { throw ValidationError("the action is install or uninstall") }
    }

    func run(in context: CommandContext) throws {
        let repository = try Repository.discover(from: repo.map(context.path) ?? context.currentDirectory)
        let hooks = server || repository.isBare ? HookInstaller.serverHooks : HookInstaller.clientHooks
        let changes: [HookInstaller.Change]
        if action == "install" {
            changes = try HookInstaller.install(hooks, in: repository, coe: executablePath())
        } else {
            changes = try HookInstaller.uninstall(hooks, in: repository)
        }
        var lines = changes.map { change in
            switch change.kind {
            case .installed: "installed \(change.path)"
            case .replaced: "updated \(change.path)"
            case .chained: "installed \(change.path); the hook that was there is now \(change.hook).local and runs first"
            case .removed: "removed \(change.path)"
            case .restored: "removed coe's \(change.hook); \(change.hook).local is back as \(change.path)"
            case .absent: "\(change.path): no coe hook there"
            }
        }
        if action == "install" && hooks == HookInstaller.serverHooks {
            // From now on the server keeps a witness: only what it holds now may be timed by commit dates.
            try Witness.writeBaseline(repository)
            // The review policy becomes the server's: what the default branch says now, edited on the server from then on.
            if try ServerPolicy.writeIfAbsent(Witness.serverConfiguration(repository), in: repository) {
                lines.append("wrote the server's review policy to \(repository.gitDirectory)\(ServerPolicy.fileName) (edit it there)")
            }
            lines.append("recorded the commits the server holds now in \(repository.gitDirectory)\(Witness.baselineFile)"
                         + " (timed by their commit dates; every later commit by the server's witness)")
            // Signatures (P12, P13) are verified against keys the server holds: say where they go.
            let verifier = SignatureVerifier(serverRepository: repository)
            if verifier.allowedSigners == nil && verifier.keyring == nil {
                lines.append("to require signed approvals (review.require_signed), put the reviewers' keys in "
                             + "\(repository.gitDirectory)\(SignatureVerifier.allowedSignersFile) (SSH) or the keyring "
                             + "\(repository.gitDirectory)\(SignatureVerifier.keyringFolder) (OpenPGP); docs/hooks.md, \"Signed review records\"")
            }
        }
        context.output.write(lines.map { $0 + "\n" }.joined())
    }

    /// This executable's absolute path, for the scripts to run.
    func executablePath() -> String {
        let link = "/proc/self/exe"
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link) { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
