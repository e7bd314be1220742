import COEFormat
import COEProcess

/// P5: a COE is complete within 14 days of creation. The check is the process rule's (`CompleteInTime`);
/// lint reports it at the `created` line, with an example that changes a file of the example COE.
public struct Languishing: Rule {
    static let process = CompleteInTime.description

    public static let description = RuleDescription(
        id: process.id, name: process.name, level: process.level, appliesToDrafts: true,
        checks: process.checks,
        rationale: process.rationale,
        fix: process.fix,
        bad: RuleExample(file: "coe.yaml", replacing: "status: closed", with: "status: review", line: 7, column: 10),
        good: RuleExample(file: "coe.yaml", replacing: "status: closed", with: "status: closed"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let facts = ProcessFacts(coe: ProcessFacts.COE(context.metadata), configuration: context.configuration, today: context.today)
        return CompleteInTime().check(facts, .standing).map {
            finding(context.metadataFile, context.metadata.texts["created"]?.position, $0.message)
        }
    }
}
