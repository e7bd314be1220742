import COEFormat

/// Someone the process rules judge: a COE's creator, a reviewer, an approver, the author of a commit.
public struct Person: Sendable, Hashable, CustomStringConvertible {
    /// The name, as git records it (`user.name`).
    public let name: String
    /// The e-mail address, as written (compared in any case).
    public let email: String

    /// A person by name and address.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// `Name <email>`, as git and review records write a person.
    public init(_ text: String) {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else {
            self.init(name: text, email: "")
            return
        }
        let name = String(text[..<open].reversed().drop { $0 == " " }.reversed())
        self.init(name: name, email: String(text[text.index(after: open)..<close]))
    }

    /// The person who wrote a review record.
    public init(of record: ReviewRecord) {
        self.init(name: record.authorName, email: record.authorEmail)
    }

    /// `Name <email>`.
    public var description: String { "\(name) <\(email)>" }

    /// The same person as `other`: the same e-mail address (in any case) or the same name. A name is
    /// enough because an address is easy to change (`user.email`), and the author of a COE approving it
    /// from another address is still its author (rule P3).
    public func isSame(as other: Person) -> Bool {
        hasSameAddress(as: other) || (!name.isEmpty && name == other.name)
    }

    /// The same e-mail address (in any case): what a rule that grants something (resolving one's own thread,
    /// retracting one's own comment) asks, since a display name is whatever its writer sets.
    public func hasSameAddress(as other: Person) -> Bool {
        !email.isEmpty && email.lowercased() == other.email.lowercased()
    }
}

/// A commit as the process rules see it: who made it, and when.
public struct CommitStamp: Sendable {
    /// The commit id (hexadecimal); empty for the commit the workflow is about to make.
    public let id: String
    /// The commit's author: who made the change (and, for approval records, who must be the approver).
    public let author: Person
    /// The committer date, seconds since 1970: whoever commits can set it.
    public let committed: Int64
    /// When the commit counts as made for review periods (rule P2): the server's witness of when it
    /// first saw the commit where there is one, else `committed`.
    public let clock: Int64
    /// Who signed the commit, as far as the caller checked (rules P12, P13).
    public var signature: SignatureCheck

    /// A commit; `clock` defaults to the committer date.
    public init(id: String, author: Person, committed: Int64, clock: Int64? = nil, signature: SignatureCheck = .notChecked) {
        self.id = id
        self.author = author
        self.committed = committed
        self.clock = clock ?? committed
        self.signature = signature
    }

    /// The first eight digits of the id, for messages.
    public var short: String { String(id.prefix(8)) }
}

/// What a check of a commit's signature found: only the server (which holds the allowed signers) and a
/// `coe check` given them verify signatures; the workflow and an audit without them leave it unchecked.
public enum SignatureCheck: Sendable, Equatable, CustomStringConvertible {
    /// Nobody checked (the rules that need a signature do not judge it).
    case notChecked
    /// The commit carries no signature.
    case unsigned
    /// A signature that does not verify, or by a key no allowed signer holds, and why.
    case invalid(String)
    /// A good signature by a key the allowed signers give to these e-mail addresses (principals).
    case verified([String])

    /// The signature is good and one of its principals is `person`'s e-mail address (in any case), or a
    /// pattern of the allowed signers (`*` and `?`, as ssh-keygen reads them) that matches it.
    public func isBy(_ person: Person) -> Bool {
        guard case let .verified(principals) = self, !person.email.isEmpty else { return false }
        return principals.contains { Self.matches($0.lowercased(), person.email.lowercased()) }
    }

    /// `pattern` (`*` any run, `?` one character) matches the whole of `text`.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The signature is good and one of its principals is on `list` (e-mails, in any case).
    public func isBy(oneOf list: [String]) -> Bool {
        guard case let .verified(principals) = self else { return false }
        let wanted = Set(list.map { $0.lowercased() })
        return principals.contains { wanted.contains($0.lowercased()) }
    }

