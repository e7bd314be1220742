import COEFormat
import Foundation
import GitKit

/// What `pre-receive` checks of the references a push updates, before any commit: every update,
/// deletions and notes included (git hands the hook all of them, and a check that only follows
/// branches misses the ones that rewrite the server's own record or its history).
public enum RefChecks {
    /// The server's configuration key for protected branches: patterns separated by spaces
    /// (`git config coe.protectedBranches 'release/* stable'`). The default branch is always protected.
    public static let protectedBranchesKey = "coe.protectedBranches"

    /// Findings for the updates: one per refused update, with what the pusher can do instead.
    public static func check(_ updates: [RefUpdate], in repository: Repository) throws -> [Diagnostic] {
        let protected = try protectedPatterns(repository)
        var findings: [Diagnostic] = []
        for update in updates {
            if update.ref == Witness.notesRef || update.ref.hasPrefix(Witness.notesRef + "/") {
                // G1: the witness is the server's record of when it saw each commit; a pusher who could
                // write it could back-date a review.
                let what = update.isDeletion ? "delete" : update.old == nil ? "create" : "update"
                findings.append(Diagnostic(file: update.ref, rule: GateRules.witness.id, message:
                    "a push may not \(what) \(Witness.notesRef): the server alone writes its witness of when it first saw each commit; "
                        + "push your branches without it (git push origin <branch>), and do not push notes with --mirror or 'refs/notes/*'"))
                continue
            }
            guard update.ref.hasPrefix("refs/heads/"), let pattern = protected.first(where: { matches($0, update.ref) }) else { continue }
            let branch = String(update.ref.dropFirst("refs/heads/".count))
            let why = pattern.hasPrefix("default:") ? "the default branch" : "protected on this server (\(protectedBranchesKey) '\(pattern)')"
            if update.isDeletion {
                findings.append(Diagnostic(file: update.ref, rule: GateRules.protectedHistory.id, message:
                    "a push may not delete \(branch), \(why): the review history on it must stay; ask the server's administrator"))
            } else if let old = update.old, let new = update.new, try !isFastForward(from: old, to: new, in: repository) {
                findings.append(Diagnostic(file: update.ref, rule: GateRules.protectedHistory.id, message:
                    "a push may not rewrite \(branch), \(why): \(old.abbreviated(8)) is not an ancestor of \(new.abbreviated(8)); "
                        + "fetch, rebase or merge your commits onto it (git pull --rebase) and push without --force"))
            }
        }
        return findings
    }

    /// The protected patterns: `default` (for HEAD's branch) and those configured on the server.
    static func protectedPatterns(_ repository: Repository) throws -> [String] {
        var patterns: [String] = []
        if let head = try repository.headBranch() { patterns.append("default:" + head) }
        let configured = try repository.configString(protectedBranchesKey) ?? ""
        patterns += configured.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return patterns
    }

    /// Whether `ref` is one a pattern protects: `default:<ref>` exactly, else a glob on the branch name.
    static func matches(_ pattern: String, _ ref: String) -> Bool {
        if pattern.hasPrefix("default:") { return ref == pattern.dropFirst("default:".count) }
        let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
        return fnmatch(pattern, branch, 0) == 0 || fnmatch(pattern, ref, 0) == 0
    }

    /// Whether `new` has `old` in its history (a commit that is not there, or not a commit, is not).
    static func isFastForward(from old: ObjectID, to new: ObjectID, in repository: Repository) throws -> Bool {
        guard repository.isCommit(old), repository.isCommit(new) else { return old == new }
        return try repository.mergeBase(old, new) == old
    }
}
