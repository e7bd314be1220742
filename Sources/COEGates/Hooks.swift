import COEFormat
import COEHistory
import COELint
import COEProcess
import COEWorkspace
import Foundation
import GitKit

/// One reference a push updates, as git gives it to `pre-push` (`<local ref> <local oid> <remote ref>
/// <remote oid>`) or to `pre-receive`/`post-receive` (`<old oid> <new oid> <ref>`).
public struct RefUpdate: Sendable, Equatable {
    public let ref: String
    public let old: ObjectID?
    public let new: ObjectID?

    public init(ref: String, old: ObjectID?, new: ObjectID?) {
        self.ref = ref
        self.old = old
        self.new = new
    }

    /// A deletion pushes no commit.
    public var isDeletion: Bool { new == nil }

    static func id(_ text: Substring) -> ObjectID? {
        guard let id = ObjectID(hex: String(text)), !id.isZero else { return nil }
        return id
    }

    /// `pre-push` lines: the remote ref is what the update is to, the remote oid what it was.
    public static func parsePrePush(_ input: String) -> [RefUpdate] {
        input.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 4 else { return nil }
            return RefUpdate(ref: String(fields[2]), old: id(fields[3]), new: id(fields[1]))
        }
    }

    /// `pre-receive` and `post-receive` lines.
    public static func parseReceive(_ input: String) -> [RefUpdate] {
        input.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3 else { return nil }
            return RefUpdate(ref: String(fields[2]), old: id(fields[0]), new: id(fields[1]))
        }
    }
}

/// What a gate found, per COE, ready for a reporter.
public struct GateReport: Sendable {
    public var results: [LintResult]
    /// The commits checked.
    public var commits: Int

    public var errorCount: Int { results.reduce(0) { $0 + $1.errorCount } }

    /// Process findings and lint results merged per COE folder (a finding's file is in its folder).
    init(lint: [LintResult], process: [Diagnostic], root: String, commits: Int) {
        var results = lint
        let prefix = Configuration.rootPrefix(root)
        for finding in process {
            // A finding about a reference (refs/heads/main), or a file outside the COE root (a secret in
            // src/), is its own entry, not a COE folder's.
            if finding.file.hasPrefix("refs/") || !finding.file.hasPrefix(prefix) {
                results.append(LintResult(directory: finding.file, id: nil, status: nil, findings: [finding]))
                continue
            }
            let folder = prefix + (finding.file.dropFirst(prefix.count).split(separator: "/").first.map(String.init) ?? "")
            if let index = results.firstIndex(where: { $0.directory == folder }) {
                results[index].findings.append(finding)
                results[index].findings.sort()
            } else {
                results.append(LintResult(directory: folder, id: String(COELayout.lastName(of: folder)), status: nil, findings: [finding]))
            }
        }
        self.results = results.sorted { $0.directory < $1.directory }
        self.commits = commits
    }
}

/// The git hooks' checks. Each hook script calls `coe hook <name>`, which calls one of these.
public enum Hooks {
    /// `pre-commit`: lint the staged versions of the COEs the commit touches (none staged: nothing to do),
    /// and of the COEs holding `files` (paths from the repository's top): the pre-commit framework names
    /// the files it runs on, the staged ones or, with `--all-files`, every file, of which the COEs' are linted.
    public static func preCommit(workspace: Workspace, today: CalendarDate, files: [String] = []) throws -> [LintResult] {
        let repository = workspace.repository
        let components = Configuration.rootComponents(workspace.root)
        let root = components.joined(separator: "/")
        let named = coeFolders(holding: files, root: workspace.root)
        let committed = try repository.head().flatMap { try repository.subtree(at: components, inTree: try repository.commitSkeleton($0).tree) }
        // git's cached trees in the index: the COE root's equal to HEAD's means nothing under it is
        // staged, and no file needs comparing (a commit that touches no COE costs almost nothing).
        if named.isEmpty, let cached = IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: components), cached == committed { return [] }
        guard let cache = IndexTreeCache.read(indexFile: repository.indexFilePath, foldersUnder: root), let cachedRoot = cache.node(at: components) else {
            var request = LintRun.Request(references: [], staged: true, today: today, currentDirectory: workspace.workTree)
            if !named.isEmpty {
                let index = try IndexSource(repository: repository)
                let prefix = Configuration.rootPrefix(workspace.root)
                let existing = Set(try workspace.coeDirectories(in: index))
                request.references = Set(try LintRun.stagedCOEs(in: workspace, source: index)).union(named.map { prefix + $0 })
                    .filter(existing.contains).sorted()
            }
            return try LintRun.run(request, in: workspace)
        }
        // The folders whose cached tree git dropped (something was staged in them), folders new to the
        // cache, and folders whose cached tree differs from HEAD's (after a reset --soft, say).
        let committedFolders = Dictionary(try committed.map { try repository.entries(ofTree: $0) }?.map { ($0.name, $0.id) } ?? [],
                                          uniquingKeysWith: { first, _ in first })
        let cached = Dictionary(cachedRoot.children.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        let candidates = cache.folders.filter { name in
            guard !named.contains(name), let entry = cached[name], let id = entry else { return true }
            return committedFolders[name] != id
        }
        let prefix = Configuration.rootPrefix(workspace.root)
        // A file, link or submodule where a COE folder should be is linted too: reading it reports what it is.
        let strays = cache.files.filter { !$0.hasPrefix(".") }
        return try LintRun.lintStaged(candidates.union(strays).sorted().map { prefix + $0 }, knownIDs: cache.folders, today: today,
                                      in: workspace, rootNames: cache.folders.union(strays))
    }

