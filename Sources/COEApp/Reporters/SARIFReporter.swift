import COEFormat
import COELint
import COEProcess
import Foundation

/// SARIF 2.1.0, for code-scanning UIs: one run, the rules as the driver's rules, each finding a result.
public struct SARIFReporter: Reporter {
    public static let name = "sarif"
    /// The rule id given to findings that come from reading a document (format errors).
    static let formatRuleID = "format"

    public init() {}

    public func report(_ results: [LintResult]) -> String {
        var rules: [[String: Any]] = RuleRegistry.all.map { rule in
            let description = type(of: rule).description
            return [
                "id": description.id, "name": description.name.replacingOccurrences(of: " ", with: ""),
                "shortDescription": ["text": description.name],
                "fullDescription": ["text": description.checks],
                "help": ["text": "\(description.fix)\n\nWhy: \(description.rationale)",
                         "markdown": "\(description.fix)\n\n**Why:** \(description.rationale)"],
                "helpUri": "docs/rules.md#\(RulesDocument.anchor(description.id))",
                "defaultConfiguration": ["level": level(description.level)],
            ]
        }
        // The process rules, whose findings `coe check` and the hooks report (P5 is a lint rule too: listed once).
        let lintIDs = Set(rules.compactMap { $0["id"] as? String })
        rules += ProcessRules.descriptions.filter { !lintIDs.contains($0.id) }.map { description in
            [
                "id": description.id, "name": description.name.replacingOccurrences(of: " ", with: ""),
                "shortDescription": ["text": description.name],
                "fullDescription": ["text": description.checks],
                "help": ["text": "\(description.fix)\n\nWhy: \(description.rationale)",
                         "markdown": "\(description.fix)\n\n**Why:** \(description.rationale)"],
                "helpUri": "docs/process-rules.md#\(ProcessRulesDocument.anchor(description.id))",
                "defaultConfiguration": ["level": level(description.level)],
            ]
        }
        rules.append(["id": Self.formatRuleID, "name": "Format", "shortDescription": ["text": "The COE can be read"],
                      "fullDescription": ["text": "The COE's files follow the format (docs/format.md)."],
                      "defaultConfiguration": ["level": "error"]])
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element["id"] as! String, $0.offset) })
        let sarifResults: [[String: Any]] = results.allFindings.map { finding in
            let id = finding.rule.flatMap { ruleIndex[$0] != nil ? $0 : nil } ?? Self.formatRuleID
            var physical: [String: Any] = ["artifactLocation": ["uri": percentEncoded(finding.file), "uriBaseId": "%SRCROOT%"]]
            if let position = finding.position, position.line > 0 {
                physical["region"] = ["startLine": position.line, "startColumn": max(position.column, 1)]
            }
            return ["ruleId": id, "ruleIndex": ruleIndex[id]!, "level": level(finding.level),
                    "message": ["text": finding.message], "locations": [["physicalLocation": physical]]]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": ["name": "coe", "semanticVersion": "0.1.0", "rules": rules]],
                "originalUriBaseIds": ["%SRCROOT%": ["description": ["text": "The repository root"]]],
                "columnKind": "unicodeCodePoints",
                "results": sarifResults,
            ]],
        ]
        return JSONText.text(log)
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

