import COEFormat
import COELint
import COEProcess
import COEWorkspace
import Foundation

/// Action items through to done (`coe action add|done|move|note`): each a commit of its own with
/// trailers, like the review commands. Done, notes and evidence change only the item's tracking state
/// (`ActionTracking`), so approvals keep counting; adding an item or moving a due date changes approved
/// content, and the outcome says the COE needs approving again.
extension Workflow {
    /// What `coe action add` writes.
    public struct NewAction: Sendable {
        public var title: String
        public var description: String?
        public var owner: String
        public var priority: ActionPriority
        public var due: CalendarDate
        public var ticket: String?
        public var longTerm: Bool

        public init(title: String, description: String? = nil, owner: String, priority: ActionPriority, due: CalendarDate,
                    ticket: String? = nil, longTerm: Bool = false) {
            self.title = title
            self.description = description
            self.owner = owner
            self.priority = priority
            self.due = due
            self.ticket = ticket
            self.longTerm = longTerm
        }
    }

    /// Adds an action item with the next free id (`A<n>`), checked as lint checks it.
    public func addAction(_ reference: String, _ new: NewAction) throws -> Outcome {
        // The words are on the command line (and in the shell's history): nothing to save first.
        try guarded("", command: "action add", coe: reference) { workflow in
            try workflow.changeAction(reference, id: nil) { coe, _, _ in
                let id = Self.nextActionID(after: coe.document.actions.map(\.id))
                let path = Self.actionPath(id, in: coe)
                let item = ActionItem(id: id, file: path, title: new.title, description: new.description, owner: new.owner,
                                      priority: new.priority, due: new.due, ticket: new.ticket, longTerm: new.longTerm)
                return ActionChange(id: id, path: path, bytes: Array(ActionFile.serialize(item).utf8),
                                    subject: "add action \(id): \(new.title)", body: nil,
                                    trailers: [("COE-Action", id)], changesApprovedContent: true)
            }
        }
    }

    /// Marks an item done: on `on` (today, UTC, unless told) by `by` (its owner unless told), with the
    /// evidence and a note of what was done.
    public func completeAction(_ reference: String, _ action: String, by: String?, on: CalendarDate?, evidence: String?,
                               text: String) throws -> Outcome {
        try guarded(text, command: "action done", coe: reference) { workflow in
            try workflow.changeAction(reference, id: action) { coe, current, today in
                guard var item = current else { throw WorkflowError.usage("no action item to complete") }
                guard item.isOpen else {
                    throw WorkflowError.usage("\(item.id) of \(coe.id) is \(item.status.rawValue) already"
                                              + (item.doneOn.map { " (done on \($0))" } ?? ""))
                }
                if let on, on > today {
                    throw WorkflowError.usage("--on \(on) is after today (\(today), UTC); an item is marked done once it is")
                }
                let from = item.status
                item.status = .done
                item.doneOn = on ?? today
                item.doneBy = by ?? item.doneBy ?? item.owner
                if let evidence { item.evidence = evidence }
                let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !words.isEmpty { item.notes.append(ActionNote(date: item.doneOn ?? today, by: identity.author.name, text: words)) }
                return try ActionChange(tracking: item, in: coe, subject: "action \(item.id) done",
                                        body: words.isEmpty ? nil : words,
                                        trailers: [("COE-Action", item.id), ("COE-Action-Status", "\(from.rawValue) -> done")])
            }
        }
    }

