import ArgumentParser
import COELint
import COEProcess

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint and process rules, or print docs/rules.md or docs/process-rules.md.",
        discussion: """
            Examples:
              coe rules
              coe rules --format markdown > docs/rules.md
              coe rules --process --format markdown > docs/process-rules.md
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md, or with --process docs/process-rules.md).")
    var format: Format = .text

    @Flag(help: "Only the process rules (P1–P7), which judge a COE's review history.")
    var process = false

    func run() {
        switch format {
        case .markdown: print(process ? ProcessRulesDocument.markdown() : RulesDocument.markdown(), terminator: "")
        case .text:
            if !process {
                for rule in RuleRegistry.all {
                    let description = type(of: rule).description
                    line(description.id, description.level.rawValue, description.name)
                }
                print("")
                print("process rules (docs/process-rules.md):")
            }
            for description in ProcessRules.descriptions { line(description.id, description.level.rawValue, description.name) }
        }
    }

    func line(_ id: String, _ level: String, _ name: String) {
        print(id.padding(toLength: 15, withPad: " ", startingAt: 0) + level.padding(toLength: 8, withPad: " ", startingAt: 0) + name)
    }
}
