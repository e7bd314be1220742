import COEApp
import COEFormat
import COEProcess
import Foundation
import Testing
@testable import COELint

@Suite struct ReporterTests {
    let results = [
        LintResult(directory: "coes/a", id: "a", status: .review, findings: [
            Diagnostic(file: "coes/a/impact.md", position: SourcePosition(line: 4, column: 2), level: .error, rule: "I3", message: "18,432 of 241,106 is 7.6 percent, not 6.7"),
            Diagnostic(file: "coes/a/coe.yaml", position: nil, level: .warning, rule: "S2", message: "no reviewers, yet: 100%, really"),
        ]),
        LintResult(directory: "coes/b c", id: nil, status: nil, findings: [
            Diagnostic(file: "coes/b c/whys.yaml", position: SourcePosition(line: 2, column: 1), level: .error, rule: nil, message: "YAML: bad\nthing"),
        ]),
    ]

    @Test func textIsOneLinePerFindingAndASummary() {
        let text = TextReporter(style: .plain).report(results)
        #expect(text == """
            coes/a/impact.md:4:2: error [I3] 18,432 of 241,106 is 7.6 percent, not 6.7
            coes/a/coe.yaml: warning [S2] no reviewers, yet: 100%, really
            coes/b c/whys.yaml:2:1: error YAML: bad
            thing
            2 errors, 1 warning in 2 COEs

            """)
        #expect(TextReporter(style: TextStyle(enabled: true)).report(results).contains("\u{1B}[1;31merror\u{1B}[0m"))
    }

    @Test func jsonHasTheDocumentedSchema() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().report(results).utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["coes": 2, "errors": 2, "warnings": 1])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(Set(findings[0].keys) == ["coe", "file", "line", "column", "level", "rule", "message"])
        #expect(findings[0]["rule"] as? String == "I3" && findings[0]["line"] as? Int == 4 && findings[0]["coe"] as? String == "a")
        #expect(findings[1]["line"] is NSNull && findings[2]["rule"] is NSNull && findings[2]["coe"] is NSNull)
        let coes = try #require(object["coes"] as? [[String: Any]])
        #expect(coes[0]["status"] as? String == "review" && coes[1]["errors"] as? Int == 1)
    }

    /// The parts of SARIF 2.1.0 that code-scanning UIs rely on, checked against the specification's rules.
    @Test func sarifFollowsTheSpecification() throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter().report(results).utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "coe")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        // The lint rules, the process rules (P5 is both: listed once) and `format`.
        let processOnly = ProcessRules.descriptions.filter { RuleRegistry.rule($0.id) == nil }
        #expect(ids.count == RuleRegistry.all.count + processOnly.count + 1 && Set(ids).count == ids.count)
        #expect(ids.contains("P3") && ids.last == "format")
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: String])?["text"]?.isEmpty == false)
            let level = (rule["defaultConfiguration"] as? [String: String])?["level"]
            #expect(["error", "warning", "note", "none"].contains(level ?? ""))
        }
        let sarifResults = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(sarifResults.count == 3)
        for result in sarifResults {
            let ruleID = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == ruleID, "ruleIndex points at the rule")
            #expect(["error", "warning", "note", "none"].contains(result["level"] as? String ?? ""))
            #expect((result["message"] as? [String: String])?["text"]?.isEmpty == false)
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: String])
            #expect(URL(string: artifact["uri"]!) != nil && artifact["uriBaseId"] == "%SRCROOT%")
            if let region = location["region"] as? [String: Int] {
                #expect(region["startLine"]! >= 1 && region["startColumn"]! >= 1)
            }
        }
        #expect(sarifResults[2]["ruleId"] as? String == "format")
        #expect(((sarifResults[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { $0["artifactLocation"] as? [String: String] }?["uri"] == "coes/b%20c/whys.yaml")
    }

    @Test func githubAnnotationsAreEscaped() {
        let text = GitHubReporter().report(results)
        #expect(text.contains("::error file=coes/a/impact.md,line=4,col=2,title=coe I3::18,432 of 241,106 is 7.6 percent, not 6.7\n"))
        #expect(text.contains("::warning file=coes/a/coe.yaml,title=coe S2::no reviewers, yet: 100%25, really\n"))
        #expect(text.contains("::error file=coes/b c/whys.yaml,line=2,col=1,title=coe format::YAML: bad%0Athing\n"))
    }
}
