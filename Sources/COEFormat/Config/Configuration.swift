/// How the configuration re-grades a lint rule.
public enum RuleSetting: String, Sendable, CaseIterable {
    case off, warning, error
}

/// The repository's `coe` settings, from `.coe.yaml` at the repository root.
public struct Configuration: Sendable, Equatable {
    /// The config file's name, at the repository root.
    public static let fileName = ".coe.yaml"

    /// The folder holding one folder per COE, relative to the repository root.
    public var root: String = "coes"
    /// Hours a COE stays in review before it may be approved (rule P2).
    public var reviewPeriodHours: Int = 24
    /// Approvals needed (rule P3).
    public var requiredApprovals: Int = 1
    /// Who may approve (git emails or names); empty means anyone but the author.
    public var reviewers: [String] = []
    /// Bar raisers; a SEV-1 needs one of them when any are listed.
    public var barRaisers: [String] = []
    /// When true, the hooks and `coe check` refuse an approved COE whose content changed after its
    /// approvals until it is approved again (rule P7); when false they only report it.
    public var requireReapproval: Bool = false
    /// How far in the future (by the server's clock) a pushed commit may be dated, in minutes.
    public var clockSkewMinutes: Int = 5
    /// When true, every approval, request for changes, resolution, retraction and import is a signed commit
    /// whose verified signer is the person the record names (rule P13; verified by the server's pre-receive).
    public var requireSigned: Bool = false
    /// When true, a COE that has left draft may be deleted, by a commit signed by one of
    /// `administrators` (rule P12); when false no one may delete it.
    public var allowDeletion: Bool = false
    /// Who may sign the deletion of a COE that has left draft (git e-mails), with `allowDeletion`.
    public var administrators: [String] = []
    /// Who may import COEs reviewed elsewhere (`coe import`, rule P1); empty: no one.
    public var importers: [String] = []
    /// Known teams, for owners of COEs and action items (rule A8).
    public var teams: [String] = []
    /// Known roles ("payments on-call engineer").
    public var roles: [String] = []
    /// People's names to keep out of documents (rule B1).
    public var roster: [String] = []
    /// Customer names to keep out of documents (rule I5).
    public var customers: [String] = []
    /// Acronyms everyone knows, not spelled out on first use (rule B4).
    public var acronyms: [String] = Configuration.defaultAcronyms
    /// The timezone every COE's times are written in (`UTC` turns on rule L1.utc); nil: any one zone.
    public var timezone: String?
    /// Days a COE has from creation to approval before it is "languishing" (rule P5).
    public var daysToComplete: Int = 14
    /// Days from creation within which action items are due (rule A3).
    public var actionDueDays: Int = 45
    /// Where `coe actions --verify` looks for an evidence commit besides this repository (paths relative
    /// to the repository root, or absolute).
    public var evidenceRepositories: [String] = []
    /// The form of a ticket id given as evidence (a regular expression matched against the whole id).
    public var ticketPattern: String = Configuration.defaultTicketPattern
    /// The URL prefixes evidence may link to (empty: any http or https URL).
    public var evidenceURLs: [String] = []
    /// A ticket id as most trackers write it: PAY-4471, OPS_2-17.
    public static let defaultTicketPattern = "[A-Z][A-Z0-9_]+-[0-9]+"
    /// How much is read before a file or COE is refused (`limits.max_file_bytes` and the others).
    public var readLimits: ReadLimits = .default
    /// How alike, in percent, a root cause must be to one of an earlier COE for lint rule W7 to flag it
    /// (`search.repeat_similarity`; the measure is `RepeatedRootCause`, docs/search.md).
    public var repeatSimilarity: Int = RepeatedRootCause.defaultPercent

    public static let defaultAcronyms = [
        "API", "AWS", "CDN", "CPU", "CSV", "DNS", "EU", "HTTP", "HTTPS", "ID", "JSON", "OS", "RAM", "SLA", "SQL", "SSH",
        "TCP", "TLS", "UDP", "UI", "UK", "URL", "US", "UTC", "VPN",
    ]

