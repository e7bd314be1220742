/// A corpus of COEs written the way real post-incident reports are written (a cloud vendor's status
/// summary, a start-up's blog post, an enterprise's incident report), each with the findings a COE
/// Bar Raiser would raise marked inline as `«RULE»` just before the text the finding points at; and
/// clean documents that must raise nothing. Each document is the example COE with some parts replaced.
///
/// The texts are written for this corpus (no public report is copied); the defects are the kinds real
/// reports carry: first person, 12-hour clocks and local zones, report-style titles, vague quantities,
/// hedges, estimated losses, human error as a root cause, intentions as action items.
enum LintCorpus {
    struct Document {
        let name: String
        /// Whole files replacing the example's (path inside the COE folder → text with markers).
        var files: [String: String] = [:]
        /// Text replaced inside the example's files: (path, old, new with markers).
        var replacing: [(String, String, String)] = []
        /// True for a document that must raise no finding at all.
        var clean = false
    }

    static let exampleMetadataTitle = "title: Customers unable to complete checkout in the EU region"

    static let documents: [Document] = [
        Document(name: "cloud vendor status summary", files: [
            "summary.md": """
                «B2»We want to provide some additional information about the service disruption that occurred
                in the EU region on 2026-10-13. Between 09:12 and 10:06 UTC (54 minutes), 11,907 of 152,338
                customers (7.8 percent) who tried to check out could not complete their order. The checkout
                service's connection pool to the payment gateway was reduced by a configuration change
                deployed at 08:55 UTC. An alarm paged the payments on-call engineer at 09:19 UTC, who rolled
                the change back at 09:58 UTC. «I2»A large number of customers retried on 2026-10-13 in
                eu-west-1, and customers in us-east-1 «I2»may have experienced slower pages. «B2»We will do
                everything «B2»we can to learn from this event and use it to improve availability
                «B5»later this year.

                """,
            "impact.md": """
                Between 09:12 and 10:06 UTC on 2026-10-13 (54 minutes), 11,907 of 152,338 customers
                (7.8 percent) who tried to check out in the EU region could not complete their order.
                In total 18,432 of 241,106 checkout attempts (7.6 percent) failed.

                Order impact: 2,290 of 241,106 checkout attempts (0.9 percent) were abandoned.
                Merchants saw «I5.speculation»estimated losses of about 180,000 euros in lost revenue.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: «T2»Summary of the checkout service disruption in the EU region"),
            ("actions/A4.yaml", "title: Page on checkout errors after 3 one-minute breaches and review alarm thresholds quarterly",
             "title: «A4»Load testing"),
            ("actions/A5.yaml", "title: Record configuration deployments as change events shown on alarm pages",
             "title: «A4»More capacity headroom"),
            ("actions/A6.yaml", "title: Roll back one region's configuration in under 3 minutes", "title: «A4»Emergency access paths"),
            ("whys.yaml", "because: It was written for a service with fixed traffic and never updated for growth.",
             "because: «W4»The threshold was entered incorrectly when the alarm was created."),
        ]),
        Document(name: "start-up blog post", files: [
            "response.md": """
                ### Detection

                «B2»Our checkout error-rate alarm fired at «B5»9:19am, 7 minutes after the start of impact, and
                paged the payments on-call engineer. Detection was automated.

                ### Response

                The on-call engineer acknowledged the page at 09:21 UTC and looked at the payment gateway
                first. «B5»Shortly afterwards the incident commander asked for recent changes, and the
                configuration deployment at 08:55 UTC was found at 09:38 UTC. The incident commander told
                customers on the store's status page at 09:30 UTC that payments in the EU region were failing.

                The rollback started at around «B5»09:41 UTC and took 17 minutes. Error rates were normal
                at 10:06 UTC.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: «T2»Post-incident review of the checkout outage"),
            ("actions/A2.yaml", "title: Show the rendered configuration per region in configuration reviews",
             "title: «A4»Better alerting"),
            ("actions/A3.yaml", "title: Add a canary stage that stops configuration rollouts on checkout errors",
             "title: «A4»Improve monitoring of the checkout service"),
            ("whys.yaml", "because: Configuration was treated as lower risk than code, so its pipeline has no load or canary stage.",
             "because: «W4»An engineer ran the load test against the wrong environment by mistake."),
            ("impact.md", "(7.6 percent) failed.", "(7.6 percent) failed. «I2»A subset of customers were charged twice."),
        ]),
        Document(name: "enterprise incident report", replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: «T2»INC-4412 checkout errors for EU customers"),
            ("summary.md", "Between 09:12 and 10:06 UTC on 2026-10-13 (54 minutes)",
             "«Y2»Between «I6»09:10 and 10:06 UTC on 2026-10-13 (54 minutes)"),
            ("whys.yaml", "because: Alarm settings have no owner review; they are changed only after a false page.",
             "because: «W8»The window was not revisited as traffic grew."),
            ("whys.yaml", "          - why: Why do alarm settings have no periodic review?", "          - «W3»why: Why do alarm settings have no periodic review?"),
            ("whys.yaml", "because: Connecting pipelines to the change-event service is left to each team, with no inventory of what is missing.",
             "because: «W4»The pipeline owners were not trained on the change-event service."),
            ("response.md", "The incident commander told customers on the store's status page at 09:30 UTC that\npayments in the EU region were failing, updated it at 09:45 UTC, and marked it\nresolved at 10:12 UTC.\n",
             ""),
            ("response.md", "### Detection", "«R3»### Detection"),
            ("actions/A1.yaml", "title: Require explicit connection-pool sizes in production configuration",
             "title: «A4»Investigate connection-pool defaults"),
        ]),
        Document(name: "bank customer notice", files: [
            "impact.md": """
                Between 09:12 and 10:06 UTC on 2026-10-13 (54 minutes), 11,907 of 152,338 customers
                (7.8 percent) who tried to check out in the EU region could not complete their order.
                «I2»Numerous customers called the support line, and «I2»a portion of card transactions
                were declined twice.

                Order impact: 2,290 of 241,106 checkout attempts (0.9 percent) were abandoned.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: Checkout service «T2»interruption on October 13"),
            ("response.md", "fired\nat 09:19 UTC,", "fired\nat «B5»approximately 2:19 AM Pacific Time,"),
            ("response.md", "The rollback started at 09:41 UTC.", "The rollback started at 09:41 UTC. A new pipeline ships «B5»early next year."),
            ("whys.yaml", "because: The template schema had no notion of keys that must be explicit for production services.",
             "because: «W4»A technician inadvertently deleted the required flag from the schema."),
            ("actions/A1.yaml", "title: Require explicit connection-pool sizes in production configuration",
             "title: «A4»Enhanced change management"),
            ("actions/A2.yaml", "title: Show the rendered configuration per region in configuration reviews",
             "title: «A4»Review of the configuration change process"),
        ]),
        Document(name: "clean, with local times and region codes", files: [
            "response.md": """
                ### Detection

                The checkout error-rate alarm (threshold: 1 percent of attempts over 5 minutes) fired
                at 09:19 UTC (2:19 AM US/Pacific), 7 minutes after the start of impact, and paged the
                payments on-call engineer in eu-west-1. Detection was automated; a 1-minute window would
                have paged at about 09:15 UTC.

                ### Response

                The on-call engineer acknowledged the page at 09:21 UTC and checked the GET and PUT error
                rates of the payment gateway, which were normal, as were its 2 GB connection buffers. At
                09:34 UTC the incident commander asked for recent changes; the configuration deployment
                at 08:55 UTC was found at 09:38 UTC. The incident commander told customers on the store's
                status page at 09:30 UTC that payments in the EU region were failing, and marked it
                resolved at 10:12 UTC.

                The rollback started at 09:41 UTC and took 17 minutes. Error rates fell from 09:58 UTC
                and were normal at 10:06 UTC. Why did this take so long? The pipeline rebuilds every
                region's configuration.

                """,
        ], clean: true),
        Document(name: "clean, the example as written", clean: true),
        Document(name: "vendor status page, 12-hour clock in PDT", files: [
            "summary.md": """
                Between 2:12 AM and 3:06 AM PDT on October 13, 2026, customers in the EU region could not
                complete checkout: 11,907 of 152,338 customers (7.8 percent) saw a "payment could not be
                processed" error. A configuration change deployed at 1:55 AM PDT lowered the checkout
                service's connection limit to the payment gateway from 200 to 20 connections per host.
                An alarm paged the on-call engineer at 2:19 AM PDT.
                «Y1»As mentioned above, the payments team rolled the change back at 2:58 AM PDT.
                «I2»Some merchants on October 13 saw slower order pages.
                «B2»We apologize for the inconvenience.

                """,
            "impact.md": """
                Between 2:12 AM and 3:06 AM PDT on October 13, 2026 (0.9 hours), 11,907 of 152,338 customers
                (7.8 percent) who tried to check out in the EU region could not complete their order.
                In total 18,432 of 241,106 checkout attempts (7.6 percent) failed.

                Order impact: 2,290 of 241,106 checkout attempts (0.9 percent) were abandoned. Customers
                who use the mobile app «I2»may have seen the error twice.

                """,
            "response.md": """
                ### Detection

                «B2»Our checkout error-rate alarm fired at 2:19 AM PDT, 7 minutes after the start of impact,
                and paged the payments on-call engineer. Detection was automated.

                ### Response

                The on-call engineer acknowledged the page at 2:21 AM PDT. At 2:30 AM PDT the support team
                tweeted from the store's status account that payments in the EU region were failing.
                «B5»Shortly afterwards the incident commander asked for recent changes, and the configuration
                deployment was found at 2:38 AM PDT. The rollback started at 2:41 AM PDT and took 17 minutes.
                Error rates were normal at 3:06 AM PDT.

                """,
        ], replacing: [
            ("whys.yaml", "because: The template schema had no notion of keys that must be explicit for production services.",
             "because: «W4»An engineer fat-fingered the pool size in the template schema."),
            ("whys.yaml", "because: Configuration was treated as lower risk than code, so its pipeline has no load or canary stage.",
             "because: The load test job did not notice the change, because it runs only on code deployments."),
            ("whys.yaml", "because: It was written for a service with fixed traffic and never updated for growth.",
             "because: «W4»Responders did not follow the runbook's step for alarm changes."),
            ("whys.yaml", "because: The pipeline's design had no recovery-time objective for rollbacks.",
             "because: «W4»The change was applied to production instead of staging."),
        ]),
        Document(name: "first-person engineering blog", files: [
            "summary.md": """
                On 2026-10-13 «B2»we had an outage in checkout for customers in the EU region. Between
                09:12 and 10:06 UTC (54 minutes), 11,907 of 152,338 customers (7.8 percent) could not complete
                their order. A configuration change deployed at 08:55 UTC lowered the checkout service's
                connection limit to the payment gateway from 200 to 20 connections per host. An alarm paged
                «B2»our on-call engineer at 09:19 UTC, and the payments team rolled the change back at 09:58 UTC;
                error rates were normal at 10:06 UTC. Merchants could not see the graphs in their sales dashboard.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: \"«T2»Postmortem: checkout outage of October 13\""),
            ("whys.yaml", "because: The template schema had no notion of keys that must be explicit for production services.",
             "because: «W4»The operator mistyped the pool size when copying the template."),
            ("whys.yaml", "because: Rendering needs region secrets, which the review system cannot read, and no redacted rendering exists.",
             "because: A technician inadvertently deleted the required flag, because the schema editor saves without validating required keys."),
            ("whys.yaml", "because: Connecting pipelines to the change-event service is left to each team, with no inventory of what is missing.",
             "because: «W4»An engineer deployed the change to the wrong region."),
            ("whys.yaml", "because: The pipeline's design had no recovery-time objective for rollbacks.",
             "because: The rollback path's timeout was set incorrectly by the pipeline template, which copies the deployment path's values."),
            ("actions/A1.yaml", "title: Require explicit connection-pool sizes in production configuration",
             "title: Decouple pool sizes from the client library's defaults"),
            ("actions/A2.yaml", "title: Show the rendered configuration per region in configuration reviews",
             "title: Surface the rendered configuration of each region in reviews"),
            ("actions/A3.yaml", "title: Add a canary stage that stops configuration rollouts on checkout errors",
             "title: «A4»Load testing for configuration changes"),
            ("actions/A4.yaml", "title: Page on checkout errors after 3 one-minute breaches and review alarm thresholds quarterly",
             "title: Shorten the checkout alarm window to 1 minute"),
            ("actions/A5.yaml", "title: Record configuration deployments as change events shown on alarm pages",
             "title: «A4»Make the change-event service more resilient"),
            ("actions/A6.yaml", "title: Roll back one region's configuration in under 3 minutes",
             "title: Harden the rollback path with a single-region mode"),
        ]),
        Document(name: "status page update, marketing tone", files: [
            "summary.md": """
                «Y2»A configuration deployment for the checkout service ran between 08:55 and 09:04 UTC on
                2026-10-13. Between «I6»09:10 and 10:06 UTC (56 minutes), customers in the EU region could not
                complete checkout: 11,907 of 152,338 customers (7.8 percent) saw an error. The deployment lowered
                the checkout service's connection limit to the payment gateway. An alarm paged the payments
                on-call engineer at 09:19 UTC, who rolled the change back at 09:58 UTC. «I2»Numerous merchants
                contacted support on 2026-10-13.

                """,
            "impact.md": """
                Between 09:12 and 10:06 UTC on 2026-10-13 (54 minutes), 11,907 of 152,338 customers (7.8 percent)
                who tried to check out in the EU region could not complete their order. There was no impact on
                orders already placed.

                """,
            "response.md": """
                «R3»### Detection

                The checkout error-rate alarm fired at 09:19 UTC, 7 minutes after the start of impact, and paged
                the payments on-call engineer. Detection was automated.

                ### Response

                The on-call engineer acknowledged the page at 09:21 UTC. The configuration deployment at 08:55 UTC
                was found at 09:38 UTC, and the rollback started at 09:41 UTC. Error rates were normal at 10:06 UTC.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: «T2»Update on the checkout service disruption"),
            ("whys.yaml", "      - why: Why does the alarm use a 5-minute window?", "      - «W3»why: Why did the team react so late?"),
        ]),
        Document(name: "clean, an enterprise report quoting what customers saw", files: [
            "summary.md": """
                Between 09:12 and 10:06 UTC on 13 October 2026 (54 minutes), 11,907 of 152,338 customers
                (7.8 percent) who tried to check out in the EU region could not complete their order. A
                configuration change deployed at 08:55 UTC lowered the checkout service's connection limit to
                the payment gateway from 200 to 20 connections per host. An alarm paged the payments on-call
                engineer at 09:19 UTC, who rolled the change back at 09:58 UTC. The same library default could
                have lowered the connection pool of other services; none of them had changed configuration.

                """,
            "impact.md": """
                Between 09:12 and 10:06 UTC on 13 October 2026 (54 minutes), 11,907 of 152,338 customers
                (7.8 percent) who tried to check out in the EU region saw the message "We could not process
                your payment. Please try again." In total 18,432 of 241,106 checkout attempts (7.6 percent)
                failed. No payment was taken for a failed attempt.

                Order impact: 2,290 of 241,106 checkout attempts (0.9 percent) were abandoned after the error
                and not retried within 24 hours. The change was part of a major version upgrade of the
                configuration template.

                """,
            "response.md": """
                ### Detection

                The checkout error-rate alarm fired at 09:19 UTC, 7 minutes after the start of impact, and
                paged the payments on-call engineer. Detection was automated.

                ### Response

                The on-call engineer acknowledged the page at 09:21 UTC and first checked the payment gateway,
                whose latency was normal. The support lead communicated the failure on the status page at
                09:30 UTC. Shortly afterwards, at 09:34 UTC, the incident commander asked for recent changes;
                the configuration deployment at 08:55 UTC was found at 09:38 UTC in the deployment log.

                The rollback started at 09:41 UTC and took 17 minutes. Error rates were normal at 10:06 UTC.
                Later that morning, at 10:30 UTC, the incident commander closed the incident.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: EU checkout failures on 13 October 2026"),
            ("whys.yaml", "because: Configuration was treated as lower risk than code, so its pipeline has no load or canary stage.",
             "because: The load test job did not notice the lowered limit, because it runs only when code changes."),
        ], clean: true),
        Document(name: "clean, a small team's plain report in Pacific time", files: [
            "summary.md": """
                From 2:12 to 3:06 AM PDT on 2026-10-13 (54 minutes), 11,907 of 152,338 customers (7.8 percent)
                who tried to check out in the EU region could not complete their order. A configuration change
                deployed at 1:55 AM PDT lowered the checkout service's connection limit to the payment gateway
                from 200 to 20 connections per host. An alarm paged the payments on-call engineer at 2:19 AM
                PDT, who rolled the change back at 2:58 AM PDT.

                """,
        ], replacing: [
            ("coe.yaml", exampleMetadataTitle, "title: Update of payment details failing for EU customers"),
            ("whys.yaml", "because: The template schema had no notion of keys that must be explicit for production services.",
             "because: An engineer accidentally removed the required flag, and the schema editor saved it without a warning."),
            ("whys.yaml", "because: It was written for a service with fixed traffic and never updated for growth.",
             "because: The on-call engineers did not notice the alarm's age because no report lists alarm thresholds with their last change."),
            ("actions/A1.yaml", "title: Require explicit connection-pool sizes in production configuration",
             "title: Default pool sizes to 200 connections in the configuration template"),
            ("actions/A2.yaml", "title: Show the rendered configuration per region in configuration reviews",
             "title: Backport the required-key check to the 2025 template"),
            ("actions/A3.yaml", "title: Add a canary stage that stops configuration rollouts on checkout errors",
             "title: Onboard the configuration pipeline to the change-event service"),
            ("actions/A6.yaml", "title: Roll back one region's configuration in under 3 minutes",
             "title: Extend the canary stage to configuration rollbacks"),
        ], clean: true),
        Document(name: "team wiki postmortem", replacing: [
            ("impact.md", "on 2026-10-13 (54 minutes)", "on 2026-10-13 («I6»2h 10m)"),
            ("response.md", "The on-call engineer acknowledged the page at 09:21 UTC",
             "The status page read 'We are looking into failed checkouts' from 09:30 UTC. The on-call engineer acknowledged the page at 09:21 UTC"),
            ("whys.yaml", "because: The template schema had no notion of keys that must be explicit for production services.",
             "because: «W4»Dana forgot to mark the pool size as required."),
            ("whys.yaml", "because: It was written for a service with fixed traffic and never updated for growth.",
             "because: «W4»Sam and Lee did not notice that the threshold was too high."),
        ]),
    ]

    /// The marker before the text a finding points at.
    static let marker = "«(?<rule>[A-Z][0-9A-Za-z.]*)»"
}
