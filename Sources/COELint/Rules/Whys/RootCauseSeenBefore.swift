import COEFormat

/// W7: a root cause that resembles a root cause of an earlier COE is named, with what became of that
/// COE's action items for it.
public struct RootCauseSeenBefore: Rule {
    static let past = SimilarityProfile(
        id: "2026-01-12-p4k8m2x6wq", title: "Customers unable to reset their password", created: CalendarDate("2026-01-12")!,
        confidentiality: .teamOnly, services: ["sign-in-service"], tags: [],
        rootCauses: [SimilarityProfile.RootCause(text: "Production configuration has no validated section of its own for each environment.",
                                                 line: 9, actions: ["A2"])],
        actions: [SimilarityProfile.Action(id: "A2", title: "Split the configuration into validated sections per environment",
                                           status: .open, due: CalendarDate("2026-02-01"), doneOn: nil)])

    static func past(_ status: ActionStatus, doneOn: String? = nil, confidentiality: Confidentiality = .teamOnly, created: String = "2026-01-12",
                     cause: String? = nil, action: String? = nil) -> SimilarityProfile {
        SimilarityProfile(id: past.id, title: past.title, created: CalendarDate(created)!, confidentiality: confidentiality, services: past.services,
                          tags: [], rootCauses: [SimilarityProfile.RootCause(text: cause ?? past.rootCauses[0].text, line: 9, actions: ["A2"])],
                          actions: [SimilarityProfile.Action(id: "A2", title: action ?? past.actions[0].title, status: status, due: past.actions[0].due,
                                                             doneOn: doneOn.flatMap(CalendarDate.init))])
    }

    static let whys = """
        happened:
          - why: Why could customers not sign in?
            because: The sign-in service could not write new sessions to its session store.
            then:
              - why: Why could the sign-in service not write sessions?
                because: A deployment pointed the session store at a read-only replica.
                then:
                  - why: Why did the deployment point the session store at the replica?
                    because: Its configuration was copied from staging, where replica and primary share an address.
                    then:
                      - why: Why was a staging address copied into production configuration?
                        because: Production and staging configuration are edited by hand in the same file.
                        then:
                          - why: Why are production and staging configuration edited in the same file?
                            because: ↓The configuration format has no separate, validated section per environment.
                            root_cause: true
                            actions: [A1]
        detection:
          - why: Why did detection take 4 minutes?
            because: The sign-in error alarm waits for 3 one-minute periods above its threshold before it pages.
            root_cause: true
            justification: Four minutes is within the detection objective of 5 minutes; the alarm worked as designed.
            actions: [A1]
        resolution:
          - why: Why did mitigation take 11 minutes after detection?
            because: The rollback ran the full test suite before it deployed.
            root_cause: true
            justification: The check of A1 stops such a deployment before it starts, so no rollback is needed.
            actions: [A1]

        """

    /// `whys` without its finding marker.
    static let unmarked = String(whys.unicodeScalars.filter { $0 != "↓" })

