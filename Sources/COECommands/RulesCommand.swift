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
              coe rules P2 B6      # what they check, and what to do
            """)

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md, or with --process docs/process-rules.md).")
    var format: RulesFormat = .text

    @Flag(help: "Only the process rules (P1–P7, P10–P13), which judge a COE's review history.")
    var process = false

    @Flag(help: "Only the gate rules (G1–G3), which the server applies to the references a push updates.")
    var gates = false

    @Argument(help: ArgumentHelp("Rule IDs (P2, B6, G1…): print each one's documentation, as docs/ has it.", valueName: "id"))
    var ids: [String] = []

    @OptionGroup var colorOptions: ColorOptions

    func run(in context: CommandContext) throws {
        if !ids.isEmpty {
            var sections: [String] = []
            for id in ids {
                if let rule = RuleRegistry.all.first(where: { type(of: $0).description.id.lowercased() == id.lowercased() }) {
                    sections.append(RulesDocument.section(type(of: rule).description))
                } else if let rule = ProcessRules.all.first(where: { type(of: $0).description.id.lowercased() == id.lowercased() }) {
                    sections.append(ProcessRulesDocument.section(rule))
                } else if let rule = GateRules.all.first(where: { $0.id.lowercased() == id.lowercased() }) {
                    sections.append(GateRules.section(rule))
                } else {
                    throw ValidationError("no rule '\(id)'; coe rules lists them")
                }
            }
            context.output.write(sections.joined(separator: "\n\n") + "\n")
            return
        }
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
