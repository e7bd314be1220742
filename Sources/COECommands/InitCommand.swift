import ArgumentParser
import COEApp
import COEWorkspace
import Foundation

struct InitCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Prepare a git repository for COEs: write .coe.yaml and the COE root folder.",
        discussion: """
            Without a path, works on the git repository containing the current folder and refuses \
            outside one. With a path, creates a git repository there when there is none. \
            Running it again changes nothing.

            Examples:
              coe init                 # in an existing repository
              coe init ~/coes          # create a repository for COEs
            """)

    @Argument(help: ArgumentHelp("Create (when needed) and prepare the repository at this folder.", valueName: "path"))
    var path: String?

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let outcome = try Initializer.initialise(at: path.map(context.path) ?? context.currentDirectory, create: path != nil)
        // A .coe.yaml left as it is must still be one every command can use.
        _ = try Workspace.checked(at: outcome.workTree)
        var lines: [String] = []
        if outcome.createdRepository { lines.append("Created a git repository in \(outcome.workTree)") }
        lines.append(outcome.wroteConfiguration ? "Wrote \(outcome.workTree)/.coe.yaml" : ".coe.yaml already exists; left as it is")
        lines.append(outcome.createdRoot ? "Created \(outcome.root)/ for COEs" : "\(outcome.root)/ already exists")
        if outcome.wroteConfiguration || outcome.createdRoot {
            lines.append("Next: coe new \"<customer-facing problem>\" --severity SEV-2 --team <team>, then commit.")
        }
        context.output.write(lines.map { $0 + "\n" }.joined())
    }
}
