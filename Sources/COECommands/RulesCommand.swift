import ArgumentParser
import COELint

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules, or print docs/rules.md.",
        discussion: """
            Examples:
              coe rules
              coe rules --format markdown > docs/rules.md
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Option(help: "text: one line per rule; markdown: the full reference (docs/rules.md).")
    var format: Format = .text

    func run() {
        switch format {
        case .markdown: print(RulesDocument.markdown(), terminator: "")
        case .text:
            for rule in RuleRegistry.all {
                let description = type(of: rule).description
                let id = description.id.padding(toLength: 15, withPad: " ", startingAt: 0)
                let level = description.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(id)\(level)\(description.name)")
            }
        }
    }
}
