import COEFormat
import COEHistory
import COELint
import COEProcess
import COEWorkspace
import Foundation
import GitKit

/// The review of a COE, done in the repository: each status change, comment, reply, resolution and
/// approval is one commit made by the tool, with trailers a machine can read (docs/workflow.md).
///
/// Every command works on the COE as HEAD has it, and judges the commit it is about to make with the
/// process rules (COEProcess: P1 moves, P2 review period, P3 who approves, P4 open comments, P6 done
/// actions), the same functions the gates and the audit run, and with lint to enter review, before
/// writing anything. Every rule that refuses is reported at once.
public struct Workflow {
    /// What a command did.
    public struct Outcome: Sendable {
        public let commit: ObjectID
        public let subject: String
        public let statusFrom: COEStatus?
        public let statusTo: COEStatus?
        /// The review record written, if any.
        public let record: ReviewRecord?
        /// More to tell the user ("approvals: 1 of 2").
        public let notes: [String]
    }

    public let workspace: Workspace
    public let identity: Identity
    var repository: Repository { workspace.repository }
    /// How long to wait for another coe command's lock.
    public var patience: TimeInterval = 30
    /// The repository's COEs as the similarity measure reads them, for lint rule W7 when a COE enters
    /// review (`coe submit` takes them from the search index): its findings are told, never refused.
    public var corpus = RepeatCorpus([])
    /// The saved copy of the text being sent (`guarded`), removed by the committer once its commit landed.
    var savedText: String?

    public init(workspace: Workspace, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.workspace = workspace
        identity = try Identity.current(in: workspace.repository, environment: environment)
    }

    // MARK: Status

    /// draft → review, once the COE is lint-clean at error level.
    public func submit(_ reference: String) throws -> Outcome {
        try move(reference, to: .review)
    }

    /// review → draft.
    public func withdraw(_ reference: String) throws -> Outcome {
        try move(reference, to: .draft)
    }

    /// Any move rule P1 allows but approval (which `approve` makes): review, draft, published, closed.
    public func move(_ reference: String, to target: COEStatus) throws -> Outcome {
        if target == .approved {
            throw WorkflowError.usage("a COE is approved with coe approve, which records who approved it and checks the review rules")
        }
        var result: (from: COEStatus, to: COEStatus)?
        var subject = ""
        var warnings: [String] = []
        let made = try committer().commit { base in
            let coe = try locate(reference, base)
            let from = coe.document.metadata.status
            let change = ProcessEvent.Change(commit: proposedCommit, statusBefore: from, statusAfter: target)
            var refusals = try judge(change, of: coe, base: base)
            let metadata = try coe.setStatus(target)
            // Entering review needs a lint-clean COE; a move P1 refuses is not linted (its findings would be noise).
            if target == .review, refusals.isEmpty {
                let lint = try lintFindings(coe, metadata: metadata)
                refusals += lint.refusals
                warnings = lint.repeats
            }
            if !refusals.isEmpty { throw WorkflowError.refused(refusals) }
            result = (from, target)
            let verb = [COEStatus.review: "submit for review", .draft: "withdraw from review", .published: "publish", .closed: "close"][target] ?? target.rawValue
            subject = "COE \(coe.id): \(verb) (\(from.rawValue) → \(target.rawValue))"
            return ([metadata], message(subject, body: nil, trailers: [("COE-Id", coe.id), ("COE-Status", "\(from.rawValue) -> \(target.rawValue)")]))
        }
        return Outcome(commit: made.commit, subject: subject, statusFrom: result?.from, statusTo: result?.to, record: nil,
                       notes: made.recovered + warnings)
    }

    // MARK: Comments

    /// A review comment, on the whole COE or on a part, a line of it, or an item.
    public func comment(_ reference: String, text: String, part: String? = nil, line: Int? = nil, item: String? = nil) throws -> Outcome {
        try guarded(text, command: "comment", coe: reference, required: true) {
            try $0.record(reference, kind: .comment, text: text, part: part, line: line, item: item)
        }
    }

