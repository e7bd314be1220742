import COEFormat
import Testing
@testable import COEProcess

/// Each process rule's own scenarios (the ones docs/process-rules.md shows), played: every bad one
/// triggers the rule, every good one (a near miss) does not.
@Suite struct ProcessRuleExampleTests {
    static let ruleIDs = ProcessRules.all.map { type(of: $0).description.id }

    @Test func theRulesAreP1ToP7AndP10ToP13InOrderEachDescribedWithExamplesBothWays() {
        #expect(Self.ruleIDs == ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P10", "P11", "P12", "P13"])
        for description in ProcessRules.descriptions {
            #expect(!description.name.isEmpty && !description.judges.isEmpty && !description.checks.isEmpty, "\(description.id)")
            #expect(!description.rationale.isEmpty && !description.fix.isEmpty && !description.enforcedBy.isEmpty, "\(description.id)")
            #expect(!description.bad.isEmpty && !description.good.isEmpty, "\(description.id) needs a triggering example and a near miss")
        }
    }

    @Test(arguments: ruleIDs)
    func everyBadExampleTriggersTheRule(_ id: String) throws {
        let rule = try #require(ProcessRules.rule(id))
        for example in type(of: rule).description.bad {
            let scenario = try ProcessScenario(example)
            let own = scenario.findings(rule)
            #expect(!own.isEmpty, "\(id) '\(example.title)' did not trigger")
            #expect(own.allSatisfy { $0.rule == id && !$0.message.isEmpty }, "\(id) '\(example.title)': \(own)")
            // Run with every rule, as the callers do, the rule's findings are the same.
            #expect(scenario.findings().filter { $0.rule == id } == own)
        }
    }

    @Test(arguments: ruleIDs)
    func everyGoodExampleIsANearMissThatDoesNotTrigger(_ id: String) throws {
        let rule = try #require(ProcessRules.rule(id))
        for example in type(of: rule).description.good {
            let findings = try ProcessScenario(example).findings(rule)
            #expect(findings.isEmpty, "\(id) '\(example.title)': \(findings)")
        }
    }

    /// The good examples break no rule at all: a near miss of one rule is a clean review.
    @Test(arguments: ruleIDs)
    func goodExamplesAreCleanForEveryRule(_ id: String) throws {
        let rule = try #require(ProcessRules.rule(id))
        for example in type(of: rule).description.good {
            let findings = try ProcessScenario(example).findings()
            #expect(findings.isEmpty, "\(id) '\(example.title)': \(findings)")
        }
    }
}
