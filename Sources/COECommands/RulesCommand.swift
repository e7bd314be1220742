import ArgumentParser
import COEGates
import COELint
import COEProcess

struct RulesCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint, process and gate rules, or print docs/rules.md, docs/process-rules.md or the gate rules of docs/hooks.md.",
        discussion: """
            Examples:
              coe rules
              coe rules --format markdown > docs/rules.md
              coe rules --process --format markdown > docs/process-rules.md
              coe rules --gates --format markdown
            """)

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md, or with --process docs/process-rules.md).")
    var format: RulesFormat = .text

    @Flag(help: "Only the process rules (P1–P7, P10–P13), which judge a COE's review history.")
    var process = false

    @Flag(help: "Only the gate rules (G1–G3), which the server applies to the references a push updates.")
    var gates = false

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) {
        switch format {
        case .markdown:
            context.output.write(gates ? GateRules.markdown() : process ? ProcessRulesDocument.markdown() : RulesDocument.markdown())
        case .text:
            var lines = ""
            func line(_ id: String, _ level: String, _ name: String) {
                lines += id.padding(toLength: 15, withPad: " ", startingAt: 0) + level.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + name + "\n"
            }
            let all = !process && !gates
            if all {
                for rule in RuleRegistry.all {
                    let description = type(of: rule).description
                    line(description.id, description.level.rawValue, description.name)
                }
                lines += "\nprocess rules (docs/process-rules.md):\n"
            }
            if all || process {
                for description in ProcessRules.descriptions { line(description.id, description.level.rawValue, description.name) }
            }
            if all { lines += "\ngate rules (docs/hooks.md):\n" }
            if all || gates { for rule in GateRules.all { line(rule.id, "error", rule.name) } }
            context.output.write(lines)
        }
    }
}