    /// A request for changes: a comment that blocks approval until it is resolved.
    public func requestChanges(_ reference: String, text: String) throws -> Outcome {
        try guarded(text, command: "request-changes", coe: reference, required: true) {
            try $0.record(reference, kind: .changesRequested, text: text)
        }
    }

    public func reply(_ reference: String, to comment: String, text: String) throws -> Outcome {
        try guarded(text, command: "reply", coe: reference, required: true) {
            try $0.record(reference, kind: .reply, text: text, replyTo: comment)
        }
    }

    /// Resolves a comment, saying what was changed (the answer stays in the COE, rule P4).
    public func resolve(_ reference: String, comment: String, text: String) throws -> Outcome {
        try guarded(text, command: "resolve", coe: reference) {
            try $0.record(reference, kind: .resolution, text: text, replyTo: comment)
        }
    }

    /// Withdraws one's own comment or request for changes (a mistake, or a question answered elsewhere): a
    /// retraction record that closes the thread; the comment stays in the record (P11), marked retracted.
    public func retract(_ reference: String, comment: String, text: String) throws -> Outcome {
        try guarded(text, command: "retract", coe: reference) {
            try $0.record(reference, kind: .retraction, text: text, replyTo: comment)
        }
    }

    /// The review state of a COE as HEAD has it, and how its approvals count (needs no identity: it only reads).
    public static func reviewState(_ reference: String, in workspace: Workspace) throws
        -> (id: String, directory: String, state: ReviewState, approvals: ApprovalCount) {
        let repository = workspace.repository
        guard let head = try repository.head() else { throw WorkflowError.usage("the branch has no commit yet") }
        let coe = try locate(reference, Committer.Base(commit: head, tree: try repository.commit(head).tree), in: workspace)
        let facts = try standingFacts(coe.document, at: coe.directory, in: coe.source, workspace: workspace, head: head)
        return (coe.id, coe.directory, facts.review, facts.approvals)
    }

    /// A COE as `source` has it, with what the process rules need to count its approvals: its content
    /// hash, and its creator from the history up to `head`. `coe comments` (HEAD) and `coe show` (the
    /// work tree) count through this.
    public static func standingFacts(_ document: COEDocument, at directory: String, in source: FileSource, workspace: Workspace,
                                     head: ObjectID?) throws -> ProcessFacts {
        let repository = workspace.repository
        let content = try ContentHash.identity(directory: directory, in: source, repository: repository)
        let creator = try StatusMoves.creator(of: document.metadata.id, at: directory, from: head, root: workspace.root, in: repository)
        return ProcessFacts(document: document, creator: creator, content: content, configuration: workspace.configuration)
    }

    // MARK: Approval

    /// Records an approval of the COE's current content; with enough approvals, moves it to approved.
    public func approve(_ reference: String, text: String = "") throws -> Outcome {
        try guarded(text, command: "approve", coe: reference) {
            try $0.record(reference, kind: .approval, text: text)
        }
    }

    // MARK: Building blocks

    func committer() -> Committer {
        var committer = Committer(repository: repository, workTree: workspace.workTree, identity: identity)
        committer.patience = patience
        committer.savedText = savedText
        return committer
    }