    /// In words, for messages.
    public var description: String {
        switch self {
        case .notChecked: "not checked"
        case .unsigned: "not signed"
        case let .invalid(why): "signed, but \(why)"
        case let .verified(principals): "signed by \(principals.joined(separator: ", "))"
        }
    }
}

/// One status move in a COE's history, read from history (never from a field an author can edit).
public struct StatusMove: Sendable {
    /// The status before the commit; nil when the commit created the COE (or it had no status line).
    public let from: COEStatus?
    /// The status after; nil when the COE has no readable status line (or the commit deleted it).
    public let to: COEStatus?
    /// The commit that made the move.
    public let commit: CommitStamp

    /// A move from one status to another in `commit`.
    public init(from: COEStatus?, to: COEStatus?, commit: CommitStamp) {
        self.from = from
        self.to = to
        self.commit = commit
    }

    /// A move into review (the start of a review period): to review, from anything else (creation included).
    public var entersReview: Bool { to == .review && from != .review }
}

/// An action item as the process rules see it (rule P6).
public struct ActionState: Sendable, Equatable {
    /// The item's id (`A3`).
    public let id: String
    /// Its status (`open`, `in-progress`, `done`, `replaced`).
    public let status: ActionStatus

    /// An action item with its status.
    public init(id: String, status: ActionStatus) {
        self.id = id
        self.status = status
    }

    /// Done, or closed by a replacement item (rule A7): nothing left to do for this item.
    public var isFinished: Bool { status == .done || status == .replaced }
}

/// Everything the process rules judge a COE by, at one moment of its history: one value, built by
/// each caller from what it has (the workflow from HEAD and the change it is about to commit, the gates
/// from a pushed commit, the audit from its walk, lint from the document).
///
/// Which facts a rule reads depends on the event (`ProcessEvent`): a caller judging a status move that
/// involves no approval and does not close the COE needs only the COE's id and status (P1 reads the
/// event alone), so the gates and the audit build the rest only where `ProcessEvent.Change.needsReview`
/// or `closes` say so, and stay fast on long histories.
public struct ProcessFacts: Sendable {
    /// The COE's own metadata, as of the moment judged.
    public struct COE: Sendable {
        /// The COE's id (or its folder's name where the COE was not read).
        public var id: String
        /// Nil when not read (the audit reads it only where approvals are judged).
        public var severity: IncidentSeverity?
        /// The COE's `owner:`, who may not approve it (rule P3).
        public var owner: String?
        /// The COE's own `reviewers:`: when it names anyone, the approvals that count come from them (and
        /// from the configuration's `review.reviewers` too when that names anyone; rule P3).
        public var reviewers: [String]
        /// The status as of the moment judged (after the change, for a change).
        public var status: COEStatus?
        /// The `created:` date (rule P5).
        public var created: CalendarDate?

        /// The COE's facts, as far as the caller read them.
        public init(id: String, severity: IncidentSeverity? = nil, owner: String? = nil, reviewers: [String] = [],
                    status: COEStatus? = nil, created: CalendarDate? = nil) {
            self.id = id
            self.severity = severity
            self.owner = owner
            self.reviewers = reviewers
            self.status = status
            self.created = created
        }

        /// From a COE's metadata.
        public init(_ metadata: Metadata) {
            self.init(id: metadata.id, severity: metadata.severity, owner: metadata.owner, reviewers: metadata.reviewers,
                      status: metadata.status, created: metadata.created)
        }
    }

    /// The COE's metadata.
    public var coe: COE
    /// Who created the COE: the author of the commit that added it (nil when the history does not say).
    public var creator: Person?
    /// The COE's status moves before the event judged, oldest first (the creation included, as a move from nil).
    public var moves: [StatusMove]
    /// The review records as they are with the event (an approval the event adds included).
    public var records: [ReviewRecord]
    /// The COE's content (`ContentHash`) with the event; an approval counts only for the content it
    /// approved. Unknown (empty): then no approval counts (callers leave it unknown only when there is
    /// no approval to count).
    public var content: ContentIdentity
    /// The action items (rule P6).
    public var actions: [ActionState]
    /// The configuration's review section (period, approvals, reviewers, bar raisers, re-approval) and limits.
    public var configuration: Configuration
    /// Today's date, for rule P5 (nil: not judged).
    public var today: CalendarDate?

