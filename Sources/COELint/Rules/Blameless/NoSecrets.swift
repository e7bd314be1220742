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

    /// Each kind of secret: its pattern, its name, and literal texts it cannot match without: any one group of
    /// which must all occur (checked first, so most files never reach the regular expressions). Literals in
    /// capitals are looked for as written; the others in the lower-cased text.
    static let secrets: [(Pattern, String, [[String]])] = [
        (Pattern("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"), "an AWS access key id", [["AKIA"], ["ASIA"], ["AGPA"], ["AIDA"], ["AROA"]]),
        (Pattern("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----"), "a private key", [["private key-----"]]),
        (Pattern("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"), "a GitHub token", [["ghp_"], ["gho_"], ["ghu_"], ["ghs_"], ["ghr_"]]),
        (Pattern("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token", [["xox"]]),
        (Pattern("\\bBearer\\s+[A-Za-z0-9._~+/=-]{20,}", caseInsensitive: true), "a bearer token", [["bearer"]]),
        (Pattern("\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@", caseInsensitive: true), "a password in a URL", [["://", "@"]]),
        (Pattern("\\b(?:api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|password|passwd)\\s*[:=]\\s*[\"']?[A-Za-z0-9/+_=.-]{8,}", caseInsensitive: true),
         "a credential", ["apikey", "api_key", "api-key", "secretkey", "secret_key", "secret-key", "clientsecret", "client_secret", "client-secret",
                          "accesstoken", "access_token", "access-token", "authtoken", "auth_token", "auth-token", "password", "passwd"].map { [$0] }),
    ]

    /// Words every credential literal above contains: a file with none of them skips those checks.
    static let credentialStems = ["key", "secret", "token", "passw"]

    public init() {}

    /// Line and column (in Unicode scalars) of a UTF-16 offset.
    static func position(ofUTF16 offset: Int, in text: String) -> SourcePosition {
        let prefix = text.utf16.prefix(offset)
        let lineStart = prefix.lastIndex(of: 0x0A).map { prefix.index(after: $0) } ?? prefix.startIndex
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = String(text.utf16[lineStart..<prefix.endIndex])!.unicodeScalars.count + 1
        return SourcePosition(line: line, column: column)
    }

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (file, text) in context.document.sources.sorted(by: { $0.key < $1.key }) {
            // Lower-case ASCII only (the literals are ASCII), without a locale.
            let lowered = String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
            func occurs(_ literal: String) -> Bool {
                literal.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.containsBytes(literal) : lowered.containsBytes(literal)
            }
            let mayHoldCredential = Self.credentialStems.contains(where: lowered.containsBytes)
            for (pattern, kind, literals) in Self.secrets where (kind != "a credential" || mayHoldCredential) && literals.contains(where: { $0.allSatisfy(occurs) }) {
                for match in pattern.matches(in: text) {
                    findings.append(finding(file, Self.position(ofUTF16: match.range.location, in: text), "\(kind) in the document; remove it and rotate it"))
                }
            }
        }
        return findings
    }
}