    /// Writes one review record (and, for an approval that completes the review, the status move).
    func record(_ reference: String, kind: ReviewRecord.Kind, text: String, part: String? = nil, line: Int? = nil, item: String? = nil,
                replyTo: String? = nil) throws -> Outcome {
        var written: ReviewRecord?
        var statusMove: (COEStatus, COEStatus)?
        var notes: [String] = []
        var subject = ""
        let made = try committer().commit { base in
            let coe = try locate(reference, base)
            let state = ReviewState(coe.document.review)
            let at = Timestamp(seconds: identity.author.time)
            var record = ReviewRecord(id: "", kind: kind, author: "\(identity.author.name) <\(identity.author.email)>", at: at,
                                      part: part, line: line, item: item, text: text)
            var writes: [Committer.FileWrite] = []
            var trailers: [(String, String)] = [("COE-Id", coe.id)]
            statusMove = nil
            notes = []
            switch kind {
            case .comment, .changesRequested:
                try checkTarget(part: part, line: line, item: item, in: coe)
                if kind == .changesRequested {
                    // A request for changes is judged too (P13: signed where signing is required).
                    let status = coe.document.metadata.status
                    let change = ProcessEvent.Change(commit: proposedCommit, statusBefore: status, statusAfter: status,
                                                     changeRequestsAdded: [record])
                    let refusals = try judge(change, of: coe, base: base)
                    if !refusals.isEmpty { throw WorkflowError.refused(refusals) }
                }
                let place = [part, line.map { "line \($0)" }, item].compactMap { $0 }.joined(separator: ", ")
                subject = "COE \(coe.id): \(kind == .comment ? "comment" : "request changes")" + (place.isEmpty ? "" : " on \(place)")
            case .reply, .resolution, .retraction:
                let thread: ReviewState.Thread
                do { thread = try state.thread(replyTo ?? "") } catch let error as ThreadReferenceError { throw WorkflowError.usage(error.message) }
                if kind.closesThread, let closed = thread.resolution {
                    throw WorkflowError.usage("comment \(thread.comment.id) was already \(thread.isRetracted ? "retracted" : "resolved") by "
                                              + "\(closed.authorName) (\(closed.id))")
                }
                record.replyTo = thread.comment.id
                if kind.closesThread {
                    record.id = try recordID(for: record, at: at)
                    try checkResolution(record, of: coe, base: base)
                }
                let (verb, trailer) = kind == .reply ? ("reply to", "COE-Reply-To") : kind == .resolution ? ("resolve", "COE-Resolves")
                    : ("retract", "COE-Retracts")
                subject = "COE \(coe.id): \(verb) comment \(thread.comment.id)"
                trailers.append((trailer, thread.comment.id))
            case .imported:
                throw WorkflowError.usage("an import is made by coe import, with the COE it brings in")
            case .approval:
                record.contentHash = try content(of: coe).current
                record.id = try recordID(for: record, at: at)
                let approvals = try checkApproval(record, of: coe, base: base)
                let required = workspace.configuration.requiredApprovals
                notes.append("approvals of this content: \(approvals.counting.count) of \(required)")
                let status = coe.document.metadata.status
                if status == .review && approvals.isEnough {
                    writes.append(try coe.setStatus(.approved))
                    statusMove = (status, .approved)
                    trailers.append(("COE-Status", "\(status.rawValue) -> approved"))
                    subject = "COE \(coe.id): approve (\(status.rawValue) → approved)"
                } else {
                    notes.append(contentsOf: approvals.stillNeeded)
                    subject = "COE \(coe.id): approve (\(approvals.counting.count) of \(required))"
                }
                trailers.append(("COE-Content", record.contentHash ?? ""))
            }
            if record.id.isEmpty { record.id = try recordID(for: record, at: at) }
            let bytes = Array(ReviewFile.serialize(record).utf8)
            writes.insert(Committer.FileWrite(path: "\(coe.directory)/\(ReviewFile.folder)/\(record.id).yaml", bytes: bytes), at: 0)
            trailers.insert((kind == .approval ? "COE-Approval" : "COE-Comment", record.id), at: 1)
            written = record
            return (writes, message(subject, body: text.isEmpty ? nil : text, trailers: trailers))
        }
        return Outcome(commit: made.commit, subject: subject, statusFrom: statusMove?.0, statusTo: statusMove?.1, record: written,
                       notes: made.recovered + notes)
    }