    /// Moves an item's due date, with why: a slip, recorded in the item. The due date is approved
    /// content, so the COE's approvals of it stop counting.
    public func moveAction(_ reference: String, _ action: String, due: CalendarDate, text: String) throws -> Outcome {
        try guarded(text, command: "action move", coe: reference, required: true) { workflow in
            try workflow.changeAction(reference, id: action) { coe, current, today in
                guard var item = current else { throw WorkflowError.usage("no action item to move") }
                guard item.isOpen else { throw WorkflowError.usage("\(item.id) of \(coe.id) is \(item.status.rawValue); only an open item's due date moves") }
                guard item.due != due else { throw WorkflowError.usage("\(item.id) is already due on \(due)") }
                let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let from = item.due
                item.slips.append(ActionSlip(date: today, from: from, to: due, reason: words))
                item.due = due
                let path = Self.actionPath(item.id, in: coe)
                guard let original = try coe.source.read(path) else { throw WorkflowError.usage("\(path) cannot be read") }
                try Self.checkNoComments(original, path: path)
                guard let withDue = ActionTracking.replacingApprovedValue("due", with: due.description, in: original),
                      let bytes = ActionTracking.replacingTracking(in: withDue, with: item) else {
                    throw WorkflowError.usage("\(path) cannot be changed by coe without rewriting what it says: "
                                              + "edit its due date by hand and commit")
                }
                try Self.checkRewrite(bytes, of: path, id: item.id, is: item)
                return ActionChange(id: item.id, path: path, bytes: bytes,
                                    subject: "move action \(item.id) due \(from?.description ?? "(none)") → \(due)", body: words,
                                    trailers: [("COE-Action", item.id), ("COE-Action-Due", "\(from?.description ?? "none") -> \(due)")],
                                    changesApprovedContent: true)
            }
        }
    }

    /// Adds a progress note to an item.
    public func noteAction(_ reference: String, _ action: String, text: String) throws -> Outcome {
        try guarded(text, command: "action note", coe: reference, required: true) { workflow in
            try workflow.changeAction(reference, id: action) { coe, current, today in
                guard var item = current else { throw WorkflowError.usage("no action item to note") }
                let words = text.trimmingCharacters(in: .whitespacesAndNewlines)
                item.notes.append(ActionNote(date: today, by: identity.author.name, text: words))
                return try ActionChange(tracking: item, in: coe, subject: "note on action \(item.id)", body: words,
                                        trailers: [("COE-Action", item.id)])
            }
        }
    }

    /// The next free id: one more than the highest `A<n>` (A1 for the first).
    static func nextActionID(after ids: [String]) -> String {
        let numbers = ids.compactMap { id -> Int? in
            guard id.first == "A" || id.first == "a" else { return nil }
            return Int(id.dropFirst())
        }
        return "A\((numbers.max() ?? 0) + 1)"
    }

    /// One action file's new bytes and the commit that writes them.
    struct ActionChange {
        let id: String
        let path: String
        let bytes: [UInt8]
        let subject: String
        let body: String?
        let trailers: [(String, String)]
        var changesApprovedContent = false

        init(id: String, path: String, bytes: [UInt8], subject: String, body: String?, trailers: [(String, String)],
             changesApprovedContent: Bool = false) {
            self.id = id
            self.path = path
            self.bytes = bytes
            self.subject = subject
            self.body = body
            self.trailers = trailers
            self.changesApprovedContent = changesApprovedContent
        }

        /// `item`'s tracking state written into its file, every approved byte kept.
        init(tracking item: ActionItem, in coe: Located, subject: String, body: String?, trailers: [(String, String)]) throws {
            let path = Workflow.actionPath(item.id, in: coe)
            guard let original = try coe.source.read(path) else { throw WorkflowError.usage("\(path) cannot be read") }
            try Workflow.checkNoComments(original, path: path)
            guard let bytes = ActionTracking.replacingTracking(in: original, with: item) else {
                throw WorkflowError.usage("\(path) cannot be split into approved content and tracking state (a value YAML reads "
                                          + "across the tracking keys); edit it by hand and commit")
            }
            try Workflow.checkRewrite(bytes, of: path, id: item.id, is: item)
            self.init(id: item.id, path: path, bytes: bytes, subject: subject, body: body, trailers: trailers)
        }
    }

    /// Where an action item's file is.
    static func actionPath(_ id: String, in coe: Located) -> String { "\(coe.directory)/\(COELayout.actionsFolder)/\(id).yaml" }

    /// Refuses a file whose tracking state holds comments, which rewriting it would drop.
    static func checkNoComments(_ bytes: [UInt8], path: String) throws {
        guard ActionTracking.commentsInTracking(bytes) else { return }
        throw WorkflowError.usage("\(path) has comments among its tracking keys (status, done_on, done_by, evidence, notes, "
                                  + "slips), which coe would drop when it writes them: move the comments above those keys, commit, "
                                  + "and run the command again")
    }

