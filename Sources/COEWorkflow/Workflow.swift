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
/// Every command works on the COE as HEAD has it, and checks the rules of the standard that apply
/// (P1 moves, P2 review period, P3 who approves, P4 open comments, P6 done actions, lint-clean to
/// enter review) before writing anything.
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
        let commit = try committer().commit { base in
            let coe = try locate(reference, base)
            let from = coe.document.metadata.status
            guard from.canMove(to: target) else {
                let allowed = from.allowedMoves.map { "\(from.rawValue) → \($0.rawValue)" }
                throw WorkflowError.refused(rule: "P1", "\(coe.id) is \(from.rawValue); it cannot move to \(target.rawValue). "
                    + (allowed.isEmpty ? "A closed COE moves no further." : "Allowed: \(allowed.joined(separator: ", "))."))
            }
            let metadata = try coe.setStatus(target)
            switch target {
            case .review: try requireLintClean(coe, metadata: metadata)
            case .closed: try requireActionsDone(coe.document)
            case .published: try requireValidApprovals(coe, base: base)
            default: break
            }
            result = (from, target)
            let verb = [COEStatus.review: "submit for review", .draft: "withdraw from review", .published: "publish", .closed: "close"][target] ?? target.rawValue
            subject = "COE \(coe.id): \(verb) (\(from.rawValue) → \(target.rawValue))"
            return ([metadata], message(subject, body: nil, trailers: [("COE-Id", coe.id), ("COE-Status", "\(from.rawValue) -> \(target.rawValue)")]))
        }
        return Outcome(commit: commit, subject: subject, statusFrom: result?.from, statusTo: result?.to, record: nil, notes: [])
    }

    // MARK: Comments

    /// A review comment, on the whole COE or on a part, a line of it, or an item.
    public func comment(_ reference: String, text: String, part: String? = nil, line: Int? = nil, item: String? = nil) throws -> Outcome {
        try guarded(text, command: "comment", coe: reference) {
            try record(reference, kind: .comment, text: text, part: part, line: line, item: item)
        }
    }

    /// A request for changes: a comment that blocks approval until it is resolved.
    public func requestChanges(_ reference: String, text: String) throws -> Outcome {
        try guarded(text, command: "request-changes", coe: reference) {
            try record(reference, kind: .changesRequested, text: text)
        }
    }

    public func reply(_ reference: String, to comment: String, text: String) throws -> Outcome {
        try guarded(text, command: "reply", coe: reference) {
            try record(reference, kind: .reply, text: text, replyTo: comment)
        }
    }

    /// Resolves a comment, saying what was changed (the answer stays in the COE, rule P4).
    public func resolve(_ reference: String, comment: String, text: String) throws -> Outcome {
        try guarded(text, command: "resolve", coe: reference) {
            try record(reference, kind: .resolution, text: text, replyTo: comment)
        }
    }

    /// The review state of a COE as HEAD has it (needs no identity: it only reads).
    public static func reviewState(_ reference: String, in workspace: Workspace) throws
        -> (id: String, directory: String, state: ReviewState, contentHash: String) {
        let repository = workspace.repository
        guard let head = try repository.head() else { throw WorkflowError.usage("the branch has no commit yet") }
        let coe = try locate(reference, Committer.Base(commit: head, tree: try repository.commit(head).tree), in: workspace)
        return (coe.id, coe.directory, ReviewState(coe.document.review),
                try ContentHash.of(directory: coe.directory, in: coe.source, repository: repository))
    }

    // MARK: Approval

    /// Records an approval of the COE's current content; with enough approvals, moves it to approved.
    public func approve(_ reference: String, text: String = "") throws -> Outcome {
        try guarded(text, command: "approve", coe: reference) {
            try record(reference, kind: .approval, text: text)
        }
    }

    // MARK: Building blocks

    func committer() -> Committer {
        var committer = Committer(repository: repository, workTree: workspace.workTree, identity: identity)
        committer.patience = patience
        return committer
    }

    /// Runs `body`; when no commit could be made, the text the user wrote is saved and the error says where.
    func guarded(_ text: String, command: String, coe: String, _ body: () throws -> Outcome) throws -> Outcome {
        do {
            return try body()
        } catch WorkflowError.notCommitted(let message, _) where !text.isEmpty {
            throw WorkflowError.notCommitted(message, savedAt: PendingText.save(text, command: command, coe: coe, repository: repository))
        } catch let error as GitError where !text.isEmpty {
            throw WorkflowError.notCommitted("\(error)", savedAt: PendingText.save(text, command: command, coe: coe, repository: repository))
        }
    }

    /// Writes one review record (and, for an approval that completes the review, the status move).
    func record(_ reference: String, kind: ReviewRecord.Kind, text: String, part: String? = nil, line: Int? = nil, item: String? = nil,
                replyTo: String? = nil) throws -> Outcome {
        var written: ReviewRecord?
        var statusMove: (COEStatus, COEStatus)?
        var notes: [String] = []
        var subject = ""
        let commit = try committer().commit { base in
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
                try checkTarget(part: part, line: line, item: item, in: coe.document)
                let place = [part, line.map { "line \($0)" }, item].compactMap { $0 }.joined(separator: ", ")
                subject = "COE \(coe.id): \(kind == .comment ? "comment" : "request changes")" + (place.isEmpty ? "" : " on \(place)")
            case .reply, .resolution:
                let thread: ReviewState.Thread
                do { thread = try state.thread(replyTo ?? "") } catch let error as ThreadReferenceError { throw WorkflowError.usage(error.message) }
                if kind == .resolution, let resolution = thread.resolution {
                    throw WorkflowError.usage("comment \(thread.comment.id) was already resolved by \(resolution.authorName) (\(resolution.id))")
                }
                record.replyTo = thread.comment.id
                subject = "COE \(coe.id): \(kind == .reply ? "reply to" : "resolve") comment \(thread.comment.id)"
                trailers.append((kind == .reply ? "COE-Reply-To" : "COE-Resolves", thread.comment.id))
            case .approval:
                let (hash, move, creator) = try checkApproval(coe, state: state, base: base)
                record.contentHash = hash
                let valid = rules.counting(state, contentHash: hash, coe: coe.id, creator: creator, owner: coe.document.metadata.owner)
                    .filter { $0.authorEmail != record.authorEmail } + [record]
                notes.append("approvals of this content: \(valid.count) of \(workspace.configuration.requiredApprovals)")
                if let move {
                    writes.append(try coe.setStatus(.approved))
                    statusMove = (move, .approved)
                    trailers.append(("COE-Status", "\(move.rawValue) -> approved"))
                    subject = "COE \(coe.id): approve (\(move.rawValue) → approved)"
                } else {
                    notes.append(contentsOf: rules.stillNeeded(severity: coe.document.metadata.severity, counting: valid))
                    subject = "COE \(coe.id): approve (\(valid.count) of \(workspace.configuration.requiredApprovals))"
                }
                trailers.append(("COE-Content", hash))
            }
            record.id = try recordID(for: record, at: at)
            let bytes = Array(ReviewFile.serialize(record).utf8)
            writes.insert(Committer.FileWrite(path: "\(coe.directory)/\(ReviewFile.folder)/\(record.id).yaml", bytes: bytes), at: 0)
            trailers.insert((kind == .approval ? "COE-Approval" : "COE-Comment", record.id), at: 1)
            written = record
            return (writes, message(subject, body: text.isEmpty ? nil : text, trailers: trailers))
        }
        return Outcome(commit: commit, subject: subject, statusFrom: statusMove?.0, statusTo: statusMove?.1, record: written, notes: notes)
    }

    /// The rules an approval must pass (P1 status, P2 period, P3 who, P4 open comments); returns the
    /// content hash approved, the status it moves from when it completes the review, and the COE's creator.
    func checkApproval(_ coe: Located, state: ReviewState, base: Committer.Base) throws -> (String, COEStatus?, Person?) {
        let status = coe.document.metadata.status
        let hash = try contentHash(coe)
        let configuration = workspace.configuration
        let me = identity.author
        let history = try statusMoves(coe, base: base)
        let creator = history.creator
        let owner = coe.document.metadata.owner
        let counting = rules.counting(state, contentHash: hash, coe: coe.id, creator: creator, owner: owner)
        // An approved COE whose approvals the content has outgrown can be approved again.
        let needsReapproval = status.isApproved && !rules.stillNeeded(severity: coe.document.metadata.severity, counting: counting).isEmpty
        if status != .review && !needsReapproval {
            throw WorkflowError.refused(rule: "P1", "\(coe.id) is \(status.rawValue); only a COE in review can be approved (coe submit \(coe.id))")
        }
        // P3: not by its author (who created it, or its owner), and by a configured reviewer where there are any.
        if let refusal = rules.refusal(email: me.email, name: me.name, coe: coe.id, creator: creator, owner: owner) {
            throw WorkflowError.refused(rule: "P3", refusal)
        }
        if state.validApprovals(contentHash: hash).contains(where: { $0.authorEmail == me.email.lowercased() }) {
            throw WorkflowError.usage("\(me.name) has already approved this content of \(coe.id)")
        }
        // P2: the review period, from the commit that moved the COE into review (history, not a field).
        if status == .review {
            guard let entered = history.enteredReview else {
                throw WorkflowError.refused(rule: "P2", "the history does not show when \(coe.id) entered review")
            }
            let start = entered.commit.committer.time
            let due = start + Int64(configuration.reviewPeriodHours) * 3600
            let now = identity.committer.time
            if now < due {
                let left = due - now
                throw WorkflowError.refused(rule: "P2", "\(coe.id) entered review \(Timestamp(seconds: start)) (\(entered.commit.id.abbreviated(8))); "
                    + "the review period is \(configuration.reviewPeriodHours) h: approvable after \(Timestamp(seconds: due).utcMinute), in \(hoursAndMinutes(left))")
            }
        }
        // P4: every comment answered first.
        let open = state.openThreads
        if !open.isEmpty {
            throw WorkflowError.refused(rule: "P4", "\(open.count) unresolved comment\(open.count == 1 ? "" : "s") on \(coe.id): "
                + open.map(\.comment.id).joined(separator: ", ") + " (coe comments \(coe.id) --open)")
        }
        let mine = ReviewRecord(id: "", kind: .approval, author: "\(me.name) <\(me.email)>", at: Timestamp(seconds: me.time), contentHash: hash, text: "")
        let complete = rules.stillNeeded(severity: coe.document.metadata.severity, counting: counting + [mine]).isEmpty
        return (hash, status == .review && complete ? .review : nil, creator)
    }

    var rules: ApprovalRules { ApprovalRules(configuration: workspace.configuration) }

    /// The COE's status moves, newest first, from history (never from a field an author can edit).
    func statusMoves(_ coe: Located, base: Committer.Base) throws -> [StatusMoves.Move] {
        try StatusMoves.of(coe: coe.id, at: coe.directory, from: base.commit, root: workspace.root, in: repository)
    }

    func requireValidApprovals(_ coe: Located, base: Committer.Base) throws {
        let state = ReviewState(coe.document.review)
        let hash = try contentHash(coe)
        let counting = rules.counting(state, contentHash: hash, coe: coe.id, creator: try statusMoves(coe, base: base).creator,
                                      owner: coe.document.metadata.owner)
        let needed = rules.stillNeeded(severity: coe.document.metadata.severity, counting: counting)
        if !needed.isEmpty {
            let voided = state.voidedApprovals(contentHash: hash)
            throw WorkflowError.refused(rule: "P3", "\(coe.id) cannot be published: " + needed.joined(separator: "; ")
                + (voided.isEmpty ? "" : " (\(voided.count) approval\(voided.count == 1 ? " was" : "s were") given to content that has changed since; approve again)"))
        }
    }

    func requireLintClean(_ coe: Located, metadata: Committer.FileWrite) throws {
        let source = OverlaySource(base: coe.source, overrides: [metadata.path: metadata.bytes])
        let session = try LintSession(configuration: workspace.configuration, repository: repository,
                                      today: CalendarDate(utcSeconds: identity.committer.time))
        let result = session.lint(coe.directory, in: source, knownIDs: try LintSession.knownIDs(in: coe.source, root: workspace.root))
        let errors = result.findings.filter { $0.level == .error }
        if !errors.isEmpty {
            throw WorkflowError.refused(rule: "lint", "\(coe.id) is not lint-clean: \(errors.count) error\(errors.count == 1 ? "" : "s") "
                + "(a COE enters review without errors; coe lint \(coe.id)):\n" + errors.prefix(20).map { "  \($0.description)" }.joined(separator: "\n"))
        }
    }

    /// P6: every action item done (or replaced by another) before a COE is closed.
    func requireActionsDone(_ document: COEDocument) throws {
        let open = document.actions.filter { $0.status != .done && $0.status != .replaced }
        if !open.isEmpty {
            throw WorkflowError.refused(rule: "P6", "\(document.metadata.id) has \(open.count) action item\(open.count == 1 ? "" : "s") not done: "
                + open.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", "))
        }
    }

    func checkTarget(part: String?, line: Int?, item: String?, in document: COEDocument) throws {
        if let part {
            let known = Set(Part.allCases.map(\.rawValue) + ["title", "metadata"])
            guard known.contains(part) else {
                throw WorkflowError.usage("unknown part '\(part)'; one of: \(known.sorted().joined(separator: ", "))")
            }
        }
        if line != nil && part == nil { throw WorkflowError.usage("--line needs --part (the file the line is in)") }
        if let item {
            let actions = Set(document.actions.map(\.id))
            let times = Set(document.timeline.map { $0.at.description })
            guard actions.contains(item) || times.contains(item) else {
                throw WorkflowError.usage("no action item or timeline entry '\(item)' in \(document.metadata.id) (action ids: "
                    + (actions.isEmpty ? "none" : actions.sorted(by: naturalLess).joined(separator: ", ")) + "; timeline entries by their time)")
            }
        }
    }

    func contentHash(_ coe: Located) throws -> String {
        try ContentHash.of(directory: coe.directory, in: coe.source, repository: repository)
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

    func locate(_ reference: String, _ base: Committer.Base) throws -> Located {
        try Workflow.locate(reference, base, in: workspace)
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
            throw WorkflowError.usage("\(directory) cannot be read at HEAD:\n\(error)")
        }
        let bytes = try source.read("\(directory)/\(COELayout.metadataFile)") ?? []
        return Located(id: document.metadata.id, directory: directory, document: document, source: source, metadataBytes: bytes)
    }
}

/// A source with some files replaced: the COE as the commit being built will have it.
struct OverlaySource: FileSource {
    let base: FileSource
    let overrides: [String: [UInt8]]
    var label: String { base.label }
    func list(_ directory: String) throws -> [FileEntry]? { try base.list(directory) }
    func read(_ path: String) throws -> [UInt8]? { try overrides[path] ?? base.read(path) }
}
