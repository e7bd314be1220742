import COEFormat
import COEProcess
import COEWorkflow

/// `coe comments`: a COE's review threads and approvals, as text or JSON.
public enum ReviewRenderer {
    /// Each thread (comment, replies, resolution), the approvals and whether they count, then a summary line.
    public static func text(id: String, state: ReviewState, contentHash: String, onlyOpen: Bool, style: TextStyle) -> String {
        var out: [String] = []
        let threads = onlyOpen ? state.openThreads : state.threads
        func place(_ record: ReviewRecord) -> String {
            let where_ = [record.part, record.line.map { "line \($0)" }, record.item].compactMap { $0 }.joined(separator: ", ")
            return where_.isEmpty ? "" : " on \(where_)"
        }
        func indented(_ text: String, _ pad: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 } }
        for thread in threads {
            let comment = thread.comment
            let label = comment.kind == .changesRequested ? style.yellow("changes requested") : "comment"
            let state = thread.isOpen ? style.paint("open", .bold, .red) : style.green("resolved")
            out.append("\(style.bold(comment.id))  \(label)\(place(comment))  \(state)")
            out.append("  \(comment.authorName), \(comment.at)")
            out += indented(comment.text, "    ")
            for reply in thread.replies {
                out.append("  reply \(style.dim(reply.id)) by \(reply.authorName), \(reply.at)")
                out += indented(reply.text, "    ")
            }
            if let resolution = thread.resolution {
                out.append("  resolved \(style.dim(resolution.id)) by \(resolution.authorName), \(resolution.at)")
                if !resolution.text.isEmpty { out += indented(resolution.text, "    ") }
            }
            out.append("")
        }
        if !onlyOpen {
            for approval in state.approvals {
                let counts = approval.contentHash == contentHash
                out.append("\(style.bold(approval.id))  approval by \(approval.authorName), \(approval.at)  "
                           + (counts ? style.green("counts") : style.yellow("void: the content changed since")))
                if !approval.text.isEmpty { out += indented(approval.text, "    ") }
            }
            if !state.approvals.isEmpty { out.append("") }
        }
        let open = state.openThreads.count
        let counting = state.validApprovals(contentHash: contentHash).count
        out.append("\(id): \(state.threads.count) comment\(state.threads.count == 1 ? "" : "s"), \(open) open; "
                   + "\(counting) approval\(counting == 1 ? "" : "s") of the current content")
        return out.joined(separator: "\n") + "\n"
    }

    /// `{"coe", "content_hash", "comments": [...], "approvals": [...]}`; schema in docs/workflow.md.
    public static func json(id: String, state: ReviewState, contentHash: String, onlyOpen: Bool) -> String {
        func record(_ record: ReviewRecord) -> [(String, JSON)] {
            [("id", JSON(record.id)), ("kind", JSON(record.kind.rawValue)), ("author", JSON(record.author)),
             ("at", JSON(record.at.description)), ("text", JSON(record.text)),
             ("part", JSON(record.part)), ("line", JSON(record.line)), ("item", JSON(record.item))]
        }
        let threads = (onlyOpen ? state.openThreads : state.threads).map { thread -> JSON in
            .object(record(thread.comment) + [
                ("open", JSON(thread.isOpen)),
                ("replies", .array(thread.replies.map { .object(record($0)) })),
                ("resolution", thread.resolution.map { .object(record($0)) } ?? .null),
            ])
        }
        let approvals = state.approvals.map { approval -> JSON in
            .object(record(approval) + [("content_hash", JSON(approval.contentHash)), ("counts", JSON(approval.contentHash == contentHash))])
        }
        return JSONText.text(["coe": JSON(id), "content_hash": JSON(contentHash), "comments": .array(threads),
                              "approvals": onlyOpen ? [] : .array(approvals)])
    }
}
