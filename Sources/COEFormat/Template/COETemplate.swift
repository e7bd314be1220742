/// The files of a new COE: filled metadata, and parts whose comments tell the author what each needs.
///
/// The guidance is written as comments (`#` in YAML, `<!-- -->` in Markdown), so a
/// part holding only guidance reads as empty: a draft may be empty, a COE in
/// review may not (rule S1).
public enum COETemplate {
    /// Paths (relative to the COE folder) and contents of a new COE.
    public static func files(for metadata: Metadata) -> [(path: String, text: String)] {
        let metadataText = """
            # COE metadata (rule S2). Reference: docs/format.md#coeyaml
            # Times carry their offset; UTC ("Z") is preferred. Fill event times as they become known.
            # owner: a role or team alias, never a person's name (B1).
            # detection_source: alarm | customer | internal-report | team (R1).
            # confidentiality: public | team-only | secure (P9).

            """ + MetadataFile.serialize(metadata)
        return [
            (COELayout.metadataFile, metadataText),
            (Part.summary.path, """
                <!--
                Summary (rules Y1-Y3). A reader decides from this alone whether to read on, so it stands alone:
                no "see below" or references to other sections.
                - What customers experienced, when impact started and ended (with timezone), how it was
                  discovered (alarm or customer) and what was done to mitigate it.
                - Self-critical and short: under about 250 words.
                - Blameless: roles ("an engineer on the payments team"), never names; third person, no "we".
                -->

                """),
            (Part.impact.path, """
                <!--
                Customer impact (rules I1-I5). Answer with numbers, not words like "some" or "significant":
                - How many customers were affected, for how long, and what did they experience?
                - Ratios as "X of Y (Z percent)", e.g. "1,204 of 48,210 checkout attempts (2.5 percent)".
                - Order impact, even when zero.
                - No customer names and no speculation on customers' business impact.
                -->

                """),
            (Part.response.path, """
                <!--
                Incident response analysis (rules R1, R2).
                - How was the event detected: an alarm, or a customer or someone outside the team?
                  How long did detection take, and how could it have been faster?
                - How did the team respond: who was engaged (by role), what was understood while it was
                  happening, what slowed mitigation, and how could the time to mitigate be halved?
                -->

                """),
            (Part.analysis.path, """
                <!--
                Post-incident analysis (rule R2).
                - What has been learned since the event that was not understood during it?
                - Which mechanisms (tests, reviews, alarms, automation) would have prevented the event or
                  caught it earlier, and why did they not?
                -->

                """),
            (Part.timeline.path, """
                # Timeline (rules L1-L6): one entry per event, in chronological order, one timezone (UTC preferred).
                # Start with the first trigger (e.g. the deployment), before START OF IMPACT.
                # Mark each milestone exactly once, in this order, agreeing with coe.yaml's event times:
                #   TRIGGER, START OF IMPACT, DETECTION, MITIGATION, END OF IMPACT.
                # A gap of over 15 minutes inside the impact window needs a gap_explanation.
                # Example:
                # - at: 2026-11-03T13:48:00Z
                #   milestone: TRIGGER
                #   event: A deployment of the checkout service started in one region.
                #   links: [DEPLOY-4411]

                """),
            (Part.whys.path, """
                # Five whys (rules W1-W6). Three questions, each a list of chains:
                #   happened: why did it happen?  detection: why did detection take so long?
                #   resolution: why did resolution take so long?
                # Each node asks why about the previous answer ("why", "because"), and continues in "then".
                # Go at least five deep; a chain may branch (several nodes under "then").
                # Do not stop at human error, a missing procedure, "service X failed", high CPU or out of memory:
                # ask why that was possible. Mark leaves with root_cause: true and link their action items.
                # Example:
                # happened:
                #   - why: Why did checkout requests fail?
                #     because: The payment client timed out after 2 seconds.
                #     then:
                #       - why: Why did the payment client time out?
                #         because: ...
                #         root_cause: true
                #         actions: [A1]

                """),
            (Part.lessons.path, """
                # Lessons learned (rules N1-N3): three to ten, each linked to at least one action item.
                # category: technical | process | operational | cultural (optional).
                # Example:
                # - lesson: Configuration changes need the same staged rollout as code changes.
                #   category: process
                #   actions: [A2]

                """),
            ("actions/.gitkeep", ""),
            ("metrics/.gitkeep", ""),
        ]
    }
}
