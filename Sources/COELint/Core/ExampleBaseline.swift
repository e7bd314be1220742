import COEFormat

/// The one small, complete COE every rule example is laid over (`RuleExample.folder`).
///
/// It lints clean with every rule (a test holds it to that), so the findings of an example come from
/// the example's own files. It is deliberately not the realistic example in docs/examples: editing
/// that one must never move the examples' findings.
public enum ExampleBaseline {
    /// The COE's id, which is also its folder's name.
    public static let id = "2026-03-02-m8r4t6v2kc"
    /// The folder the examples are linted in, relative to the repository root.
    public static let directory = "coes/\(id)"
    /// The day examples are linted on unless they say otherwise: a week after the COE was created.
    public static let today = "2026-03-09"

    /// The baseline's files, in the canonical order of the parts, by path inside the COE folder.
    public static let orderedFiles: [(path: String, text: String)] = [
        ("coe.yaml", """
            id: 2026-03-02-m8r4t6v2kc
            title: Customers unable to sign in to the mobile app
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
        ("summary.md", """
            Between 14:05 and 14:25 UTC on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
            (6.5 percent) who tried to sign in to the mobile app could not. A deployment of the
            sign-in service pointed its session store at a read-only replica. An alarm paged the
            identity on-call engineer at 14:09 UTC, who rolled the deployment back at 14:20 UTC.

            """),
        ("metrics/01-failed-sign-ins.yaml", """
            title: Failed sign-ins in the mobile app
            caption: Failed sign-in attempts per minute, 7 percent from 14:05 UTC, back to normal at 14:25 UTC.
            image: 01-failed-sign-ins.svg
            unit: percent of sign-in attempts
            interval: 1 minute
            customer_impact: true

            """),
        ("metrics/01-failed-sign-ins.svg", """
            <svg xmlns="http://www.w3.org/2000/svg" width="320" height="160"><title>Failed sign-ins</title></svg>

            """),
        ("impact.md", """
            Between 14:05 and 14:25 UTC on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
            (6.5 percent) who tried to sign in to the mobile app saw "Sign-in failed, try again later".

            Order impact: none. Customers who were already signed in could still place orders.

            """),
        ("response.md", """
            ### Detection

            The sign-in error alarm fired at 14:09 UTC, 4 minutes after the start of impact, and
            paged the identity on-call engineer.

            ### Response

            The on-call engineer saw that the only recent change was the 14:02 UTC deployment and
            started a rollback at 14:14 UTC. The rollback took 6 minutes because the deployment
            pipeline runs its full test suite for rollbacks too. The identity team posted on the
            status page at 14:12 UTC that sign-in was failing, and marked it resolved at 14:27 UTC.

            """),
        ("analysis.md", """
            Since the event, the team has learned that the deployment's configuration named the
            replica's address because staging has a single database, where the replica and the
            primary share one address, so the pre-production tests passed. No check compared the
            session store's address with the production primary before the deployment.

            """),
        ("timeline.yaml", """
            - at: 2026-03-01T14:02:00Z
              milestone: TRIGGER
              event: A deployment of the sign-in service pointed its session store at a read-only replica.

            - at: 2026-03-01T14:05:00Z
              milestone: START OF IMPACT
              event: Sign-ins began to fail because new sessions could not be written.

            - at: 2026-03-01T14:09:00Z
              milestone: DETECTION
              event: The sign-in error alarm paged the identity on-call engineer.

            - at: 2026-03-01T14:20:00Z
              milestone: MITIGATION
              event: The rollback finished and sign-ins began to succeed.

            - at: 2026-03-01T14:25:00Z
              milestone: END OF IMPACT
              event: The sign-in error rate was back to its normal level.

            """),
        ("whys.yaml", """
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
                                because: The configuration format has no separate, validated section per environment.
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

            """),
        ("actions/A1.yaml", """
            title: Reject deployments whose session store address is not the production primary
            description: |
              Add a deployment check that compares the session store address in the configuration
              with the production primary's address, and stops the deployment when they differ.
            owner: identity team
            priority: high
            due: 2026-03-20
            ticket: IDN-2041
            status: open

            """),
        ("lessons.yaml", """
            - lesson: A value that works in staging proves little about production configuration.
              category: technical
              actions: [A1]

            - lesson: A deployment check is cheaper than a fast rollback.
              category: operational
              actions: [A1]

            - lesson: Reviewers of a configuration change need to see the address it points to in production.
              category: process
              actions: [A1]

            """),
    ]

    /// The baseline's files by path inside the COE folder.
    public static let files: [String: String] = Dictionary(uniqueKeysWithValues: orderedFiles.map { ($0.path, $0.text) })
}