    public static let description = RuleDescription(
        id: "W7", name: "Root cause seen before", level: .warning,
        checks: "Each root cause (a why marked `root_cause: true`) is compared with the root causes of earlier COEs (created before it, "
            + "or the same day with a smaller id; never a secure COE): when one is as alike as `search.repeat_similarity` in `.coe.yaml` "
            + "(30 percent by default: the TF-IDF cosine of the terms of each root cause and the titles of the action items it names, docs/search.md), the finding names that COE, its root cause, the terms "
            + "they share, and what became of its action items for that cause: done on a date, or still open and how many days overdue. "
            + "The other COEs come from the search index: `coe lint` and `coe submit` check this rule; the hooks and `coe check` do not.",
        rationale: "A repeated root cause means an earlier COE's action items did not remove it. The standard asks that related COEs "
            + "be linked (S4) and that each root cause have an action that removes it (W6): a repeat is where the two meet.",
        fix: "If it is the same cause, say in the analysis why the earlier action did not prevent this event, link the COE in `related`, "
            + "and make the new action item address what the earlier one missed. If it is not, the finding can be suppressed with a reason.",
        triggering: [
            RuleExample("whys.yaml", whys, pastCOEs: [past]),
            RuleExample("whys.yaml", whys, pastCOEs: [past(.done, doneOn: "2026-02-10")]),
        ],
        nonTriggering: [
            // A secure COE is never compared (rule P9). (The markers dropped without Foundation's
            // replacingOccurrences, which cost 0.85 ms of every process that listed the rules' IDs.)
            RuleExample("whys.yaml", unmarked, pastCOEs: [past(.done, confidentiality: .secure)]),
            // A later COE is not "seen before".
            RuleExample("whys.yaml", unmarked, pastCOEs: [past(.open, created: "2026-03-05")]),
            // Common words alone (production, configuration) are not the same cause.
            RuleExample("whys.yaml", unmarked,
                        pastCOEs: [past(.open, cause: "Production configuration reviews were skipped during the holiday week.",
                                        action: "Keep configuration reviews staffed in holiday weeks")]),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard !context.corpus.isEmpty else { return [] }
        return Self.findings(RepeatInputs(context), corpus: context.corpus, percent: context.configuration.repeatSimilarity, today: context.today)
    }

    /// The findings for a COE as `RepeatInputs` holds it (read just now, or kept by the findings cache), against `corpus`.
    static func findings(_ inputs: RepeatInputs, corpus: RepeatCorpus, percent: Int, today: CalendarDate) -> [Diagnostic] {
        guard !corpus.isEmpty else { return [] }
        let profile = inputs.profile
        return RepeatedRootCause.findings(for: profile, in: corpus, percent: percent).map { found in
            let position = profile.rootCauses.firstIndex { $0.text == found.cause.text }.flatMap { inputs.positions[$0] }
            let earlier = found.earlier
            let score = Int((found.score * 100).rounded())
            let message = "this root cause resembles the root cause of COE \(earlier.id) (created \(earlier.created); \(score) percent alike, "
                + "sharing \(found.sharedTerms.prefix(5).joined(separator: ", "))): \"\(found.earlierCause.text)\"; "
                + Self.actionStates(found, today: today)
            return finding(inputs.whysFile, position, message)
        }
    }

    static func finding(_ file: String, _ position: SourcePosition?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, position: position, level: description.level, rule: description.id, message: message)
    }

    /// What became of the earlier COE's action items for its root cause, in words.
    static func actionStates(_ found: RepeatedRootCause.Finding, today: CalendarDate) -> String {
        let id = found.earlier.id
        guard !found.earlierCause.actions.isEmpty else { return "COE \(id) named no action item for it" }
        return found.earlierCause.actions.map { actionID in
            guard let action = found.earlier.actions.first(where: { $0.id == actionID }) else {
                return "its action \(actionID) does not exist in COE \(id)"
            }
            switch action.status {
            case .done: return "its action \(actionID) was closed" + (action.doneOn.map { " on \($0)" } ?? "")
            case .replaced: return "its action \(actionID) was replaced by another"
            case .open, .inProgress:
                let state = action.status == .open ? "still open" : "still in progress"
                guard let due = action.due else { return "its action \(actionID) is \(state), with no due date" }
                let late = due.days(until: today)
                return late > 0 ? "its action \(actionID) is \(state), \(late) day\(late == 1 ? "" : "s") overdue"
                    : "its action \(actionID) is \(state), due \(due)"
            }
        }.joined(separator: "; ")
    }
}

/// What W7 reads of the COE linted: its profile, where each of its root causes is in whys.yaml, and the
/// suppressions that name W7. The findings cache keeps it, so that W7 is judged again on every run against the
/// repository's COEs of that run, without reading the COE again.
struct RepeatInputs: Sendable {
    let profile: SimilarityProfile
    /// For each root cause of `profile`: where its answer is (the first why with that answer, as the finding names it).
    let positions: [SourcePosition?]
    let whysFile: String
    /// The suppressions that may silence a finding of W7.
    let suppressions: [Suppression]

    init(profile: SimilarityProfile, positions: [SourcePosition?], whysFile: String, suppressions: [Suppression]) {
        self.profile = profile
        self.positions = positions
        self.whysFile = whysFile
        self.suppressions = suppressions
    }

    init(_ context: LintContext) {
        let profile = SimilarityProfile(context.document)
        self.profile = profile
        positions = profile.rootCauses.map { cause in
            let node = context.allWhyNodes.first { $0.rootCause && $0.because == cause.text }
            return node?.texts["because"]?.position ?? node?.position
        }
        whysFile = context.whysFile
        suppressions = context.suppressions.filter { $0.rules.contains(RootCauseSeenBefore.description.id) }
    }
}