    /// The names of the COE folders (under the COE root) that hold `files`, paths from the repository's top.
    static func coeFolders(holding files: [String], root: String) -> Set<String> {
        let prefix = Configuration.rootPrefix(root)
        return Set(files.compactMap { path -> String? in
            guard path.hasPrefix(prefix) else { return nil }
            let rest = path.dropFirst(prefix.count).split(separator: "/", maxSplits: 1)
            guard rest.count == 2, !rest[0].hasPrefix(".") else { return nil }
            return String(rest[0])
        })
    }

    /// `pre-push`: the process rules for the commits a push sends that the remote does not have
    /// (hiding what the remote's references already hold), with commit dates as the clock.
    public static func prePush(workspace: Workspace, remote: String?, updates: [RefUpdate]) throws -> GateReport {
        let repository = workspace.repository
        if repository.isShallow { throw IncompleteHistory() }
        let gate = Gate(repository: repository, configuration: workspace.configuration)
        let known = try remote.map { try repository.referencedCommits(matching: "refs/remotes/\($0)/*") } ?? []
        var commits: Set<ObjectID> = []
        var findings: [Diagnostic] = []
        for update in updates where !update.isDeletion {
            let hidden = known + [update.old].compactMap { $0 }.filter { repository.isCommit($0) }
            // A set: the first push of a long history brings tens of thousands of commits.
            let new = try gate.newCommits(tips: [update.new!], hiding: hidden).filter { commits.insert($0).inserted }
            findings += try gate.checkProcess(new) + gate.checkSecrets(new)
            if let tip = try? repository.resolveCommit(update.new!.hex) { findings += try gate.checkApprovalsStillCount(changedBy: new, at: tip) }
        }
        return GateReport(lint: [], process: findings, root: workspace.root, commits: commits.count)
    }