    /// The rewritten file reads back as the item meant (never a silent loss of what the user wrote).
    static func checkRewrite(_ bytes: [UInt8], of path: String, id: String, is item: ActionItem) throws {
        let text = try SourceText.decode(bytes, file: path)
        let back = try ActionFile.parse(text, id: id)
        var expected = item
        expected.file = back.file
        guard back == expected else {
            throw WorkflowError.usage("\(path) would not read back as written; nothing was committed (edit it by hand)")
        }
    }

    /// Makes the commit of one action change: the item as HEAD has it (nil for a new one), checked as
    /// lint checks it (a change may not add an error to the item's file), and judged as the gates judge
    /// the commit.
    func changeAction(_ reference: String, id action: String?,
                      _ build: (Located, ActionItem?, CalendarDate) throws -> ActionChange) throws -> Outcome {
        var subject = ""
        var notes: [String] = []
        let made = try committer().commit { base in
            let coe = try locate(reference, base)
            let today = CalendarDate(utcSeconds: identity.committer.time)
            var current: ActionItem?
            if let action {
                guard let item = coe.document.actions.first(where: { $0.id.lowercased() == action.lowercased() }) else {
                    let known = coe.document.actions.map(\.id).joined(separator: ", ")
                    throw WorkflowError.usage("\(coe.id) has no action item '\(action)'" + (known.isEmpty ? "" : " (it has \(known))"))
                }
                current = item
            }
            let change = try build(coe, current, today)
            let lint = try actionLint(coe, change: change)
            if !lint.refusals.isEmpty { throw WorkflowError.refused(lint.refusals) }
            let status = coe.document.metadata.status
            // Judged as the gates will judge it (P1: a COE that may not be edited; P13 where signing is required).
            let judged = ProcessEvent.Change(commit: proposedCommit, statusBefore: status, statusAfter: status)
            let findings = try judge(judged, of: coe, base: base)
            if !findings.isEmpty { throw WorkflowError.refused(findings) }
            notes = lint.warnings
            if change.changesApprovedContent && status.isApproved {
                notes.append("\(coe.id) is \(status.rawValue): this changes approved content, so its approvals no longer count; "
                             + "have it approved again (coe approve \(coe.id))")
            }
            subject = "COE \(coe.id): \(change.subject)"
            return ([Committer.FileWrite(path: change.path, bytes: change.bytes)],
                    message(subject, body: change.body, trailers: [("COE-Id", coe.id)] + change.trailers))
        }
        return Outcome(commit: made.commit, subject: subject, statusFrom: nil, statusTo: nil, record: nil, notes: made.recovered + notes)
    }

    /// Lint's findings in the action file after the change that it did not have before: new errors
    /// refuse it (a change may make an item no worse; an overdue item may be marked done or moved, and
    /// an error it already had stays lint's business); new warnings are told.
    func actionLint(_ coe: Located, change: ActionChange) throws -> (refusals: [ProcessFinding], warnings: [String]) {
        let session = try LintSession(configuration: workspace.configuration, repository: repository,
                                      today: CalendarDate(utcSeconds: identity.committer.time))
        let known = try LintSession.knownIDs(in: coe.source, root: workspace.root)
        func findings(_ source: FileSource) -> [Diagnostic] {
            session.lint(coe.directory, in: source, knownIDs: known).findings.filter { $0.file == change.path && $0.level != .note }
        }
        let before = Set(findings(coe.source).map { "\($0.rule ?? ""): \($0.message)" })
        let added = findings(OverlaySource(base: coe.source, overrides: [change.path: change.bytes]))
            .filter { !before.contains("\($0.rule ?? ""): \($0.message)") }
        let refusal = Self.lintRefusal(coe.id, errors: added.filter { $0.level == .error },
                                       why: "an action item is written as lint checks it; coe lint \(coe.id)")
        return (refusal.map { [$0] } ?? [], added.filter { $0.level == .warning }.map(\.description))
    }
}
