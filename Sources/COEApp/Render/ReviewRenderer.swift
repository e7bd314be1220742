import COEFormat
import COEProcess
import COEWorkflow

/// `coe comments`: a COE's review threads and approvals, as text or JSON.
public enum ReviewRenderer {
    /// Each thread (comment, replies, resolution), the approvals and whether they count, then a summary line;
    /// `approvals` is the one count (`Approvals.count`), which says of each approval whether it counts.
    public static func text(id: String, state: ReviewState, approvals: ApprovalCount, onlyOpen: Bool, style: TextStyle) -> String {
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
            let state = thread.isOpen ? style.paint("open", .bold, .red) : thread.isRetracted ? style.dim("retracted") : style.green("resolved")
            out.append("\(style.bold(comment.id))  \(label)\(place(comment))  \(state)")
            out.append("  \(comment.authorName), \(comment.at)")
            out += indented(comment.text, "    ")
            for reply in thread.replies {
                out.append("  reply \(style.dim(reply.id)) by \(reply.authorName), \(reply.at)")
                out += indented(reply.text, "    ")
            }
            if let resolution = thread.resolution {
                out.append("  \(thread.isRetracted ? "retracted" : "resolved") \(style.dim(resolution.id)) by \(resolution.authorName), \(resolution.at)")
                if !resolution.text.isEmpty { out += indented(resolution.text, "    ") }
            }
            out.append("")
        }
        if !onlyOpen {
            for approval in state.approvals {
                let standing: String
                switch approvals.standing(of: approval) {
                case .counts: standing = style.green("counts")
                case .void: standing = style.yellow("void: the content changed since")
                case .refused(let reason): standing = style.yellow("does not count: \(reason)")
                }
                out.append("\(style.bold(approval.id))  approval by \(approval.authorName), \(approval.at)  " + standing)
                if !approval.text.isEmpty { out += indented(approval.text, "    ") }
            }
            for imported in state.imports {
                let standing = approvals.importedReview?.id == imported.id ? style.green("stands for the review") : style.yellow("the content changed since")
                out.append("\(style.bold(imported.id))  imported by \(imported.authorName), \(imported.at)  " + standing)
                if !imported.text.isEmpty { out += indented(imported.text, "    ") }
            }
            if !state.approvals.isEmpty || !state.imports.isEmpty { out.append("") }
        }
        let open = state.openThreads.count
        let counting = approvals.counting.count
        out.append("\(id): \(state.threads.count) comment\(state.threads.count == 1 ? "" : "s"), \(open) open; "
                   + "\(counting) approval\(counting == 1 ? "" : "s") of the current content"
                   + (approvals.isEnough ? "" : "; still needed: " + approvals.stillNeeded.joined(separator: "; ")))
        return out.joined(separator: "\n") + "\n"
    }

    /// `{"coe", "content_hash", "comments": [...], "approvals": [...]}`; schema in docs/workflow.md.
    public static func json(id: String, state: ReviewState, approvals: ApprovalCount, onlyOpen: Bool) -> String {
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
        let records = state.approvals.map { approval -> JSON in
            let standing = approvals.standing(of: approval)
            var members = record(approval) + [("content_hash", JSON(approval.contentHash)), ("counts", JSON(standing == .counts))]
            if case .refused(let reason) = standing { members.append(("not_counted", JSON(reason))) }
            return .object(members)
        }
        return JSONText.text(["coe": JSON(id), "content_hash": JSON(approvals.content.current), "comments": .array(threads),
                              "approvals": onlyOpen ? [] : .array(records), "still_needed": JSON(approvals.stillNeeded)])
    }
}
