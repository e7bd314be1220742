import ArgumentParser
import COEFormat
import COEGates
import COEHistory
import COEApp
import COEWorkspace
import Foundation
import GitKit

struct AuditCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit every COE's process from the history, in one walk.",
        discussion: """
            Per COE: time in each status, when it entered review and when it was approved (the review \
            period observed), who approved (self-approvals flagged), edits after approval, status moves \
            that skipped a step, due dates that moved (how often, by how much), deletion. \
            Every commit is judged by the process rules the hooks run (docs/process-rules.md): P1 a \
            forbidden move, P2 approval before the review period, P3 who approved and whether enough \
            approvals of the content counted, P4 open comments at approval, P6 closing with open items, \
            P10 who resolved, P11 review records rewritten or removed, P12 reviewed COEs deleted, \
            and at the end P7 (an error only with review.require_reapproval). Where the server's \
            witness notes are (refs/notes/coe-witness), commits it saw that no branch holds now (a \
            forced update, a deleted branch) are listed with the review records they took away. \
            Runs in a work tree, or on the server's bare repository (with the server's review \
            policy). Exits 1 when a rule was broken, so it can gate CI; 2 on a shallow clone (fetch full history).

            Examples:
              coe audit
              coe audit --format json
              coe audit --rev origin/main
            """)

    @Option(help: "The revision to audit.")
    var rev = "HEAD"

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        // On the server (a bare repository), the review policy the server enforces; elsewhere the work tree's.
        let repository: Repository, configuration: Configuration
        if let bare = try? Repository.discover(from: self.repository.folder(in: context)), bare.workdir == nil {
            repository = bare
            configuration = try Witness.serverConfiguration(bare)
        } else {
            let workspace = try self.repository.workspace(in: context)
            repository = workspace.repository
            configuration = workspace.configuration
        }
        let start: ObjectID
        do { start = try repository.resolveCommit(rev) } catch let error as GitError {
            throw WorkspaceError("cannot read revision '\(rev)': \(error.message)")
        }
        var report = try Audit.run(from: start, root: configuration.root, configuration: configuration, in: repository)
        // Where the witness notes are (the server, or a clone that fetched them): what a forced update took away.
        report.vanished = try Witness.vanished(in: repository, configuration: configuration)
        switch format {
        case .text:
            let period = configuration.reviewPeriodHours
            // Written a COE at a time, as the JSON is.
            AuditRenderer.writeText(report, reviewPeriodHours: period, style: context.outputStyle) { context.output.write($0) }
        case .json:
            // Written as it is made: the report of a large repository is tens of megabytes.
            AuditRenderer.writeJSON(report) { context.output.write($0) }
        }
        if report.violationCount > 0 { throw ExitCode(1) }
    }
}
