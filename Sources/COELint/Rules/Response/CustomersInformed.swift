import COEFormat
import Foundation

/// R3: a COE with customer impact says how and when customers were told.
public struct CustomersInformed: Rule {
    public static let description = RuleDescription(
        id: "R3", name: "Customers kept informed", level: .warning,
        checks: "When the customer impact is not empty and does not say there was none, the incident response (or the summary) "
            + "says how customers were told: a status page, a notification, a banner, a mail, a message from support.",
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
        ],
        nonTriggering: [
            RuleExample("response.md", """
                ### Detection

                The sign-in error alarm fired at 14:09 UTC, 4 minutes after the start of impact, and
                paged the identity on-call engineer.

                ### Response

                The on-call engineer started a rollback at 14:14 UTC. The identity team posted on the
                status page at 14:12 UTC that sign-in was failing, and again at 14:27 UTC when it recovered.

                """),
        ])

    /// Ways customers are told.
    static let channels = Pattern("\\bstatus[- ]?page\\b|\\b(?:service )?health dashboard\\b|\\bbanner\\b|\\bnotif(?:y|ied|ication|ications)\\b"
        + "|\\b(?:informed|told|warned|alerted|updated|emailed|e-mailed|messaged|contacted)\\s+(?:the\\s+|all\\s+|affected\\s+|our\\s+)?(?:customers|users|merchants|clients|tenants)\\b"
        + "|\\b(?:customers|users|merchants|clients|tenants)\\s+(?:were|was)\\s+(?:informed|told|notified|warned|updated|emailed|e-mailed|contacted)\\b"
        + "|\\b(?:mail|e-mail|email|message|post|announcement|update|communication|statement)s?\\s+(?:to|for)\\s+(?:the\\s+|all\\s+|affected\\s+)?(?:customers|users|merchants|clients|tenants)\\b"
        + "|\\bsupport (?:macro|article|note|page)\\b|\\bcustomer communications?\\b|\\bincident (?:page|notice|update)\\b",
        caseInsensitive: true)
    /// An impact that says there was none.
    static let noImpact = Pattern("\\bno (?:customer[- ])?impact\\b|\\bcustomers were not (?:affected|impacted)\\b|\\bnot customer[- ]facing\\b|\\bno customers? (?:was|were) (?:affected|impacted)\\b",
                                  caseInsensitive: true)

    /// Telling, in a sentence that names a channel: "posted on the status page", not "the provider's status page showed no incident".
    static let telling = Pattern("\\b(?:post(?:ed|s)?|updat(?:ed|es?)|told|inform(?:ed|s)?|notif(?:ied|y|ies)|announc(?:ed|es?)|publish(?:ed|es)?|"
        + "sent|sends|sending|said|marked|emailed|e-mailed|messaged|contacted|warned|shown|showed customers|displayed)\\b|\\b(?:customers|users|merchants|clients|tenants)\\b",
        caseInsensitive: true)

    /// True when a sentence names a channel and tells customers through it.
    static func tellsCustomers(_ unit: TextUnit) -> Bool {
        let text = unit.text as NSString
        return channels.matches(in: unit.text).contains { match in
            let sentence = NumbersNotVagueWords.sentence(around: match.range, in: unit.utf16)
            let words = text.substring(with: sentence).replacingOccurrences(of: match.text, with: " ")
            return telling.firstMatch(in: words) != nil
        }
    }

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let impact = context.prose(.impact)
        guard !context.document.impact.isEmpty, !impact.text.allSatisfy(\.isWhitespace),
              Self.noImpact.firstMatch(in: impact.text) == nil else { return [] }
        let response = context.prose(.response)
        if [response, context.prose(.summary), impact].contains(where: Self.tellsCustomers) { return [] }
        return [finding(response.file, response.start, "the response does not say how or when customers were told (status page, "
                        + "notification, banner, mail); say it, or say why they were not")]
    }
}
