import COEFormat
import Foundation

/// R3: a COE with customer impact says how and when customers were told.
public struct CustomersInformed: Rule {
    public static let description = RuleDescription(
        id: "R3", name: "Customers kept informed", level: .warning,
        checks: "When the customer impact is not empty and does not say there was none (a 'no impact on …' narrowed to something "
            + "other than customers does not say it), the incident response (or the summary) says how customers were told, in a "
            + "sentence that names a channel (a status page, a notification, a banner, a mail, social media …) and the telling "
            + "(posted, told, communicated, tweeted …).",
        rationale: "\"What was the impact to customers … how were they kept informed?\" A reader who was a customer wants to know "
            + "when they were told, and a reviewer checks the response told them.",
        fix: "Say in response.md how and when customers were told (status page, in-app banner, mail, support macro), or that they "
            + "were not and why.",
        triggering: [
            RuleExample("response.md", """
                ↓### Detection

                The sign-in error alarm fired at 14:09 UTC, 4 minutes after the start of impact, and
                paged the identity on-call engineer.

                ### Response

                The on-call engineer saw that the only recent change was the 14:02 UTC deployment and
                started a rollback at 14:14 UTC. The rollback took 6 minutes because the deployment
                pipeline runs its full test suite for rollbacks too.

                """),
            RuleExample(files: [("impact.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01 (20 minutes), 3,120 of 48,000 customers
                (6.5 percent) who tried to sign in to the mobile app could not. There was no impact on
                orders already placed.

                """), ("response.md", """
                ↓### Detection

                The sign-in error alarm fired at 14:09 UTC and paged the identity on-call engineer.

                """)]),
        ],
        nonTriggering: [
            RuleExample("response.md", """
                ### Detection

                The sign-in error alarm fired at 14:09 UTC and paged the identity on-call engineer. At
                14:12 UTC the support lead communicated the failure on the status page and tweeted it from
                the app's status account.

                """),
            RuleExample("response.md", """
                ### Detection

                The sign-in error alarm fired at 14:09 UTC, 4 minutes after the start of impact, and
                paged the identity on-call engineer.

                ### Response

                The on-call engineer started a rollback at 14:14 UTC. The identity team posted on the
                status page at 14:12 UTC that sign-in was failing, and again at 14:27 UTC when it recovered.

                """),
        ])

    /// Who is told.
    static let audiences = ["customers", "users", "merchants", "clients", "tenants"]

    /// Ways customers are told, as phrases looked up by word (a regular expression over every part cost
    /// a tenth of `coe lint`'s time on 1,000 COEs).
    static let channels: WordList = {
        var phrases = ["status page", "statuspage", "health dashboard", "banner", "notify", "notified", "twitter", "social media",
                       "tweet", "tweets", "tweeted", "status account", "status feed", "rss feed", "push notification", "in-app message",
                       "notification", "notifications", "support macro", "support article", "support note", "support page",
                       "customer communication", "customer communications", "incident page", "incident notice", "incident update"]
        let verbs = ["informed", "told", "warned", "alerted", "updated", "emailed", "e-mailed", "messaged", "contacted"]
        for verb in verbs {
            for filler in ["", "the ", "all ", "affected ", "our "] {
                for audience in audiences { phrases.append("\(verb) \(filler)\(audience)") }
            }
        }
        for audience in audiences {
            for be in ["were", "was"] { for verb in verbs + ["notified"] { phrases.append("\(audience) \(be) \(verb)") } }
        }
        for medium in ["mail", "e-mail", "email", "message", "post", "announcement", "update", "communication", "statement"] {
            for plural in ["", "s"] {
                for to in ["to", "for"] {
                    for filler in ["", "the ", "all ", "affected "] {
                        for audience in audiences { phrases.append("\(medium)\(plural) \(to) \(filler)\(audience)") }
                    }
                }
            }
        }
        return WordList(phrases)
    }()

    /// Telling, in a sentence that names a channel: "posted on the status page", not "the provider's status page showed no incident".
    static let telling = WordList(["post", "posted", "posts", "update", "updated", "updates", "told", "inform", "informed", "informs",
                                         "notify", "notified", "notifies", "announce", "announced", "announces", "publish", "published",
                                         "sent", "sends", "said", "marked", "emailed", "e-mailed", "messaged", "contacted", "warned",
                                         "shown", "displayed", "communicated", "communicate", "communicates", "shared", "tweeted",
                                         "tweets"] + audiences)

    /// An impact that says there was none.
    static let noImpact = WordList(["no impact", "no customer impact", "no customer-facing impact", "customers were not affected",
                                          "customers were not impacted", "not customer-facing", "not customer facing",
                                          "no customers were affected", "no customer was affected", "no customers were impacted"])

    /// True when a sentence names a channel and tells customers through it.
    static func tellsCustomers(_ unit: TextUnit) -> Bool {
        let channelMatches = channels.matches(in: unit)
        guard !channelMatches.isEmpty else { return false }
        let tellingMatches = telling.matches(in: unit)
        return channelMatches.contains { match in
            // A phrase that names the audience ("informed customers") tells them by itself.
            if match.text.contains(" ") && audiences.contains(where: { match.text.lowercased().contains($0) }) { return true }
            let sentence = NumbersNotVagueWords.sentence(around: match.range, in: unit.utf16)
            return tellingMatches.contains { word in
                NSLocationInRange(word.range.location, sentence) && NSIntersectionRange(word.range, match.range).length == 0
            }
        }
    }

    public init() {}

    /// True when the impact says there was none: a no-impact phrase that is not narrowed to something other than
    /// customers ("There was no impact on orders already placed" says nothing of the customers who could not pay).
    static func saysNoImpact(_ unit: TextUnit) -> Bool {
        let words = unit.words
        return noImpact.matches(in: unit).contains { match in
            let end = match.range.location + match.range.length
            guard let next = words.firstIndex(where: { $0.start >= end }),
                  ["on", "to", "for", "in", "at", "beyond", "outside", "except", "other"].contains(unit.text(of: words[next]).lowercased())
            else { return true }
            // "no impact on customers": narrowed to the customers themselves, so it is said of them all.
            return words[(next + 1)..<min(words.count, next + 4)].contains { audiences.contains(unit.text(of: $0).lowercased()) }
        }
    }

    public func check(_ context: LintContext) -> [Diagnostic] {
        let impact = context.prose(.impact)
        guard !context.document.impact.isEmpty, !impact.text.allSatisfy(\.isWhitespace), !Self.saysNoImpact(impact) else { return [] }
        let response = context.prose(.response)
        if [response, context.prose(.summary), impact].contains(where: Self.tellsCustomers) { return [] }
        return [finding(response.file, response.start, "the response does not say how or when customers were told (status page, "
                        + "notification, banner, mail); say it, or say why they were not")]
    }
}