    /// Rule settings by rule ID (`B4: off`, `A5: error`), with where each was written.
    public var rules: [String: RuleSetting] = [:]
    public var rulePositions: [String: SourcePosition] = [:]

    public init() {}

    public static func == (lhs: Configuration, rhs: Configuration) -> Bool {
        lhs.root == rhs.root && lhs.reviewPeriodHours == rhs.reviewPeriodHours && lhs.requiredApprovals == rhs.requiredApprovals
            && lhs.requireReapproval == rhs.requireReapproval && lhs.clockSkewMinutes == rhs.clockSkewMinutes
            && lhs.requireSigned == rhs.requireSigned && lhs.allowDeletion == rhs.allowDeletion && lhs.administrators == rhs.administrators
            && lhs.importers == rhs.importers
            && lhs.reviewers == rhs.reviewers && lhs.barRaisers == rhs.barRaisers && lhs.teams == rhs.teams && lhs.roles == rhs.roles
            && lhs.roster == rhs.roster && lhs.customers == rhs.customers && lhs.acronyms == rhs.acronyms
            && lhs.daysToComplete == rhs.daysToComplete && lhs.actionDueDays == rhs.actionDueDays && lhs.rules == rhs.rules
            && lhs.readLimits == rhs.readLimits && lhs.evidenceRepositories == rhs.evidenceRepositories
            && lhs.ticketPattern == rhs.ticketPattern && lhs.evidenceURLs == rhs.evidenceURLs && lhs.timezone == rhs.timezone
            && lhs.repeatSimilarity == rhs.repeatSimilarity
    }

