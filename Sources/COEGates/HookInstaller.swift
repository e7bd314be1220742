import COEWorkspace
import Foundation
import GitKit

/// `coe hooks install` and `coe hooks uninstall`: small scripts in the repository's hooks folder that
/// call `coe hook <name>`.
///
/// A hook already there is never overwritten: it is renamed `<name>.local` and the installed script
/// runs it first (with the same arguments and input) and stops if it fails. Uninstalling puts it back.
public enum HookInstaller {
    /// What the scripts start with, so that they are recognised.
    static let marker = "# Installed by coe hooks install"

    public static let clientHooks = ["pre-commit", "pre-push"]
    public static let serverHooks = ["pre-receive", "post-receive"]

    public struct Change: Sendable, Equatable {
        public enum Kind: String, Sendable { case installed, chained, replaced, removed, restored, absent }
        public let hook: String
        public let kind: Kind
        public let path: String
    }

    /// The folder git runs hooks from: `core.hooksPath` (relative to the work tree, or to the git
    /// directory in a bare repository) or `<git dir>/hooks`.
    public static func hooksFolder(_ repository: Repository) throws -> String {
        let gitDirectory = repository.gitDirectory.hasSuffix("/") ? String(repository.gitDirectory.dropLast()) : repository.gitDirectory
        guard let configured = try repository.configString("core.hooksPath"), !configured.isEmpty else { return gitDirectory + "/hooks" }
        if configured.hasPrefix("/") { return configured }
        if configured.hasPrefix("~/") { return NSHomeDirectory() + configured.dropFirst(1) }
        let base = repository.workdir.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? gitDirectory
        return base + "/" + configured
    }

    /// The script for one hook; `coe` is the executable it runs.
    static func script(_ hook: String, coe: String) -> String {
        let readsInput = hook != "pre-commit"
        return """
            #!/bin/sh
            \(marker) (docs/hooks.md). A hook that was here before is kept as \(hook).local
            # and runs first. To remove: coe hooks uninstall
            coe=\(shellQuoted(coe))
            [ -x "$coe" ] || coe=coe
            \(readsInput ? "input=$(mktemp) || exit 1\ntrap 'rm -f \"$input\"' EXIT\ncat > \"$input\"\n" : "")if [ -x "$0.local" ]; then
              "$0.local" "$@"\(readsInput ? " < \"$input\"" : "") || exit $?
            fi
            exec "$coe" hook \(hook) "$@"\(readsInput ? " < \"$input\"" : "")

            """
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    public static func install(_ hooks: [String], in repository: Repository, coe: String) throws -> [Change] {
        let folder = try hooksFolder(repository)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var changes: [Change] = []
        for hook in hooks {
            let path = folder + "/" + hook
            var kind = Change.Kind.installed
            if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
                if existing.contains(marker) {
                    kind = .replaced
                } else if FileManager.default.fileExists(atPath: path + ".local") {
                    throw WorkspaceError("\(path) and \(path).local both exist; move one of them away first")
                } else {
                    try FileManager.default.moveItem(atPath: path, toPath: path + ".local")
                    kind = .chained
                }
            }
            try script(hook, coe: coe).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            changes.append(Change(hook: hook, kind: kind, path: path))
        }
        return changes
    }

    public static func uninstall(_ hooks: [String], in repository: Repository) throws -> [Change] {
        let folder = try hooksFolder(repository)
        var changes: [Change] = []
        for hook in hooks {
            let path = folder + "/" + hook
            guard let existing = try? String(contentsOfFile: path, encoding: .utf8), existing.contains(marker) else {
                changes.append(Change(hook: hook, kind: .absent, path: path))
                continue
            }
            try FileManager.default.removeItem(atPath: path)
            if FileManager.default.fileExists(atPath: path + ".local") {
                try FileManager.default.moveItem(atPath: path + ".local", toPath: path)
                changes.append(Change(hook: hook, kind: .restored, path: path))
            } else {
                changes.append(Change(hook: hook, kind: .removed, path: path))
            }
        }
        return changes
    }
}