    /// The facts, as far as the caller needs them for the event (see `ProcessEvent.Change.needsReview`).
    public init(coe: COE, creator: Person? = nil, moves: [StatusMove] = [], records: [ReviewRecord] = [], content: ContentIdentity = .unknown,
                actions: [ActionState] = [], configuration: Configuration, today: CalendarDate? = nil) {
        self.coe = coe
        self.creator = creator
        self.moves = moves
        self.records = records
        self.content = content
        self.actions = actions
        self.configuration = configuration
        self.today = today
    }

    /// The facts of a COE document: its metadata, review records and action items; the history
    /// (creator, moves) and content hash come from the caller.
    public init(document: COEDocument, creator: Person?, moves: [StatusMove] = [], content: ContentIdentity,
                configuration: Configuration, today: CalendarDate? = nil) {
        self.init(coe: COE(document.metadata), creator: creator, moves: moves, records: document.review, content: content,
                  actions: document.actions.map { ActionState(id: $0.id, status: $0.status) }, configuration: configuration,
                  today: today)
    }

    /// The review's threads, worked out from the records.
    public var review: ReviewState { ReviewState(records) }

    /// The approvals that count (the one count every caller uses).
    public var approvals: ApprovalCount { Approvals.count(self) }
}

/// What the process rules judge: a change a commit makes to a COE, or the COE as it stands.
public enum ProcessEvent: Sendable {
    /// A commit that changes the COE (made, or about to be made by the workflow).
    case change(Change)
    /// The COE as it stands: at the tip of a push or a pull request, at the end of an audit, or today.
    case standing

    /// One commit's change to one COE.
    public struct Change: Sendable {
        /// The commit that makes the change.
        public var commit: CommitStamp
        /// The commit adds the COE.
        public var created: Bool
        /// The status in the commit's parent (nil for a COE the commit adds, or without a status line).
        public var statusBefore: COEStatus?
        /// The status in the commit.
        public var statusAfter: COEStatus?
        /// Approval records the commit adds.
        public var approvalsAdded: [ReviewRecord]
        /// Resolutions and retractions the commit adds: records that close a thread (rule P10 judges who may).
        public var resolutionsAdded: [ReviewRecord]
        /// Requests for changes the commit adds (rule P13 judges their signatures).
        public var changeRequestsAdded: [ReviewRecord]
        /// Import records the commit adds (`coe import`: a COE reviewed elsewhere, rule P1).
        public var importsAdded: [ReviewRecord]
        /// The commit removes the COE's folder (deleted, or renamed: a new folder is a new COE); `statusBefore`
        /// is the status it had (rule P12).
        public var removed: Bool
        /// Review records (file names in `review/`) that were there before and that the commit rewrites or
        /// removes (rule P11: records are append-only).
        public var recordsRewritten: [String]
        public var recordsRemoved: [String]

        /// One commit's change to one COE.
        public init(commit: CommitStamp, created: Bool = false, removed: Bool = false, statusBefore: COEStatus?, statusAfter: COEStatus?,
                    approvalsAdded: [ReviewRecord] = [], resolutionsAdded: [ReviewRecord] = [], changeRequestsAdded: [ReviewRecord] = [],
                    importsAdded: [ReviewRecord] = [], recordsRewritten: [String] = [], recordsRemoved: [String] = []) {
            self.commit = commit
            self.created = created
            self.removed = removed
            self.statusBefore = statusBefore
            self.statusAfter = statusAfter
            self.approvalsAdded = approvalsAdded
            self.resolutionsAdded = resolutionsAdded
            self.changeRequestsAdded = changeRequestsAdded
            self.importsAdded = importsAdded
            self.recordsRewritten = recordsRewritten
            self.recordsRemoved = recordsRemoved
        }