    /// Reads the configuration; every unknown key and wrong type is reported with its position.
    public static func parse(_ source: SourceText) throws -> Configuration {
        var config = Configuration()
        guard let root = try YAMLParser.parse(source) else { return config }
        let reader = YAMLReader(file: source.file)
        guard let map = reader.mapping(root) else { throw FormatError(reader.diagnostics) }
        if let value = map.string("root") {
            // Every trailing slash goes (the fuzzer found that `coes//` read back as `coes/` after a round trip).
            var root = Substring(value)
            while root.count > 1, root.hasSuffix("/") { root = root.dropLast() }
            if let problem = rootProblem(String(root)), let node = map.node("root") {
                reader.report("root '\(COEID.escaped(value))': \(problem)", at: node.position)
            }
            config.root = String(root)
        }
        if let review = map.mapping("review") {
            config.reviewPeriodHours = review.integer("period_hours", in: 0...8760) ?? config.reviewPeriodHours
            config.requiredApprovals = review.integer("approvals", in: 1...20) ?? config.requiredApprovals
            config.reviewers = review.strings("reviewers")
            config.barRaisers = review.strings("bar_raisers")
            config.requireReapproval = review.bool("require_reapproval") ?? config.requireReapproval
            config.clockSkewMinutes = review.integer("clock_skew_minutes", in: 0...1440) ?? config.clockSkewMinutes
            config.requireSigned = review.bool("require_signed") ?? config.requireSigned
            config.allowDeletion = review.bool("allow_deletion") ?? config.allowDeletion
            config.administrators = review.strings("administrators")
            config.importers = review.strings("importers")
            // Signed records prove an address, not a name: with signing on, every list that grants something
            // names addresses (an entry without @ would grant to whoever sets that user.name).
            if config.requireSigned {
                for key in ["reviewers", "bar_raisers", "importers", "administrators"] {
                    for entry in review.strings(key) where !entry.contains("@") {
                        reader.report("review.\(key) names '\(COEID.escaped(entry))', not an e-mail address; with review.require_signed "
                                          + "every list names addresses (a name is whatever its writer sets)", at: review.node(key)?.position)
                    }
                }
            }
            review.finish()
        }
        config.teams = map.strings("teams")
        config.roles = map.strings("roles")
        config.roster = map.strings("roster")
        config.customers = map.strings("customers")
        if map.node("acronyms") != nil { config.acronyms = map.strings("acronyms") }
        if let zone = map.string("timezone") {
            if zone.uppercased() == "UTC" { config.timezone = "UTC" } else {
                reader.report("timezone '\(COEID.escaped(zone))': only UTC can be asked for (rule L1.utc); leave the key out to allow any one zone",
                              at: map.node("timezone")?.position)
            }
        }
        if let limits = map.mapping("limits") {
            config.daysToComplete = limits.integer("days_to_complete", in: 1...3650) ?? config.daysToComplete
            config.actionDueDays = limits.integer("action_due_days", in: 1...3650) ?? config.actionDueDays
            // Each read limit may be lowered to a small floor or raised up to its ceiling (ReadLimits.ceiling).
            func limit(_ key: String, _ path: WritableKeyPath<ReadLimits, Int>, floor: Int) {
                if let value = limits.integer(key, in: floor...ReadLimits.ceiling[keyPath: path]) {
                    config.readLimits[keyPath: path] = value
                }
            }
            limit("max_file_bytes", \.fileBytes, floor: 1 << 10)
            limit("max_coe_bytes", \.coeBytes, floor: 1 << 10)
            limit("max_coe_files", \.coeEntries, floor: 20)
            limit("max_yaml_depth", \.yamlDepth, floor: 4)
            limit("max_yaml_nodes", \.yamlNodes, floor: 100)
            limits.finish()
        }
        if let evidence = map.mapping("evidence") {
            config.evidenceRepositories = evidence.strings("repositories")
            if let pattern = evidence.string("tickets") {
                if (try? Regex(pattern)) == nil {
                    reader.report("evidence.tickets '\(COEID.escaped(pattern))' is not a regular expression", at: evidence.node("tickets")?.position)
                } else {
                    config.ticketPattern = pattern
                }
            }
            config.evidenceURLs = evidence.strings("urls")
            evidence.finish()
        }
        if let search = map.mapping("search") {
            config.repeatSimilarity = search.integer("repeat_similarity", in: 1...100) ?? config.repeatSimilarity
            search.finish()
        }
        if let rules = map.mapping("rules") {
            for pair in rules.allPairs() {
                // A key that cannot be a rule ID is refused here (an unknown but well-formed one is a lint finding).
                guard pair.key.utf8.count <= 40, pair.key.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_")
                }), !pair.key.isEmpty else {
                    reader.report("'\(COEID.escaped(pair.key))' in rules is not a rule ID (such as B4 or B1.history)", at: pair.keyPosition)
                    continue
                }
                guard let text = reader.string(pair.value, what: pair.key) else { continue }
                guard let setting = RuleSetting(rawValue: text) else {
                    reader.report("rule '\(pair.key)' must be one of off, warning, error; found '\(COEID.escaped(text))'",
                                  at: pair.value.position)
                    continue
                }
                config.rules[pair.key] = setting
                config.rulePositions[pair.key] = pair.keyPosition
            }
        }
        map.finish()
        if !reader.diagnostics.isEmpty { throw FormatError(reader.diagnostics) }
        return config
    }

    /// A COE root's path components (none for the repository root, `.` or empty).
    public static func rootComponents(_ root: String) -> [String] {
        root == "." || root.isEmpty ? [] : root.split(separator: "/").map(String.init)
    }

    /// What a COE folder's path starts with under a COE root: `coes/`, or nothing at the repository root.
    public static func rootPrefix(_ root: String) -> String {
        root == "." || root.isEmpty ? "" : root + "/"
    }

    /// Why a COE root folder cannot be used, or nil.
    static func rootProblem(_ root: String) -> String? {
        if root.isEmpty || root == "." { return nil }
        if root.hasPrefix("/") { return "must be relative to the repository root" }
        for component in root.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." { return "must stay inside the repository ('..')" }
            if component == ".git" { return "must not be inside .git" }
            // A commit's tree has no "." or empty folder names: such a root would read differently there.
            if component == "." || component.isEmpty { return "must be a plain path, without '.' or empty parts ('//')" }
        }
        if root.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "must not contain control characters" }
        return nil
    }

    /// The configuration as a commented file, as `coe init` writes it.
    public func serialized() -> String {
        var writer = YAMLWriter()
        writer.comment("coe configuration. Reference: docs/format.md#configuration")
        writer.comment("")
        writer.comment("Folder holding one folder per COE.")
        writer.write([("root", .string(root))])
        writer.comment("Review rules (P2, P3): hours in review before approval, approvals needed,")
        writer.comment("who may approve (git emails; empty: anyone but the author), bar raisers for SEV-1,")
        writer.comment("whether hooks refuse an approved COE edited since its approval (P7), and how far in")
        writer.comment("the future a pushed commit may be dated by the server's clock; whether approvals,")
        writer.comment("requests for changes, resolutions, retractions and imports must be signed commits (P13), whether a COE")
        writer.comment("that left draft may be deleted, signed by an administrator (P12); who may import COEs")
        writer.comment("reviewed elsewhere (coe import; empty: no one).")
        writer.write([("review", .mapping([
            ("period_hours", .raw(String(reviewPeriodHours))),
            ("approvals", .raw(String(requiredApprovals))),
            ("reviewers", .inlineList(reviewers.map { .string($0) })),
            ("bar_raisers", .inlineList(barRaisers.map { .string($0) })),
            ("require_reapproval", .raw(requireReapproval ? "true" : "false")),
            ("clock_skew_minutes", .raw(String(clockSkewMinutes))),
            ("require_signed", .raw(requireSigned ? "true" : "false")),
            ("allow_deletion", .raw(allowDeletion ? "true" : "false")),
            ("administrators", .inlineList(administrators.map { .string($0) })),
            ("importers", .inlineList(importers.map { .string($0) })),
        ]))])
        writer.comment("Known owning teams and roles (A8: an owner outside these is an orphan).")
        writer.write([("teams", .inlineList(teams.map { .string($0) })), ("roles", .inlineList(roles.map { .string($0) }))])
        writer.comment("Names that must never appear in a COE: people (B1) and customers (I5).")
        writer.write([("roster", .inlineList(roster.map { .string($0) })), ("customers", .inlineList(customers.map { .string($0) }))])
        writer.comment("Acronyms everyone knows, exempt from spelling out on first use (B4).")
        writer.write([("acronyms", .inlineList(acronyms.map { .string($0) }))])
        writer.comment("UTC: every time in UTC (L1.utc); without it, any one zone (L1).")
        writer.write([("timezone", timezone.map { .string($0) })])
        writer.comment("Days to complete a COE (P5) and days within which action items are due (A3); read limits")
        writer.comment("(max_file_bytes, max_coe_bytes, max_coe_files, max_yaml_depth, max_yaml_nodes) when not the defaults.")
        let read = readLimits, defaults = ReadLimits.default
        func limit(_ key: String, _ path: KeyPath<ReadLimits, Int>) -> (String, YAMLWriter.Value?) {
            (key, read[keyPath: path] == defaults[keyPath: path] ? nil : .raw(String(read[keyPath: path])))
        }
        writer.write([("limits", .mapping([
            ("days_to_complete", .raw(String(daysToComplete))),
            ("action_due_days", .raw(String(actionDueDays))),
            limit("max_file_bytes", \.fileBytes), limit("max_coe_bytes", \.coeBytes), limit("max_coe_files", \.coeEntries),
            limit("max_yaml_depth", \.yamlDepth), limit("max_yaml_nodes", \.yamlNodes),
        ]))])
        writer.comment("What coe actions --verify accepts as a done item's evidence: commits of this repository or of")
        writer.comment("these (paths), ticket ids of this form (a regular expression), links starting with these (empty: any).")
        writer.write([("evidence", .mapping([
            ("repositories", .inlineList(evidenceRepositories.map { .string($0) })),
            ("tickets", .string(ticketPattern)),
            ("urls", .inlineList(evidenceURLs.map { .string($0) })),
        ]))])
        writer.comment("How alike (percent) a root cause must be to one of an earlier COE for lint rule W7 to flag it.")
        writer.write([("search", .mapping([("repeat_similarity", .raw(String(repeatSimilarity)))]))])
        writer.comment("Lint rules to turn off or re-grade, by rule ID, e.g. B4: off, A5: error (docs/rules.md).")
        writer.write([("rules", rules.isEmpty ? .raw("{}") : .mapping(rules.keys.sorted().map { ($0, .raw(rules[$0]!.rawValue)) }))])
        return writer.text
    }
}
