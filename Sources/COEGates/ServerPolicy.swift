import COEFormat
import Foundation
import GitKit

/// The server's review policy: a `.coe.yaml`-shaped file in the git directory, `coe-policy.yaml`, holding the
/// `review:` section the server enforces. `coe hooks install --server` writes it from the default branch's
/// `.coe.yaml` (or the defaults); only the server's administrator edits it. A push cannot change it, and
/// a push that changes the review section of `.coe.yaml` away from it is refused (G3): the rules a review
/// is judged by are not the reviewed's to choose. The COE root is the server's too: a push may not move
/// it (moving it would take every COE out of the rules' sight, then delete them unjudged); the policy's
/// `root:`, where the administrator writes one, is the one the server uses.
public enum ServerPolicy {
    public static let fileName = "coe-policy.yaml"

    static func path(_ repository: Repository) -> String {
        repository.gitDirectory + fileName
    }

    /// The policy file's configuration (its review section, and its root when it states one), or nil when
    /// there is none.
    public static func read(_ repository: Repository) throws -> Configuration? {
        let file = path(repository)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        do {
            var policy = try Configuration.parse(try SourceText.decode(bytes, file: file))
            if StatusLine.line("root:", in: bytes) == nil { policy.root = "" }
            return policy
        } catch {
            // The administrator's file is broken: refuse every push rather than judge by weaker rules.
            throw WitnessError("the server's review policy \(file) does not parse (\(error)); the administrator must fix it")
        }
    }

    /// Writes the policy from `configuration` unless a policy is there already. Returns whether it wrote.
    @discardableResult
    public static func writeIfAbsent(_ configuration: Configuration, in repository: Repository) throws -> Bool {
        let file = path(repository)
        guard !FileManager.default.fileExists(atPath: file) else { return false }
        // The configuration's own writer (quoting included); only the review section is read back.
        let text = "# The review policy this server enforces (docs/hooks.md). Written by coe hooks install --server;\n"
            + "# edit it here: a push may not change the review section of .coe.yaml away from it.\n"
            + configuration.serialized()
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return true
    }

    /// The review section of `policy` put into `configuration`.
    static func apply(_ policy: Configuration, to configuration: inout Configuration) {
        // An empty root: the policy states none (`read`), and the default branch's stands.
        if !policy.root.isEmpty { configuration.root = policy.root }
        configuration.reviewPeriodHours = policy.reviewPeriodHours
        configuration.requiredApprovals = policy.requiredApprovals
        configuration.reviewers = policy.reviewers
        configuration.barRaisers = policy.barRaisers
        configuration.requireReapproval = policy.requireReapproval
        configuration.clockSkewMinutes = policy.clockSkewMinutes
        configuration.requireSigned = policy.requireSigned
        configuration.allowDeletion = policy.allowDeletion
        configuration.administrators = policy.administrators
        configuration.importers = policy.importers
    }

    static func sameReview(_ one: Configuration, _ other: Configuration) -> Bool {
        var copy = other
        apply(one, to: &copy)
        copy.root = other.root  // the review section only (the root is checked on its own)
        return copy == other
    }

    /// G3: for each pushed branch tip whose `.coe.yaml` differs from the one it replaces, refuse a file that
    /// does not parse, and a review section changed away from the server's policy.
    static func check(_ updates: [RefUpdate], policy: Configuration?, in repository: Repository) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for update in updates where update.ref.hasPrefix("refs/heads/") {
            guard let new = update.new, repository.isCommit(new) else { continue }
            // A tip without .coe.yaml has the defaults (its root too): removing the file is a change like any other.
            let newText = configText(at: new, in: repository)
            let oldText = update.old.flatMap { repository.isCommit($0) ? configText(at: $0, in: repository) : nil }
            guard newText != oldText else { continue }
            let file = Configuration.fileName
            let parsed: Configuration
            do {
                parsed = try newText.map { try Configuration.parse(try SourceText.decode($0, file: file)) } ?? Configuration()
            } catch {
                findings.append(Diagnostic(file: file, rule: GateRules.policy.id, message:
                    "\(file) at \(new.abbreviated(8)) (\(update.ref)) does not parse: \(error); fix it (coe lint shows where) and push again"))
                continue
            }
            let before = oldText.flatMap { try? Configuration.parse(try SourceText.decode($0, file: file)) } ?? Configuration()
            let server = policy ?? before
            if parsed.root != before.root && (policy?.root.isEmpty ?? true || parsed.root != policy?.root)
                && holdsCOEs(at: before.root, in: update.old, repository) {
                findings.append(Diagnostic(file: file, rule: GateRules.policy.id, message:
                    "\(file) at \(new.abbreviated(8)) (\(update.ref)) moves the COE root from \(before.root) to \(parsed.root); the COE root is "
                        + "the server's (a moved root takes every COE out of the rules' sight): ask the server's administrator to set "
                        + "root: in \(fileName)"))
            }
            if !sameReview(parsed, before) && !sameReview(parsed, server) {
                findings.append(Diagnostic(file: file, rule: GateRules.policy.id, message:
                    "\(file) at \(new.abbreviated(8)) (\(update.ref)) changes the review section; the review policy is the server's "
                        + "(\(fileName) in its git directory): leave review: as it is, and ask the server's administrator to change the policy"))
            }
        }
        return findings
    }

    /// Whether `commit` has anything under `root` (a root that holds nothing may be set: a first `.coe.yaml`).
    static func holdsCOEs(at root: String, in commit: ObjectID?, _ repository: Repository) -> Bool {
        guard let commit, repository.isCommit(commit), let tree = try? repository.commit(commit).tree,
              let folder = try? repository.subtree(at: Configuration.rootComponents(root), inTree: tree) else { return false }
        return (try? repository.entries(ofTree: folder).isEmpty) == false
    }

        /// `.coe.yaml`'s bytes at a commit, or nil when it has none.
    static func configText(at commit: ObjectID, in repository: Repository) -> [UInt8]? {
        guard let tree = try? repository.commit(commit).tree,
              let entry = try? repository.entry(atPath: Configuration.fileName, inTree: tree) else { return nil }
        return try? repository.blob(entry.id)
    }
}