        /// The records a rule judges, by kind (approvals, resolutions, requests for changes), and what the
        /// commit did to records that were there before.
        public init(commit: CommitStamp, created: Bool = false, removed: Bool = false, statusBefore: COEStatus?, statusAfter: COEStatus?,
                    records: RecordChanges) {
            self.init(commit: commit, created: created, removed: removed, statusBefore: statusBefore, statusAfter: statusAfter,
                      approvalsAdded: records.added.filter { $0.kind == .approval },
                      resolutionsAdded: records.added.filter { $0.kind.closesThread },
                      changeRequestsAdded: records.added.filter { $0.kind == .changesRequested },
                      importsAdded: records.added.filter { $0.kind == .imported },
                      recordsRewritten: records.rewritten, recordsRemoved: records.removed)
        }

        /// The status changed, from one known status to another.
        public var isMove: Bool { !created && statusBefore != nil && statusAfter != nil && statusBefore != statusAfter }

        /// The COE kept its folder but its status line can no longer be read, or could not be before (a
        /// `status:` written so that only YAML reads it): what the gates could not follow (rule P1).
        public var statusUnreadable: Bool { !created && !removed && (statusBefore == nil) != (statusAfter == nil) }

        /// The commit moves the COE to `status` (from another known status).
        public func moves(to status: COEStatus) -> Bool { isMove && statusAfter == status }

        /// The commit approves: it adds approval records, or moves the COE to approved.
        public var approves: Bool { !approvalsAdded.isEmpty || moves(to: .approved) }

        /// Rules P2–P4 judge it: it approves, or publishes (which needs approvals that still count).
        /// A caller needs the COE's records, content hash, creator and moves only then.
        /// A commit that resolves threads needs them too (rule P10: who opened the thread, who may resolve it).
        public var needsReview: Bool { approves || moves(to: .published) || !resolutionsAdded.isEmpty }

        /// Rule P6 judges it: a caller needs the COE's action items only then.
        public var closes: Bool { moves(to: .closed) }

        /// The commit adds records whose signatures rule P13 judges: approvals, requests for changes, resolutions
        /// and retractions, imports.
        public var addsSignedRecords: Bool { !signedRecords.isEmpty }

        /// Those records.
        public var signedRecords: [ReviewRecord] { approvalsAdded + changeRequestsAdded + resolutionsAdded + importsAdded }

        /// Anything for the rules to judge: the COE was created or removed, its status moved, records were
        /// added that a rule judges, or records that were there were rewritten or removed.
        public var isJudged: Bool {
            created || removed || isMove || statusUnreadable || addsSignedRecords || !recordsRewritten.isEmpty || !recordsRemoved.isEmpty
        }
    }
}

/// What a commit did to a COE's review records (`review/`): the records it added, and the names of those
/// that were there before that it rewrote or removed. Worked out from trees by COEHistory
/// (`Repository.recordChanges`), the one reading the gates and the audit share.
public struct RecordChanges: Sendable {
    public var added: [ReviewRecord]
    public var rewritten: [String]
    public var removed: [String]

    public init(added: [ReviewRecord] = [], rewritten: [String] = [], removed: [String] = []) {
        self.added = added
        self.rewritten = rewritten
        self.removed = removed
    }
}

/// What a process rule found: its rule ID, how bad, what is wrong and what to do next.
public struct ProcessFinding: Sendable, Equatable, CustomStringConvertible {
    /// The rule's ID (`P3`).
    public let rule: String
    /// Error (refuses, blocks) or warning (reported).
    public let level: Diagnostic.Level
    /// What is wrong.
    public let message: String
    /// What to do next, when there is something to say.
    public let hint: String?

    /// A finding of `rule`.
    public init(rule: String, level: Diagnostic.Level, message: String, hint: String? = nil) {
        self.rule = rule
        self.level = level
        self.message = message
        self.hint = hint
    }

    /// The message and the hint, as one line.
    public var text: String { hint.map { "\(message); \($0)" } ?? message }

    /// `[P3] message; hint`.
    public var description: String { "[\(rule)] \(text)" }
}
