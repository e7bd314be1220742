import ArgumentParser
import COELint
import COEProcess

struct RulesCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint and process rules, or print docs/rules.md or docs/process-rules.md.",
        discussion: """
            Examples:
              coe rules
              coe rules --format markdown > docs/rules.md
              coe rules --process --format markdown > docs/process-rules.md
            """)

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md, or with --process docs/process-rules.md).")
    var format: RulesFormat = .text

    @Flag(help: "Only the process rules (P1–P7, P10–P13), which judge a COE's review history.")
    var process = false

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) {
        switch format {
        case .markdown: context.output.write(process ? ProcessRulesDocument.markdown() : RulesDocument.markdown())
        case .text:
            var lines = ""
            func line(_ id: String, _ level: String, _ name: String) {
                lines += id.padding(toLength: 15, withPad: " ", startingAt: 0) + level.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + name + "\n"
            }
            if !process {
                for rule in RuleRegistry.all {
                    let description = type(of: rule).description
                    line(description.id, description.level.rawValue, description.name)
                }
                lines += "\nprocess rules (docs/process-rules.md):\n"
            }
            for description in ProcessRules.descriptions { line(description.id, description.level.rawValue, description.name) }
            context.output.write(lines)
        }
    }
}
