import COEFormat

/// L3: the four milestones are marked once each, in order, agreeing with the metadata.
public struct MilestonesMarked: Rule {
    public static let description = RuleDescription(
        id: "L3", name: "Milestones marked", level: .error,
        checks: "START OF IMPACT, DETECTION, MITIGATION and END OF IMPACT each mark exactly one entry, in that order, at the times coe.yaml gives for event.start, detected, mitigated and end.",
        rationale: "\"Milestones marked: START OF IMPACT, DETECTION, MITIGATION, END OF IMPACT, each exactly once, in that order, and agreeing with the metadata.\"",
        fix: "Mark the entries with `milestone:`, and make their times and coe.yaml's event times agree.",
        triggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - ↓at: 2026-03-01T14:09:00Z
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:11:00Z
                  milestone: ↓DETECTION
                  event: Customers' reports of failed sign-ins reached the support team.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:20:00Z
                  milestone: ↓MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:09:00Z
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T14:10:00Z
                  milestone: ↓DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
        ],
        nonTriggering: [
            RuleExample("timeline.yaml", """
                - at: 2026-03-01T14:02:00Z
                  milestone: TRIGGER
                  event: A deployment of the sign-in service pointed its session store at a read-only replica.

                - at: 2026-03-01T14:05:00Z
                  milestone: START OF IMPACT
                  event: Sign-ins began to fail because new sessions could not be written.

                - at: 2026-03-01T15:09:00+01:00
                  milestone: DETECTION
                  event: The sign-in error alarm paged the identity on-call engineer.

                - at: 2026-03-01T14:20:00Z
                  milestone: MITIGATION
                  event: The rollback finished and sign-ins began to succeed.

                - at: 2026-03-01T14:25:00Z
                  milestone: END OF IMPACT
                  event: The sign-in error rate was back to its normal level.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let entries = context.document.timeline
        guard !entries.isEmpty else { return [] }
        let event = context.metadata.event
        let required: [(Milestone, Timestamp?, String)] = [(.startOfImpact, event.start, "start"), (.detection, event.detected, "detected"),
                                                           (.mitigation, event.mitigated, "mitigated"), (.endOfImpact, event.end, "end")]
        var findings: [Diagnostic] = []
        var previousIndex = -1
        var previousName = ""
        for (milestone, metadataTime, key) in required {
            let marked = entries.enumerated().filter { $0.element.milestone == milestone }
            guard let (index, entry) = marked.first else {
                // Where the mark belongs: the entry at coe.yaml's time, or where such an entry would go.
                if let metadataTime, let due = entries.first(where: { $0.at.seconds == metadataTime.seconds }) {
                    findings.append(finding(context.timelineFile, due.position, "no entry is marked \(milestone.rawValue); this one is at "
                                            + "coe.yaml's event.\(key) (\(metadataTime)): mark it"))
                } else if let metadataTime {
                    let next = entries.first(where: { $0.at.seconds > metadataTime.seconds }) ?? entries.last!
                    findings.append(finding(context.timelineFile, next.position, "no entry is marked \(milestone.rawValue); coe.yaml's "
                                            + "event.\(key) is \(metadataTime): add the entry \(next.at.seconds > metadataTime.seconds ? "before this one" : "after this one") and mark it"))
                } else {
                    findings.append(finding(context.timelineFile, entries[0].position, "no entry is marked \(milestone.rawValue)"))
                }
                continue
            }
            let position = entry.texts["milestone"]?.position ?? entry.position
            for (_, duplicate) in marked.dropFirst() {
                findings.append(finding(context.timelineFile, duplicate.texts["milestone"]?.position ?? duplicate.position, "\(milestone.rawValue) is marked more than once"))
            }
            if index < previousIndex {
                findings.append(finding(context.timelineFile, position, "\(milestone.rawValue) comes before \(previousName); the order is START OF IMPACT, DETECTION, MITIGATION, END OF IMPACT"))
            }
            if let metadataTime, metadataTime != entry.at, metadataTime.seconds != entry.at.seconds {
                findings.append(finding(context.timelineFile, position, "\(milestone.rawValue) is at \(entry.at), but coe.yaml's event.\(key) is \(metadataTime)"))
            }
            previousIndex = index
            previousName = milestone.rawValue
        }
        return findings
    }
}
