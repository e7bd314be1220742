import ArgumentParser
import COEWorkflow

struct SubmitCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Move a COE from draft to review, in a commit of its own.",
        discussion: """
            The COE must be lint-clean at error level (coe lint); a root cause \
            that resembles one of an earlier COE (lint rule W7) is told as a \
            warning, not refused. The commit changes only the status in \
            coe.yaml, carries the trailers COE-Id and COE-Status, and leaves your staged and unstaged work \
            as it was. The review period (rule P2) runs from this commit. See docs/workflow.md.

            Examples:
              coe submit k7qm
            """)

    @Argument(help: Completions.coeHelp, completion: .coeIDs)
    var id: String

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        var (workflow, workspace) = try openWorkflow(repository, in: context)
        // Root causes seen before in earlier COEs (lint rule W7) are told, never refused.
        workflow.corpus = repeatCorpus(workspace, in: context)
        let outcome = try workflow.submit(id)
        noteUncheckedRepeats(workflow.corpus, in: context)
        printOutcome(outcome, in: context)
    }
}