    /// The rules an approval must pass (P1 status, P2 period, P3 who, P4 open comments), all judged at
    /// once; returns how the approvals count with this one. An approved COE whose approvals the content
    /// has outgrown can be approved again.
    func checkApproval(_ approval: ReviewRecord, of coe: Located, base: Committer.Base) throws -> ApprovalCount {
        let status = coe.document.metadata.status
        var facts = try processFacts(coe, base: base)
        let me = identity.author
        let approvedBefore = facts.records.contains {
            $0.kind == .approval && facts.content.matches($0.contentHash)
                && Person(of: $0).isSame(as: Person(name: me.name, email: me.email))
        }
        if approvedBefore { throw WorkflowError.usage("\(me.name) has already approved this content of \(coe.id)") }
        if status.isApproved && facts.approvals.isEnough {
            throw WorkflowError.usage("\(coe.id) is \(status.rawValue) and its approvals of this content count; "
                                      + "there is nothing to approve")
        }
        facts.records.append(approval)
        let approvals = facts.approvals
        let after: COEStatus = status == .review && approvals.isEnough ? .approved : status
        let change = ProcessEvent.Change(commit: proposedCommit, statusBefore: status, statusAfter: after, approvalsAdded: [approval])
        let refusals = Self.refusals(ProcessRules.check(facts, .change(change)))
        if !refusals.isEmpty { throw WorkflowError.refused(refusals) }
        return approvals
    }

    /// The rules a resolution or retraction must pass (P10: who may close the thread), judged as the gates judge it.
    func checkResolution(_ resolution: ReviewRecord, of coe: Located, base: Committer.Base) throws {
        var facts = try processFacts(coe, base: base, content: .unknown)
        facts.records.append(resolution)
        let status = coe.document.metadata.status
        let change = ProcessEvent.Change(commit: proposedCommit, statusBefore: status, statusAfter: status,
                                         resolutionsAdded: [resolution])
        let refusals = Self.refusals(ProcessRules.check(facts, .change(change)))
        if !refusals.isEmpty { throw WorkflowError.refused(refusals) }
    }

    /// The commit about to be made, as the process rules judge it: its author, and the committer date
    /// as its time (`GIT_COMMITTER_DATE` when set, else the clock).
    /// Its signature is not checked when commits will be signed (`commit.gpgsign`: the server verifies it),
    /// and unsigned otherwise, so that P13 refuses a record `review.require_signed` wants signed before
    /// anything is committed.
    var proposedCommit: CommitStamp {
        let signs = (try? repository.configBool("commit.gpgsign")) == true
        return CommitStamp(id: "", author: Person(identity.author), committed: identity.committer.time,
                           signature: signs ? .notChecked : .unsigned)
    }

    /// The facts of a COE as HEAD has it: its history (creator, status moves) and content.
    func processFacts(_ coe: Located, base: Committer.Base, content: ContentIdentity? = nil) throws -> ProcessFacts {
        let history = try statusMoves(coe, base: base)
        return ProcessFacts(document: coe.document, creator: history.creator, moves: history.processMoves(),
                            content: try content ?? self.content(of: coe), configuration: workspace.configuration)
    }

    /// What the process rules refuse in a status move. Only a move that publishes or closes needs the COE's
    /// history and content; others are judged on the move alone (submitting reads no history).
    func judge(_ change: ProcessEvent.Change, of coe: Located, base: Committer.Base) throws -> [ProcessFinding] {
        let facts = change.needsReview || change.closes
            ? try processFacts(coe, base: base)
            : ProcessFacts(document: coe.document, creator: nil, content: .unknown, configuration: workspace.configuration)
        return Self.refusals(ProcessRules.check(facts, .change(change)))
    }

    /// The findings that refuse a step: errors (a warning is the reviewers' business).
    static func refusals(_ findings: [ProcessFinding]) -> [ProcessFinding] { findings.filter { $0.level == .error } }

    /// The COE's status moves, newest first, from history (never from a field an author can edit).
    /// A shallow clone's history ends early (a review period, a creator cut off): a step that needs it is
    /// refused there (exit 2, `git fetch --unshallow`), never judged on part of the history.
    func statusMoves(_ coe: Located, base: Committer.Base) throws -> [StatusMoves.Move] {
        if repository.isShallow { throw IncompleteHistory() }
        return try StatusMoves.of(coe: coe.id, at: coe.directory, from: base.commit, root: workspace.root, in: repository)
    }

