import ArgumentParser
import COEFormat
import COEWorkflow

/// `coe action add|done|move|note`: one action item changed, in a commit of its own.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add an action item, mark one done, move its due date or note progress, each in a commit of its own.",
        discussion: """
            Marking an item done and noting progress change only its tracking state (status, done_on, \
            done_by, evidence, notes, slips): the COE's approvals keep counting. Adding an item and moving \
            a due date change what was approved: an approved COE then needs approving again. Every change \
            is checked as lint checks it. See docs/actions.md.
            """,
        subcommands: [ActionAddCommand.self, ActionDoneCommand.self, ActionMoveCommand.self, ActionNoteCommand.self])
}

struct ActionAddCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an action item with the next free id (A<n>).",
        discussion: """
            Examples:
              coe action add k7qm --title "Page when the pool is 80% busy for 5 min" \\
                --description "An alarm on the pool's busy share." \\
                --owner "payments team" --priority high --due 2026-12-15 \\
                --ticket PAY-4502
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Option(help: ArgumentHelp("What will be done: a verb, the thing that changes and how you will know it is done.", valueName: "text"))
    var title: String

    @Option(help: ArgumentHelp("More about it (Markdown).", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("The team or role that owns it (rule A8: a configured team or role).", valueName: "owner"))
    var owner: String

    @Option(help: ArgumentHelp("high, medium or low.", valueName: "priority"))
    var priority: ActionPriority

    @Option(help: ArgumentHelp("The due date, YYYY-MM-DD.", valueName: "date"))
    var due: CalendarDate

    @Option(help: ArgumentHelp("The ticket that tracks it.", valueName: "id"))
    var ticket: String?

    @Flag(help: "A long-term item (rule A2 allows a later due date).")
    var longTerm = false

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, _) = try openWorkflow(repository, in: context)
        let new = Workflow.NewAction(title: title, description: description, owner: owner, priority: priority, due: due,
                                     ticket: ticket, longTerm: longTerm)
        printOutcome(try workflow.addAction(id, new), in: context)
    }
}

struct ActionDoneCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark an action item done, with the evidence and what was done.",
        discussion: """
            The item's status becomes done, done_on the date (today, UTC, unless --on) and done_by the \
            team (its owner unless --by). The text, when given, is kept as a note. Approvals keep counting. \
            Evidence is a commit id, a URL or a ticket id; coe actions --verify checks it.

            Examples:
              coe action done k7qm A3 --evidence 4f2a9c1 -m "Pool sizes are required."
              coe action done k7qm A4 --by "payments team" --on 2026-11-28 \\
                --evidence PAY-4502
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The action item's id (A3).")
    var action: String

    @Option(help: ArgumentHelp("The team or role that did it (default: the item's owner).", valueName: "team"))
    var by: String?

    @Option(help: ArgumentHelp("The date it was done, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var on: CalendarDate?

    @Option(help: ArgumentHelp("What shows it is done: a commit id, a URL or a ticket id.", valueName: "evidence"))
    var evidence: String?

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        // The note is optional: the editor opens only when asked with --file or -m.
        let body = text.message == nil && text.file == nil ? "" : try text.read(required: false, in: workspace, context: context)
        printOutcome(try workflow.completeAction(id, action, by: by, on: on, evidence: evidence, text: body), in: context)
    }
}

struct ActionMoveCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an action item's due date, saying why (a slip, kept in the item).",
        discussion: """
            The due date is approved content: an approved COE needs approving again after it moves. \
            Every move is kept in the item's slips, with its reason; coe actions counts them.

            Examples:
              coe action move k7qm A6 --due 2026-12-20 -m "The vendor ships late."
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The action item's id (A3).")
    var action: String

    @Option(help: ArgumentHelp("The new due date, YYYY-MM-DD.", valueName: "date"))
    var due: CalendarDate

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let reason = try text.read(template: "Why \(action) of \(id) moves to \(due).",
                                   required: true, in: workspace, context: context)
        printOutcome(try workflow.moveAction(id, action, due: due, text: reason), in: context)
    }
}

struct ActionNoteCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a progress note to an action item.",
        discussion: """
            Notes are tracking state: approvals keep counting.

            Examples:
              coe action note k7qm A6 -m "Rollback tool merged; drill on 2026-12-03."
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @Argument(help: "The action item's id (A3).")
    var action: String

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let note = try text.read(required: true, in: workspace, context: context)
        printOutcome(try workflow.noteAction(id, action, text: note), in: context)
    }
}
