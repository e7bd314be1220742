import ArgumentParser
import COEWorkflow
import Foundation

struct ImportCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring in COEs reviewed elsewhere, with their status as stated, in one commit.",
        discussion: """
            Each folder (a COE in this format, anywhere outside its place in the COE root) is copied \
            to <root>/<id>/ with an import record naming you, the time and the content it brings in; \
            the commit has a COE-Import trailer per COE. The gates accept an imported COE in any \
            status (P1; only people in review.importers when it names anyone), an import of an \
            approved, published or closed COE stands for its approvals until its content changes, and \
            coe audit reports it as imported. Each COE must be lint-clean at error level and new, and \
            carry no review/ folder (say where it was reviewed with -m). Exit codes: 0 imported, 1 \
            refused by a rule or lint, or a folder that cannot be read as a COE, 2 usage or I/O. See docs/workflow.md.

            Examples:
              coe import ~/old/2025-03-02-q8x2m4k7pw -m "Reviewed in the March ops review."
              coe import exported/*
            """)

    @Argument(help: ArgumentHelp("The COE folders to import.", valueName: "folder"), completion: .directory)
    var folders: [String]

    @OptionGroup var text: TextOptions

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let (workflow, workspace) = try openWorkflow(repository, in: context)
        let body = try text.read(required: false, in: workspace, context: context)
        printOutcome(try workflow.importCOEs(folders.map(context.path), text: body), in: context)
    }
}