    /// Why the COE may not enter review: its lint errors (a COE enters review without errors), as one
    /// refusal; and its root causes seen before in earlier COEs (W7), told as warnings.
    func lintFindings(_ coe: Located, metadata: Committer.FileWrite) throws -> (refusals: [ProcessFinding], repeats: [String]) {
        let source = OverlaySource(base: coe.source, overrides: [metadata.path: metadata.bytes])
        var session = try LintSession(configuration: workspace.configuration, repository: repository,
                                      today: CalendarDate(utcSeconds: identity.committer.time))
        session.corpus = corpus
        let result = session.lint(coe.directory, in: source, knownIDs: try LintSession.knownIDs(in: coe.source, root: workspace.root))
        let refusals = Self.lintRefusal(coe.id, errors: result.findings.filter { $0.level == .error },
                                        why: "a COE enters review without errors; coe lint \(coe.id)").map { [$0] } ?? []
        let repeats = result.findings.filter { $0.rule == RootCauseSeenBefore.description.id && $0.level != .note }
        return (refusals, repeats.map(\.description))
    }

    /// The refusal of a COE that is not lint-clean (entering review, being imported), with its first errors.
    static func lintRefusal(_ id: String, errors: [Diagnostic], why: String) -> ProcessFinding? {
        guard !errors.isEmpty else { return nil }
        return ProcessFinding(rule: "lint", level: .error,
                              message: "\(id) is not lint-clean: \(errors.count) error\(errors.count == 1 ? "" : "s") (\(why)):\n"
                                  + errors.prefix(20).map { "  \($0.description)" }.joined(separator: "\n"))
    }

    /// The parts a comment may be about (`--part`).
    public static let commentParts = Part.allCases.map(\.rawValue) + ["title", "metadata"]

    func checkTarget(part: String?, line: Int?, item: String?, in coe: Located) throws {
        let document = coe.document
        if let part {
            let known = Set(Self.commentParts)
            guard known.contains(part) else {
                throw WorkflowError.usage("unknown part '\(part)'; one of: \(known.sorted().joined(separator: ", "))")
            }
        }
        if line != nil && part == nil { throw WorkflowError.usage("--line needs --part (the file the line is in)") }
        if let line, let part { try checkLine(line, part: part, in: coe) }
        if let item {
            let actions = Set(document.actions.map(\.id))
            let times = Set(document.timeline.map { $0.at.description })
            guard actions.contains(item) || times.contains(item) else {
                throw WorkflowError.usage("no action item or timeline entry '\(item)' in \(document.metadata.id) (action ids: "
                    + (actions.isEmpty ? "none" : actions.sorted(by: naturalLess).joined(separator: ", ")) + "; timeline entries by their time)")
            }
        }
    }

    /// A comment points at a line that exists in the part's file as HEAD has it: a line past the end
    /// would be a comment no one can find.
    func checkLine(_ line: Int, part: String, in coe: Located) throws {
        let file = Part(rawValue: part)?.path ?? COELayout.metadataFile
        guard !file.hasSuffix("/") else {
            throw WorkflowError.usage("--line needs a part held in one file; \(part) is a folder (\(file)): comment on it without --line")
        }
        let bytes = try coe.source.read("\(coe.directory)/\(file)") ?? []
        let count = bytes.isEmpty ? 0 : bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            - (bytes.last == UInt8(ascii: "\n") ? 1 : 0)
        guard line >= 1, line <= count else {
            throw WorkflowError.usage("\(coe.directory)/\(file) has \(count) line\(count == 1 ? "" : "s"); --line \(line) "
                                      + "is not one of them (lines are numbered from 1)")
        }
    }

    func content(of coe: Located) throws -> ContentIdentity {
        try ContentHash.identity(directory: coe.directory, in: coe.source, repository: repository)
    }

