import Foundation
import Testing
import TestSupport
@testable import COELint

@Suite struct RulesDocumentTests {
    /// docs/rules.md is generated from the rules; regenerate with `coe rules --format markdown > docs/rules.md`.
    @Test func docsRulesIsUpToDate() throws {
        let committed = try String(contentsOfFile: packageRoot + "/docs/rules.md", encoding: .utf8)
        #expect(committed == RulesDocument.markdown(), "docs/rules.md is stale: run `coe rules --format markdown > docs/rules.md`")
    }

    @Test func everyRuleHasASectionAndAnAnchor() {
        let markdown = RulesDocument.markdown()
        for rule in RuleRegistry.all {
            let id = type(of: rule).description.id
            #expect(markdown.contains("\n### \(id)\n"), "\(id)")
            #expect(markdown.contains("](#\(RulesDocument.anchor(id)))"), "\(id)")
        }
    }
}
