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
    ]

    /// The marker before the text a finding points at.
    static let marker = "«(?<rule>[A-Z][0-9A-Za-z.]*)»"
}
