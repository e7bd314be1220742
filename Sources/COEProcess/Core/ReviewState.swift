import COEFormat

/// The state of a COE's review, worked out from its review records.
public struct ReviewState: Sendable {
    /// A comment (or request for changes) with its replies and, once closed, what closed it: a resolution,
    /// or a retraction by the comment's author.
    public struct Thread: Sendable {
        public let comment: ReviewRecord
        public var replies: [ReviewRecord] = []
        public var resolution: ReviewRecord?
        public var isOpen: Bool { resolution == nil }
        /// Closed by its own author's retraction (`coe retract`), not resolved.
        public var isRetracted: Bool { resolution?.kind == .retraction }
    }

    public let threads: [Thread]
    public let approvals: [ReviewRecord]
    /// Import records (`coe import`): the COE was reviewed elsewhere.
    public let imports: [ReviewRecord]
    /// Replies, resolutions or retractions that answer no known comment (a record written by hand, or a merge that lost one).
    public let orphans: [ReviewRecord]

    public init(_ records: [ReviewRecord]) {
        let sorted = records.sorted { $0.id < $1.id }
        // Comments first, then what answers them: records made in the same second sort by their hash,
        // so an answer can sort before its comment.
        var threads = sorted.filter(\.kind.opensThread).map { Thread(comment: $0) }
        var orphans: [ReviewRecord] = []
        for record in sorted where record.kind.answersThread {
            guard let index = threads.firstIndex(where: { $0.comment.id == record.replyTo }) else { orphans.append(record); continue }
            if record.kind == .reply { threads[index].replies.append(record) } else if threads[index].resolution == nil { threads[index].resolution = record }
        }
        self.threads = threads
        approvals = records.filter { $0.kind == .approval }.sorted { $0.id < $1.id }
        imports = records.filter { $0.kind == .imported }.sorted { $0.id < $1.id }
        self.orphans = orphans
    }

    public var openThreads: [Thread] { threads.filter(\.isOpen) }

    /// The thread a full comment id, or a unique prefix of one, names.
    public func thread(_ reference: String) throws(ThreadReferenceError) -> Thread {
        let matches = threads.filter { $0.comment.id == reference || $0.comment.id.hasPrefix(reference) }
        if let exact = matches.first(where: { $0.comment.id == reference }) { return exact }
        guard matches.count == 1, let only = matches.first else {
            throw ThreadReferenceError(message: matches.isEmpty ? "no comment '\(reference)' on this COE (coe comments <id> lists them)"
                                                      : "'\(reference)' names \(matches.count) comments; give more of the id")
        }
        return only
    }
}

/// A comment id that names no comment, or several.
public struct ThreadReferenceError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
