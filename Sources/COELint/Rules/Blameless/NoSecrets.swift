import COEFormat

/// B6: no secrets or confidential data.
public struct NoSecrets: Rule {
    public static let description = RuleDescription(
        id: "B6", name: "No secrets", level: .error, appliesToDrafts: true,
        checks: "No file of the COE (parts, graph data, text attachments) holds an access key (AWS AKIA…/ASIA…, GitHub ghp_…, Slack xox…), a private-key block, a bearer token, a password in a URL, or an api_key/secret/token/password assignment with a value.",
        rationale: "\"No secrets or confidential data: access keys, tokens, private keys, passwords in URLs. (error)\" A secret committed to git stays in its history.",
        fix: "Remove the secret, rotate it (it may already be in history), and describe it instead (\"the service's access key\").",
        bad: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "dashboard: https://dashboards.example.com/",
                         with: "dashboard: https://viewer:hunter2secret@dashboards.example.com/", line: 3, column: 12),
        good: RuleExample(file: "metrics/01-checkout-error-rate.yaml", replacing: "dashboard: https://dashboards.example.com/",
                          with: "dashboard: https://dashboards.example.com/"))

    static let secrets: [(Pattern, String)] = [
        (Pattern("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"), "an AWS access key id"),
        (Pattern("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----"), "a private key"),
        (Pattern("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"), "a GitHub token"),
        (Pattern("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
        (Pattern("\\bBearer\\s+[A-Za-z0-9._~+/=-]{20,}", caseInsensitive: true), "a bearer token"),
        (Pattern("\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@", caseInsensitive: true), "a password in a URL"),
        (Pattern("\\b(?:api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|password|passwd)\\s*[:=]\\s*[\"']?[A-Za-z0-9/+_=.-]{8,}", caseInsensitive: true), "a credential"),
    ]

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (file, text) in context.document.sources.sorted(by: { $0.key < $1.key }) {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lineText = String(line)
                for (pattern, kind) in Self.secrets {
                    for match in pattern.matches(in: lineText) {
                        let column = String(decoding: Array(lineText.utf16.prefix(match.range.location)), as: UTF16.self).unicodeScalars.count + 1
                        findings.append(finding(file, SourcePosition(line: index + 1, column: column), "\(kind) in the document; remove it and rotate it"))
                    }
                }
            }
        }
        return findings
    }
}
