import COEFormat

/// B6: no secrets or confidential data.
public struct NoSecrets: Rule {
    public static let description = RuleDescription(
        id: "B6", name: "No secrets", level: .error, appliesToDrafts: true,
        checks: "No file of the COE (parts, graph data, text attachments) holds an access key (AWS AKIA…/ASIA…, GitHub ghp_…, Slack xox…), a private-key block, a bearer token, a password in a URL, or an api_key/secret/token/password assignment with a value. Files are searched folded, as B1 compares names: a key broken up by zero-width characters or soft hyphens, or written in full-width or look-alike letters, is found too.",
        rationale: "\"No secrets or confidential data: access keys, tokens, private keys, passwords in URLs. (error)\" A secret committed to git stays in its history.",
        fix: "Remove the secret, rotate it (it may already be in history), and describe it instead (\"the service's access key\").",
        triggering: [
            RuleExample("attachments/deploy.log", """
                aws_access_key_id = ↓AKIAIOSFODNN7EXAMPLE

                """),
            RuleExample("attachments/deploy.log", """
                ↓-----BEGIN RSA PRIVATE KEY-----
                MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
                -----END RSA PRIVATE KEY-----

                """),
            RuleExample("attachments/deploy.log", """
                checkout token: ↓ghp_0123456789abcdefghijABCDEFGHIJ012345

                """),
            RuleExample("attachments/deploy.log", """
                notify: ↓xoxb-2026-0301-abcdefghij

                """),
            RuleExample("attachments/deploy.log", """
                Authorization: ↓Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXBsb3kifQ

                """),
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                dashboard: ↓https://viewer:hunter2@dashboards.example.com/sign-in
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 1 minute
                customer_impact: true

                """),
            RuleExample("attachments/deploy.log", """
                session store: ↓password=correct-horse-battery

                """),
        ],
        nonTriggering: [
            RuleExample("metrics/01-failed-sign-ins.yaml", """
                title: Failed sign-ins in the mobile app
                caption: Share of sign-in attempts that failed, per minute.
                dashboard: https://viewer@dashboards.example.com/sign-in
                image: 01-failed-sign-ins.svg
                unit: percent of sign-in attempts
                interval: 1 minute
                customer_impact: true

                """),
            RuleExample("attachments/deploy.log", """
                session store: password=<redacted>
                Authorization: Bearer <redacted>

                """),
        ])

    /// Each kind of secret: its pattern and its name. `candidateKinds` decides, in one pass over a file's bytes,
    /// which of them could match (by index, so keep the order), so most files never reach a regular expression.
    static let secrets: [(Pattern, String)] = [
        (Pattern("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"), "an AWS access key id"),
        (Pattern("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----"), "a private key"),
        (Pattern("\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"), "a GitHub token"),
        (Pattern("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), "a Slack token"),
        (Pattern("\\bBearer\\s+[A-Za-z0-9._~+/=-]{20,}", caseInsensitive: true), "a bearer token"),
        (Pattern("\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@", caseInsensitive: true), "a password in a URL"),
        (Pattern("(?<![A-Za-z0-9])(?:api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|password|passwd)\\s*[:=]\\s*[\"']?[A-Za-z0-9/+_=.-]{8,}", caseInsensitive: true),
         "a credential"),
    ]

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
            for secret in Self.find(in: text) {
                findings.append(finding(file, secret.position, "\(secret.kind) in the document; remove it and rotate it"))
            }
        }
        return findings
    }

    /// Every secret in `text`: its kind ("an AWS access key id") and where it starts. The rule reports
    /// these for a COE's files; the review commands refuse a comment holding one before committing it.
    /// The text is searched folded (`TextFold`: no zero-width or direction characters, NFKC, look-alike
    /// letters), so a key broken up or written in full-width letters is found, at its place as written.
    public static func find(in text: String) -> [(kind: String, position: SourcePosition)] {
        let (searched, fold) = TextFold.fold(text)
        let kinds = candidateKinds(searched)
        guard !kinds.isEmpty else { return [] }
        var found: [(kind: String, position: SourcePosition)] = []
        for (index, (pattern, kind)) in secrets.enumerated() where kinds.contains(index) {
            for match in pattern.matches(in: searched) {
                found.append((kind, position(ofUTF16: fold?.original(match.range.location) ?? match.range.location, in: text)))
            }
        }
        return found
    }

    /// The kinds of secret (indices into `secrets`) a text could hold, from one pass over its bytes.
    static func candidateKinds(_ text: String) -> Set<Int> {
        var kinds = Set<Int>()
        var hasScheme = false, hasAt = false
        var text = text
        text.withUTF8 { bytes in
            let count = bytes.count
            func lower(_ index: Int) -> UInt8 { index < count ? bytes[index] | 0x20 : 0 }
            func follows(_ index: Int, _ word: StaticString) -> Bool {
                let length = word.utf8CodeUnitCount
                guard index + length <= count else { return false }
                for offset in 0..<length where lower(index + offset) != word.utf8Start[offset] { return false }
                return true
            }
            /// One of the credential keywords the pattern starts with (api_key, client-secret, password …) at `index`.
            func credential(_ index: Int) -> Bool {
                for (first, second) in [("api", "key"), ("secret", "key"), ("client", "secret"), ("access", "token"), ("auth", "token")] as [(StaticString, StaticString)]
                where follows(index, first) {
                    var next = index + first.utf8CodeUnitCount
                    if next < count, bytes[next] == 0x5F || bytes[next] == 0x2D { next += 1 }
                    if follows(next, second) { return true }
                }
                return follows(index, "password") || follows(index, "passwd")
            }
            var index = 0
            while index < count {
                switch bytes[index] {
                case 0x41:
                    if follows(index, "akia") || follows(index, "asia") || follows(index, "agpa") || follows(index, "aida") || follows(index, "aroa") { kinds.insert(0) }
                    let second = lower(index + 1)
                    if second == 0x70 || second == 0x63 || second == 0x75, credential(index) { kinds.insert(6) }
                case 0x2D: if follows(index, "-----") { kinds.insert(1) }
                case 0x67: if lower(index + 1) == 0x68, index + 3 < count, bytes[index + 3] == 0x5F { kinds.insert(2) }
                case 0x78: if follows(index, "xox") { kinds.insert(3) }
                case 0x42, 0x62: if follows(index, "bearer") { kinds.insert(4) }
                case 0x3A: if follows(index, "://") { hasScheme = true }
                case 0x40: hasAt = true
                case 0x61, 0x53, 0x73, 0x43, 0x63, 0x50, 0x70:
                    // Only api/access/auth, secret, client and pass… can start a keyword: check the second letter first,
                    // the one its first letter needs ("se", "ca", "pe" … are common in prose: with any of the six
                    // second letters after any of the four first ones, `credential` ran for them all).
                    let first = bytes[index] | 0x20, second = lower(index + 1)
                    let mayStart = first == 0x61 ? second == 0x70 || second == 0x63 || second == 0x75
                        : first == 0x73 ? second == 0x65 : first == 0x63 ? second == 0x6C : second == 0x61
                    if mayStart, credential(index) { kinds.insert(6) }
                default: break
                }
                index += 1
            }
        }
        if hasScheme && hasAt { kinds.insert(5) }
        return kinds
    }
}
