import ArgumentParser
import COELint

struct RulesCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules, or print docs/rules.md.",
        discussion: """
            Examples:
              coe rules
              coe rules --format markdown > docs/rules.md
            """)

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md).")
    var format: RulesFormat = .text

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) {
        switch format {
        case .markdown: context.output.write(RulesDocument.markdown())
        case .text:
            var lines = ""
            for rule in RuleRegistry.all {
                let description = type(of: rule).description
                let id = description.id.padding(toLength: 15, withPad: " ", startingAt: 0)
                let level = description.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                lines += "\(id)\(level)\(description.name)\n"
            }
            context.output.write(lines)
        }
    }
}
