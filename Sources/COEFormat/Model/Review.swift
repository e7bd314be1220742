/// One entry of a COE's review record: a comment, a reply, a resolution, a retraction, an approval or a
/// request for changes.
///
/// Each lives in a file of its own under the COE's `review/` folder, named by its id, and is never
/// edited after it is written: two reviewers on two branches add two files, and the merge has no
/// conflict. The state of the review (which comments are open, which approvals still count) is worked
/// out from all of them together (`ReviewState`).
public struct ReviewRecord: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case comment, reply, resolution, approval
        case changesRequested = "changes-requested"
        /// A comment or request for changes withdrawn by its own author (`coe retract`): it closes the thread.
        case retraction
        /// A COE reviewed elsewhere, brought in by `coe import` with its status as stated: the review done
        /// elsewhere stands for the content it names (`content_hash`), and the audit reports it as imported.
        case imported = "import"

        /// Comments and requests for changes stay open until resolved or retracted (rule P4).
        public var opensThread: Bool { self == .comment || self == .changesRequested }

        /// Records that answer a thread (`reply_to` names its comment).
        public var answersThread: Bool { self == .reply || closesThread }

        /// Records that close a thread: a resolution, or a retraction by the comment's author.
        public var closesThread: Bool { self == .resolution || self == .retraction }
    }

    /// The file name without `.yaml`: the time it was written and a hash of its content
    /// (`20261122T161500Z-3f9a1c2e7b`), so ids made at the same second on two machines still differ.
    public var id: String
    public var kind: Kind
    /// "Name <email>", as git records people.
    public var author: String
    public var at: Timestamp
    /// What a comment is about: a part, a line of it, an action item or timeline entry.
    public var part: String?
    public var line: Int?
    public var item: String?
    /// The comment a reply, resolution or retraction answers.
    public var replyTo: String?
    /// The content an approval approves (`ContentHash`): any later change to the content voids it.
    public var contentHash: String?
    /// The status an import (`kind: import`) brought the COE in with.
    public var status: COEStatus?
    public var text: String
    /// Where each key was written, for messages.
    public var positions: KeyPositions = [:]
    public var file: String = ""

    public init(id: String, kind: Kind, author: String, at: Timestamp, part: String? = nil, line: Int? = nil, item: String? = nil,
                replyTo: String? = nil, contentHash: String? = nil, status: COEStatus? = nil, text: String) {
        self.id = id
        self.kind = kind
        self.author = author
        self.at = at
        self.part = part
        self.line = line
        self.item = item
        self.replyTo = replyTo
        self.contentHash = contentHash
        self.status = status
        self.text = text
    }

    public static func == (lhs: ReviewRecord, rhs: ReviewRecord) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.author == rhs.author && lhs.at == rhs.at && lhs.part == rhs.part
            && lhs.line == rhs.line && lhs.item == rhs.item && lhs.replyTo == rhs.replyTo && lhs.contentHash == rhs.contentHash
            && lhs.status == rhs.status && lhs.text == rhs.text
    }

    /// The e-mail address in `author`, lowercased ("" when there is none).
    public var authorEmail: String {
        guard let open = author.lastIndex(of: "<"), let close = author.lastIndex(of: ">"), open < close else { return "" }
        return author[author.index(after: open)..<close].lowercased()
    }

    /// The name in `author`, without the address.
    public var authorName: String {
        guard let open = author.lastIndex(of: "<") else { return author }
        return String(author[..<open].reversed().drop { $0 == " " }.reversed())
    }
}