    /// `YYYYMMDDTHHMMSSZ-` and the first 10 hex digits of a hash of the record, the moment and this process.
    func recordID(for record: ReviewRecord, at: Timestamp) throws -> String {
        let seed = "\(ReviewFile.serialize(record))\n\(getpid())\n\(UUID().uuidString)"
        return "\(at.compactUTC)-\(try repository.hashBlob(Array(seed.utf8)).hex.prefix(10))"
    }

    /// A commit message: subject, optional body, and the trailers as the last paragraph.
    func message(_ subject: String, body: String?, trailers: [(String, String)]) -> String {
        var text = subject + "\n\n"
        if let body, !body.isEmpty { text += body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        text += trailers.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
        return text
    }

    // MARK: Locating the COE

    /// A COE as the base commit has it.
    struct Located {
        let id: String
        let directory: String
        let document: COEDocument
        let source: GitTreeSource
        let metadataBytes: [UInt8]

        /// coe.yaml with its `status:` line set to `status` (the rest of the file as written).
        func setStatus(_ status: COEStatus) throws -> Committer.FileWrite {
            guard let bytes = StatusLine.replacing(status, in: metadataBytes) else {
                throw WorkflowError.usage("\(directory)/\(COELayout.metadataFile) has no top-level status line")
            }
            return Committer.FileWrite(path: "\(directory)/\(COELayout.metadataFile)", bytes: bytes)
        }
    }

    /// The COE a command that changes state names: by its id, folder, or a prefix long enough (`checkPrefix`).
    func locate(_ reference: String, _ base: Committer.Base) throws -> Located {
        let coe = try Workflow.locate(reference, base, in: workspace)
        try Self.checkPrefix(reference, names: coe.directory)
        return coe
    }

    static func locate(_ reference: String, _ base: Committer.Base, in workspace: Workspace) throws -> Located {
        let source = GitTreeSource(repository: workspace.repository, tree: base.tree, label: "HEAD")
        let directory: String
        do {
            directory = try workspace.resolve(reference, in: source)
        } catch let error as WorkspaceError {
            throw WorkflowError.usage("\(error.message) (the workflow works on committed COEs: commit it first)")
        }
        let document: COEDocument
        do {
            document = try COEReader.read(directory: directory, from: source, limits: workspace.configuration.readLimits)
        } catch let error as FormatError {
            // A document that cannot be read is a finding (exit 1) wherever it is met; the workflow reads HEAD's.
            throw FormatError(error.diagnostics + [Diagnostic(file: directory, level: .note,
                                                              message: "cannot be read at HEAD (the workflow works on committed COEs): fix it and commit")])
        }
        let bytes = try source.read("\(directory)/\(COELayout.metadataFile)") ?? []
        return Located(id: document.metadata.id, directory: directory, document: document, source: source, metadataBytes: bytes)
    }
}

extension Workflow {
    /// Characters of the random part a prefix must give for a command that changes state: one letter
    /// may name the only COE today and another tomorrow, and the commit cannot be taken back.
    public static let minimumPrefix = 4

    /// A COE named by a prefix (rather than its full id or folder) is named by at least `minimumPrefix`
    /// characters of its random part. Reading commands keep accepting shorter unique prefixes.
    static func checkPrefix(_ reference: String, names directory: String) throws {
        let trimmed = reference.hasSuffix("/") ? String(reference.dropLast()) : reference
        let name = String(COELayout.lastName(of: directory))
        if trimmed == name || trimmed == directory || trimmed.hasSuffix("/" + name) { return }
        guard let random = COEID.randomPart(of: name) else { return }
        // A prefix of the whole id (`2026-10-14-k7`) gives the characters after the date; else it is of the random part.
        let given = name.hasPrefix(trimmed) ? max(0, trimmed.count - (name.count - random.count)) : trimmed.count
        guard given < minimumPrefix else { return }
        throw WorkflowError.usage("'\(reference)' is too short to name a COE for a command that changes it: give at least "
                                  + "\(minimumPrefix) characters of the random part (coe … \(random.prefix(minimumPrefix)) for \(name))")
    }
}

