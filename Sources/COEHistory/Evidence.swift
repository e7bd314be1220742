import COEFormat
import Foundation
import GitKit

/// Checks a done action item's evidence (`coe actions --verify`): each commit id it gives exists in this
/// repository or one of `evidence.repositories` and is reachable from that repository's default branch;
/// each URL starts with one of `evidence.urls` (any http or https URL when none are configured; nothing
/// is fetched); anything else is a ticket id of the configured form (`evidence.tickets`).
public struct EvidenceCheck {
    /// How one item's evidence stands.
    public struct Verdict: Sendable, Equatable {
        /// What each piece of evidence was read as: commit, url or ticket.
        public var kinds: [String] = []
        /// What is wrong, in words; empty when the evidence holds.
        public var problems: [String] = []
        public var holds: Bool { problems.isEmpty }
    }

    let configuration: Configuration
    let ticket: Regex<AnyRegexOutput>?
    /// This repository first, then the configured ones that open, with their default branch's tip.
    var repositories: [(name: String, repository: Repository, branch: String, tip: ObjectID?)] = []
    /// Configured repositories that cannot be opened, said once per report.
    public private(set) var unavailable: [String] = []

    /// `root`: the repository's work tree, which relative `evidence.repositories` paths start from.
    public init(repository: Repository, root: String, configuration: Configuration) {
        self.configuration = configuration
        ticket = try? Regex(configuration.ticketPattern)
        func add(_ name: String, _ repository: Repository) {
            let (branch, tip) = Self.defaultBranch(of: repository)
            repositories.append((name, repository, branch, tip))
        }
        add("this repository", repository)
        for path in configuration.evidenceRepositories {
            let full = path.hasPrefix("/") ? path : root + "/" + path
            if let other = try? Repository.open(at: full) { add(path, other) } else { unavailable.append(path) }
        }
    }

    /// The default branch: the remote's HEAD (`origin/HEAD`), else `init.defaultBranch`, `main` or
    /// `master` when they exist, else HEAD.
    static func defaultBranch(of repository: Repository) -> (String, ObjectID?) {
        var candidates = ["refs/remotes/origin/HEAD"]
        if let configured = try? repository.configString("init.defaultBranch") { candidates.append("refs/heads/\(configured)") }
        candidates += ["refs/heads/main", "refs/heads/master"]
        for name in candidates {
            if let tip = try? repository.resolveCommit(name) {
                let short = name.hasPrefix("refs/remotes/origin/HEAD") ? "origin/HEAD"
                    : String(name.dropFirst(name.hasPrefix("refs/heads/") ? 11 : 0))
                return (short, tip)
            }
        }
        return ("HEAD", try? repository.head())
    }

    /// The pieces of evidence an item gives: its `evidence` split at white space and commas.
    public static func pieces(of evidence: String) -> [String] {
        evidence.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }

    /// How a done item's evidence stands (an item not done has nothing to verify).
    public func verify(_ item: ActionItem) -> Verdict {
        var verdict = Verdict()
        guard item.status == .done else { return verdict }
        let pieces = item.evidence.map(Self.pieces) ?? []
        if pieces.isEmpty {
            verdict.problems.append("done without evidence (coe action done … --evidence <commit|url|ticket>)")
            return verdict
        }
        var unknown: [String] = []
        for piece in pieces {
            if Self.isCommitID(piece) {
                verdict.kinds.append("commit")
                if let problem = commitProblem(piece) { verdict.problems.append(problem) }
            } else if piece.lowercased().hasPrefix("http://") || piece.lowercased().hasPrefix("https://") {
                verdict.kinds.append("url")
                let prefixes = configuration.evidenceURLs
                if !prefixes.isEmpty, !prefixes.contains(where: { Self.link(piece, startsWith: $0) }) {
                    verdict.problems.append("\(piece) is not a link to \(prefixes.joined(separator: " or ")) (evidence.urls)")
                }
            } else if let ticket, (try? ticket.wholeMatch(in: piece)) != nil {
                verdict.kinds.append("ticket")
            } else {
                unknown.append(piece)
            }
        }
        // Words that are none of the three are one problem, however many there are.
        if !unknown.isEmpty {
            verdict.kinds.append("unknown")
            verdict.problems.append("'\(unknown.joined(separator: " "))' is not a commit id, a link or a ticket id of the form "
                                    + "\(configuration.ticketPattern) (evidence.tickets)")
        }
        return verdict
    }

    /// True when `link` is under `prefix`: the prefix ends in `/`, or the link goes on with `/`, `?` or `#`
    /// after it (`https://git.example.com` does not take `https://git.example.com.evil.org/`).
    static func link(_ link: String, startsWith prefix: String) -> Bool {
        guard link.hasPrefix(prefix) else { return false }
        if prefix.hasSuffix("/") || link.count == prefix.count { return true }
        return ["/", "?", "#"].contains(link[link.index(link.startIndex, offsetBy: prefix.count)])
    }

    /// 7 to 40 hexadecimal digits: a commit id, whole or abbreviated.
    static func isCommitID(_ text: String) -> Bool {
        (7...40).contains(text.count) && text.allSatisfy(\.isHexDigit)
    }

    /// Why the commit does not stand as evidence, or nil: found in a repository and reachable from its default branch.
    func commitProblem(_ id: String) -> String? {
        var foundElsewhere: [String] = []
        for entry in repositories {
            // Looked up as an object id, never as a branch or tag name that looks like one.
            let commit: ObjectID
            switch entry.repository.lookupObject(prefix: id) {
            case .commit(let found): commit = found
            case .ambiguous: return "\(id) is ambiguous in \(entry.name): give more digits of the commit id"
            case .notACommit: return "\(id) names an object in \(entry.name) that is not a commit"
            case .missing: continue
            }
            guard let tip = entry.tip else { foundElsewhere.append("\(entry.name), which has no default branch"); continue }
            if commit == tip || (try? entry.repository.mergeBase(commit, tip)) == commit { return nil }
            foundElsewhere.append("\(entry.name) but not on \(entry.branch)")
        }
        if !foundElsewhere.isEmpty { return "commit \(id) is in \(foundElsewhere.joined(separator: "; ")): not merged" }
        let searched = repositories.map(\.name).joined(separator: ", ")
        return "commit \(id) is not in \(searched)"
    }
}
