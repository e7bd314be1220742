import ArgumentParser
import COEFormat
import COELint
import COEApp
import COESearch
import COEWorkspace
import Foundation

struct LintCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check COEs against the COE standard.",
        discussion: """
            Without arguments, checks every COE in the work tree. Arguments are COE ids (or unique \
            prefixes), COE folders, or folders holding COE folders. With --staged, reads the git index \
            instead (what the next commit holds) and, without arguments, checks the COEs the commit touches. \
            Rules, levels, configuration and suppressions: docs/rules.md ('coe rules' lists them).

            A draft's errors are reported as warnings (it may be incomplete); --as review reports them as \
            'coe submit' and the gates will judge them, as errors. --min-level error prints only errors.

            The findings of a COE whose files, and what its rules read besides (the date, the ids it names, \
            for W7 the other COEs' root causes), have not changed since the last run are taken from a cache in \
            the git directory. --no-cache lints every COE anew (the findings are the same).

            Exit codes: 0 no errors, 1 at least one error (printed or not), 2 usage or I/O problem.

            Examples:
              coe lint
              coe lint k7qm
              coe lint docs/examples
              coe lint --staged
              coe lint k7qm --as review       # what coe submit will refuse
              coe lint --min-level error
              coe lint --format sarif > coe.sarif
              coe lint --today 2026-12-01     # reproducible dates for A5 and P5
            """)

    @Argument(help: "COE ids, id prefixes, or folders (default: every COE).")
    var targets: [String] = []

    @Flag(help: "Check the staged versions (the git index), not the work tree.")
    var staged = false

    @Option(help: "The output format: text for people, json for programs, sarif for code scanning, github for annotations.")
    var format: LintFormat = .text

    @Option(name: .customLong("as"),
            help: ArgumentHelp("Grade findings as each COE's status says (status: a draft's errors are warnings), or as a COE entering review (review).",
                               valueName: "status|review"))
    var judgedAs: JudgedAs = .status

    @OptionGroup var level: LevelOptions

    @Flag(help: "Lint every COE anew: neither read nor write the findings cache (<git dir>/coe/lint-cache).")
    var noCache = false

    @Option(help: ArgumentHelp("Today's date for overdue and age checks, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: CalendarDate?

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context, lints: true)
        // The COE folders are walked once, for the search index (W7's corpus) and the findings cache alike.
        let stamps = WorkTreeStamps(workTree: workspace.workTree)
        let corpus = repeatCorpus(workspace, stamps: stamps, in: context)
        let request = LintRun.Request(references: targets, staged: staged, today: try context.today(today),
                                      currentDirectory: context.currentDirectory, judgedAs: judgedAs,
                                      corpus: corpus, cached: !noCache, stamps: stamps)
        let results = try LintRun.run(request, in: workspace)
        noteUncheckedRepeats(corpus, in: context)
        context.output.write(level.printed(results), as: format, style: context.outputStyle)
        if results.contains(where: { $0.errorCount > 0 }) { throw ExitCode(1) }
    }
}

/// The repository's COEs for lint rule W7 (a root cause seen before), from the search index, read when a COE is
/// first compared: empty when the rule is off, or when the index cannot be had (then a note says W7 was not checked;
/// `noteUncheckedRepeats` says so when the index fails later, as the COEs are read).
func repeatCorpus(_ workspace: Workspace, stamps: WorkTreeStamps? = nil, in context: CommandContext) -> RepeatCorpus {
    let setting = workspace.configuration.rules[RootCauseSeenBefore.description.id]
    guard setting != .off else { return RepeatCorpus([]) }
    do {
        return try SearchIndex(workspace: workspace, stamps: stamps).repeatCorpus()
    } catch {
        context.errors.line("coe: rule W7 (root cause seen before) was not checked: the search index could not be read (\(error))")
        return RepeatCorpus([])
    }
}

/// The note that W7 was not checked, when `corpus` was read and its COEs could not be had.
func noteUncheckedRepeats(_ corpus: RepeatCorpus, in context: CommandContext) {
    if corpus.isLoaded && corpus.failed {
        context.errors.line("coe: rule W7 (root cause seen before) was not checked: the search index could not be read")
    }
}
