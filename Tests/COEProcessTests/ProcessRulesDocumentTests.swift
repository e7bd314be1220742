import Foundation
import Testing
import TestSupport
@testable import COEProcess

@Suite struct ProcessRulesDocumentTests {
    /// docs/process-rules.md is generated from the rules; regenerate with
    /// `coe rules --process --format markdown > docs/process-rules.md`.
    @Test func docsProcessRulesIsUpToDate() throws {
        let committed = try String(contentsOfFile: packageRoot + "/docs/process-rules.md", encoding: .utf8)
        #expect(committed == ProcessRulesDocument.markdown(),
                "docs/process-rules.md is stale: run `coe rules --process --format markdown > docs/process-rules.md`")
    }

    @Test func everyRuleHasASectionAnAnchorAndItsScenariosFindings() {
        let markdown = ProcessRulesDocument.markdown()
        for description in ProcessRules.descriptions {
            #expect(markdown.contains("\n### \(description.id)\n"), "\(description.id)")
            #expect(markdown.contains("](#\(ProcessRulesDocument.anchor(description.id)))"), "\(description.id)")
            #expect(markdown.contains("Finds (error): `[\(description.id)]") || markdown.contains("Finds (warning): `[\(description.id)]"),
                    "\(description.id)")
        }
        #expect(!markdown.contains("cannot be played"))
    }
}
