import ArgumentParser
import COEFormat
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
            and at the end P7 (an error only with review.require_reapproval). \
            Exits 1 when a rule was broken, so it can gate CI; 2 on a shallow clone (fetch full history).

            Examples:
              coe audit
              coe audit --format json
              coe audit --rev origin/main
            """)

    @Option(help: "The revision to audit (default: HEAD).")
    var rev = "HEAD"

    @Option(help: "The output format.")
    var format: TextOrJSON = .text

    @OptionGroup var repository: RepositoryOptions

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        let workspace = try repository.workspace(in: context)
        let start = try workspace.commit(at: rev)
        let report = try Audit.run(from: start, root: workspace.root, configuration: workspace.configuration, in: workspace.repository)
        switch format {
        case .text:
            let period = workspace.configuration.reviewPeriodHours
            context.output.write(AuditRenderer.text(report, reviewPeriodHours: period, style: context.outputStyle))
        case .json:
            // Written as it is made: the report of a large repository is tens of megabytes.
            AuditRenderer.writeJSON(report) { context.output.write($0) }
        }
        if report.violationCount > 0 { throw ExitCode(1) }
    }
}
