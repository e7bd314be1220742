import COEFormat
import COELint
import COEProcess
import Foundation

/// SARIF 2.1.0, for code-scanning UIs: one run, the rules as the driver's rules, each finding a result.
public struct SARIFReporter: Reporter {
    /// The rule id given to findings that come from reading a document (format errors).
    static let formatRuleID = "format"

    public init() {}

    public func report(_ results: [LintResult]) -> String {
        var rules: [(id: String, json: JSON)] = RuleRegistry.all.map { rule in
            let description = type(of: rule).description
            return descriptor(id: description.id, name: description.name, checks: description.checks, fix: description.fix,
                              rationale: description.rationale, level: description.level,
                              help: "docs/rules.md#\(RulesDocument.anchor(description.id))")
        }
        // The process rules, whose findings `coe check` and the hooks report (P5 is a lint rule too: listed once).
        let lintIDs = Set(rules.map(\.id))
        rules += ProcessRules.descriptions.filter { !lintIDs.contains($0.id) }.map { description in
            descriptor(id: description.id, name: description.name, checks: description.checks, fix: description.fix,
                       rationale: description.rationale, level: description.level,
                       help: "docs/process-rules.md#\(ProcessRulesDocument.anchor(description.id))")
        }
        rules.append((Self.formatRuleID, [
            "id": JSON(Self.formatRuleID), "name": "Format", "shortDescription": ["text": "The COE can be read"],
            "fullDescription": ["text": "The COE's files follow the format (docs/format.md)."],
            "defaultConfiguration": ["level": "error"],
        ]))
        // Each result points at its rule by index; a finding without a known rule is the format rule's (the last).
        let ruleIndex = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }) { first, _ in first }
        let sarifResults = results.allFindings.map { finding -> JSON in
            let known = finding.rule.flatMap { rule in ruleIndex[rule].map { (rule, $0) } }
            let (id, index) = known ?? (Self.formatRuleID, rules.count - 1)
            var physical: [(String, JSON)] = [("artifactLocation", ["uri": JSON(percentEncoded(finding.file)), "uriBaseId": "%SRCROOT%"])]
            if let position = finding.position, position.line > 0 {
                physical.append(("region", ["startLine": JSON(position.line), "startColumn": JSON(max(position.column, 1))]))
            }
            return ["ruleId": JSON(id), "ruleIndex": JSON(index), "level": JSON(level(finding.level)),
                    "message": ["text": JSON(finding.message)], "locations": [["physicalLocation": .object(physical)]]]
        }
        return JSONText.text([
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": ["name": "coe", "semanticVersion": JSON(COEVersion.current), "rules": .array(rules.map(\.json))]],
                "originalUriBaseIds": ["%SRCROOT%": ["description": ["text": "The repository root"]]],
                "columnKind": "unicodeCodePoints",
                "results": .array(sarifResults),
            ]],
        ])
    }

    /// A rule as SARIF's `reportingDescriptor`, lint and process rules alike.
    private func descriptor(id: String, name: String, checks: String, fix: String, rationale: String, level ruleLevel: Diagnostic.Level,
                            help: String) -> (id: String, json: JSON) {
        (id, [
            "id": JSON(id), "name": JSON(name.replacingOccurrences(of: " ", with: "")),
            "shortDescription": ["text": JSON(name)],
            "fullDescription": ["text": JSON(checks)],
            "help": ["text": JSON("\(fix)\n\nWhy: \(rationale)"), "markdown": JSON("\(fix)\n\n**Why:** \(rationale)")],
            "helpUri": JSON(help),
            "defaultConfiguration": ["level": JSON(level(ruleLevel))],
        ])
    }

    private func level(_ level: Diagnostic.Level) -> String {
        switch level {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    private func percentEncoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "%"))) ?? path
    }
}