    /// `pre-receive` on the server: for every commit a push brings, the dates (not in the future by the
    /// server's clock), the process rules with the server's witness as the clock, lint of the COEs
    /// changed as the pushed tip has them, and approvals that still count. The configuration is the
    /// one on the server's default branch: a push cannot loosen its own rules. Every reference update is
    /// looked at, deletions included (`RefChecks`): the witness and protected branches are the server's.
    public static func preReceive(repository: Repository, updates: [RefUpdate], now: Int64) throws -> GateReport {
        if repository.isShallow { throw IncompleteHistory() }
        let policy = try ServerPolicy.read(repository)
        let configuration = try Witness.serverConfiguration(repository, policy: policy)
        var gate = Gate(repository: repository, configuration: configuration)
        let existing = try repository.referencedCommits()
        var commits: [ObjectID] = []
        var arriving: Set<ObjectID> = []
        var perTip: [(tip: ObjectID, new: [ObjectID])] = []
        for update in updates where !update.isDeletion {
            // A set: the first push of a long history brings tens of thousands of commits.
            let new = try gate.newCommits(tips: [update.new!], hiding: existing).filter { arriving.insert($0).inserted }
            commits += new
            if let tip = try? repository.resolveCommit(update.new!.hex) { perTip.append((tip, new)) }
        }
        // Without a witness, a commit's date stands in only for the commits the server had before its hooks
        // (the baseline). Any other is unwitnessed: its period is counted from now, so it is refused, and said why.
        let baseline = try Witness.readBaseline(repository) ?? []
        var unwitnessed: Set<ObjectID> = []
        gate.clock = { [gate] commit, committed in
            if arriving.contains(commit) { return now }
            if let seen = try? Witness.firstSeen(commit, in: repository) { return seen }
            if (try? gate.newCommits(tips: [commit], hiding: baseline).isEmpty) == true { return committed }
            unwitnessed.insert(commit)
            return now
        }
        // Signatures are checked against the keys the server holds (rules P12, P13), only where a rule reads them.
        let verifier = SignatureVerifier(serverRepository: repository)
        gate.signatures = { try verifier.check($0, in: repository) }
        var findings = try RefChecks.check(updates, in: repository)
        findings += ServerPolicy.check(updates, policy: policy, in: repository)
        let skew = Int64(configuration.clockSkewMinutes) * 60
        for commit in commits {
            let info = try repository.commit(commit)
            if info.committer.time > now + skew || info.author.time > now + skew {
                findings.append(Diagnostic(file: configuration.root, rule: ReviewPeriod.description.id,
                    message: "commit \(commit.abbreviated(8)) \"\(info.subject)\" is dated \(Timestamp(seconds: max(info.committer.time, info.author.time))), "
                        + "in the future by the server's clock (\(Timestamp(seconds: now))); review periods are measured from dates"))
            }
        }
        findings += try gate.checkProcess(commits)
        var lint: [LintResult] = []
        for (tip, new) in perTip {
            lint += try gate.lint(changedBy: new, at: tip, today: CalendarDate(utcSeconds: now)).filter { result in !lint.contains { $0.directory == result.directory } }
            findings += try gate.checkApprovalsStillCount(changedBy: new, at: tip)
        }
        // The scan's limit is the ceiling, not the pushed configuration's (which a push could lower first).
        let tips = updates.compactMap(\.new).filter { repository.objectKind($0) != .commit }
        findings += try gate.checkSecrets(commits, tips: tips, besides: lint, limit: ReadLimits.ceiling.coeBytes, oversizeIsError: true)
        // Say why a refused period counts from now when its start is an unwitnessed commit (P2 names it).
        var explained: Set<String> = []
        for period in findings where period.rule == ReviewPeriod.description.id {
            for commit in unwitnessed.sorted(by: { $0.hex < $1.hex })
            where period.message.contains("in \(commit.abbreviated(8))") && explained.insert(period.file + commit.hex).inserted {
                let info = try repository.commit(commit)
                findings.append(Diagnostic(file: period.file, rule: ReviewPeriod.description.id, message:
                    "commit \(commit.abbreviated(8)) \"\(info.subject)\" has no witness: the server did not record when it first saw it "
                        + "(it arrived after the hooks were installed), so a review period from it cannot be measured and is counted from now; "
                        + "wait the review period from now, or ask the server's administrator (docs/hooks.md, \"Threat model\")"))
            }
        }
        // On the server only errors block: warnings are the author's business.
        lint = lint.map { LintResult(directory: $0.directory, id: $0.id, status: $0.status, findings: $0.findings.filter { $0.level == .error }) }
        return GateReport(lint: lint, process: findings, root: configuration.root, commits: commits.count)
    }

    /// `post-receive` on the server: records when it first saw each new commit that changed a COE
    /// (the witness `pre-receive` measures review periods from). Returns how many were recorded.
    public static func postReceive(repository: Repository, updates: [RefUpdate], now: Int64) throws -> Int {
        let configuration = try Witness.serverConfiguration(repository)
        let gate = Gate(repository: repository, configuration: configuration)
        var seen: [ObjectID] = []
        var looked: Set<ObjectID> = []
        for update in updates where !update.isDeletion {
            let hidden = [update.old].compactMap { $0 }.filter { repository.isCommit($0) }
            for commit in try gate.newCommits(tips: [update.new!], hiding: hidden) where looked.insert(commit).inserted {
                if try !gate.changedFolders(commit).isEmpty { seen.append(commit) }
            }
        }
        return try Witness.record(seen, at: now, in: repository)
    }
}
