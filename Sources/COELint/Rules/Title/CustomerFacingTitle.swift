import COEFormat

/// T2: the title states the problem from the customer's side, not the cause.
public struct CustomerFacingTitle: Rule {
    public static let description = RuleDescription(
        id: "T2", name: "Customer-facing title", level: .warning,
        checks: "The title does not name a cause (caused by, due to, deployment, bug, change, misconfiguration …), and does not "
            + "name the event or the document instead of what customers experienced: a report's label ('Summary of …', "
            + "'Post-incident review of …', 'Postmortem: …'; 'Update on …' and 'Review of …' only before an event's name such as "
            + "outage or disruption), an incident number ('Incident #19009') or an event named by its date ('… outage of January "
            + "31', '… service interruption on 2026-03-01'; what customers met may be dated: 'EU checkout failures on 13 October').",
        rationale: "\"States the problem from the customer's side, not the cause: 'Unable to receive multi-case', not 'Software change caused …'.\"",
        fix: "Say what customers could not do; the cause belongs in the five whys.",
        triggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: ↓Summary of the mobile app sign-in event
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]
                """),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Mobile app sign-in ↓outage of March 1
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]
                """),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Configuration ↓change caused sign-in failures in the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ],
        nonTriggering: [
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Update of saved cards failing in the mobile app on 1 March 2026
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
            RuleExample("coe.yaml", """
                id: 2026-03-02-m8r4t6v2kc
                title: Customers unable to sign in or save changes in the mobile app
                severity: SEV-3
                status: review
                team: identity
                owner: identity on-call engineer
                created: 2026-03-02
                event:
                  start: 2026-03-01T14:05:00Z
                  detected: 2026-03-01T14:09:00Z
                  mitigated: 2026-03-01T14:20:00Z
                  end: 2026-03-01T14:25:00Z
                detection_source: alarm
                reviewers: [identity-lead@example.com]

                """),
        ])

    static let causeWords = WordList(["caused by", "caused", "due to", "because of", "deployment", "deploy", "bug", "change",
                                            "misconfiguration", "misconfigured", "regression", "root cause"])

    /// Words one of which a report's label holds.
    static let labelWords = WordList(["summary", "report", "review", "analysis", "retrospective", "write", "recap", "timeline", "update",
                                      "mortem", "postmortem", "incident", "outage", "event", "rca", "coe", "correction", "cause"])
    static let weekdays = WordList(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

    /// A report's label at the start of the title. Words that are labels only ("Summary of", "Report on") always; words that
    /// also name what customers do ("Update of payment details failing", "Review of orders delayed") only before the name of
    /// an event ("Update on the checkout disruption").
    static let reportLabel = Pattern("^\\W*(?:(?:a |the )?(?:summary|report|retrospective|write-?up|recap)\\s+(?:of|on|for|about)\\b"
        + "|(?:a |the )?(?:update|review|analysis|timeline)\\s+(?:of|on|for|about)\\b(?=.*\\b(?:outage|incident|event|disruption|interruption|degradation|issue|downtime|problem|failure)s?\\b)"
        + "|(?:post[- ]?incident|post[- ]?mortem|incident|outage|event|root[- ]cause|rca|coe|correction of error)s?\\s+(?:review|report|summary|analysis|retrospective)\\b"
        + "|post[- ]?mortem\\b|rca\\b|coe\\b\\s*[:#-])", caseInsensitive: true)
    /// An incident number: "Incident #19009", "INC-4412", "#4412".
    static let incidentNumber = Pattern("(?:\\b(?:incident|inc|issue|ticket|event|sev)\\s*[#-]?\\s*\\d{2,}\\b|#\\d{3,}\\b)", caseInsensitive: true)
    /// An event named by its date: "outage of January 31", "event of 3 March", "service interruption on 2026-03-01". What
    /// customers met may be dated ("EU checkout failures on 13 October 2026", "Login issues on Monday"); a name for the
    /// service's state (outage, disruption, interruption, incident …) with its date is the event's label.
    static let datedEvent = Pattern("\\b(?:(?:outage|event|incident|disruption|interruption|degradation|issue|failure|downtime)s?\\s+of|(?:outage|event|incident|disruption|interruption|degradation|downtime)s?\\s+(?:on|from|during))\\s+"
        + "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
        + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b)",
        caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        guard let unit = context.fieldUnits.first(where: { $0.field == "title" && $0.file == context.metadataFile }) else { return [] }
        if let match = Self.causeWords.matches(in: unit).first {
            return [finding(unit, at: match, "the title names a cause ('\(match.text)'); state what customers experienced")]
        }
        // The expressions only where they can match: a report's words, or a number (an incident's, a date's) or a weekday,
        // with a word each expression needs (an incident's or a ticket's, '#'; the name of an event).
        let hasNumber = unit.utf16.contains { $0 >= 0x30 && $0 <= 0x39 }
        let labels = Self.labelWords.occurs(in: unit)
        let weekday = Self.weekdays.occurs(in: unit)
        let numbered = hasNumber && Pattern.mayHold(anyOf: ["#", "inc", "issue", "ticket", "event", "sev"], in: unit.utf16[...])
        let dated = (hasNumber || weekday) && Pattern.mayHold(anyOf: ["outage", "event", "incident", "disruption", "interruption", "degradation",
                                                                      "issue", "failure", "downtime"], in: unit.utf16[...])
        for (pattern, what, possible) in [(Self.reportLabel, "the document", labels), (Self.incidentNumber, "an incident number", numbered),
                                          (Self.datedEvent, "the event and its date", dated)] where possible {
            if let match = pattern.matches(in: unit).first {
                return [finding(unit, at: match, "the title names \(what) ('\(match.text.trimmingCharacters(in: .whitespaces))'), not what customers "
                                + "experienced; say what they could not do")]
            }
        }
        return []
    }
}
