import COEFormat

/// P1: a COE moves draft → review → approved → published → closed, and back from review to draft.
public struct AllowedMoves: ProcessRule {
    static let importers = "review:\n  importers: [ada@example.com]\n"
    static let caseyImports = "review:\n  importers: [casey@example.com]\n"
    public static let description = ProcessRuleDescription(
        id: "P1", name: "Allowed status moves", level: .error,
        judges: "Every commit that adds a COE, moves its status, or adds approval records.",
        checks: "A status move is one the lifecycle allows (draft → review → approved → published → closed, and review → draft); "
            + "a new COE starts as a draft, unless it is imported (`coe import`: a COE reviewed elsewhere, added with an import "
            + "record naming the status it has, in the same commit, by one of `review.importers`: with none configured, no one "
            + "imports); an import record comes only with the COE it imports; an approval is not given to a draft.",
        rationale: "\"Status moves draft → review → approved → published → closed, and may go back review → draft. "
            + "Any other move is an error.\"",
        fix: "Move one step at a time with the workflow (`coe submit`, `coe approve`, `coe status <id> published`, "
            + "`coe status <id> closed`, `coe withdraw`); add a COE as a draft.",
        enforcedBy: "the workflow before every status move and approval; pre-push, pre-receive and `coe check` for every commit "
            + "of the range; `coe audit` for every commit of the history.",
        bad: [
            ProcessExample("A draft moved straight to approved", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .approved, by: People.casey, at: "2026-11-02T10:00:00Z"),
            ]),
            ProcessExample("A COE added as approved", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z", status: .approved),
            ]),
            ProcessExample("An approval of a draft", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .approve(by: People.rae, at: "2026-11-02T10:00:00Z"),
            ]),
            ProcessExample("A COE imported by someone review.importers does not name", configuration: importers, steps: [
                .importCOE(by: People.casey, at: "2026-11-01T09:00:00Z", status: .published),
            ]),
            ProcessExample("An importer's address used as a name", configuration: importers, steps: [
                .importCOE(by: "ada@example.com <mallory@example.com>", at: "2026-11-01T09:00:00Z", status: .published),
            ]),
            ProcessExample("A COE imported where review.importers names no one", steps: [
                .importCOE(by: People.casey, at: "2026-11-01T09:00:00Z", status: .published),
            ]),
            ProcessExample("An import record added to a COE already here", configuration: caseyImports, steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .importCOE(by: People.casey, at: "2026-11-01T11:00:00Z", status: .published, existing: true),
            ]),
        ],
        good: [
            ProcessExample("A draft submitted for review", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
            ]),
            ProcessExample("A COE reviewed elsewhere, imported as published", configuration: caseyImports, steps: [
                .importCOE(by: People.casey, at: "2026-11-01T09:00:00Z", status: .published),
            ]),
            ProcessExample("A COE in review withdrawn to draft", steps: [
                .create(by: People.casey, at: "2026-11-01T09:00:00Z"),
                .move(to: .review, by: People.casey, at: "2026-11-01T10:00:00Z"),
                .move(to: .draft, by: People.casey, at: "2026-11-01T11:00:00Z"),
            ]),
        ])

    public init() {}

    /// The command that moves a COE to `status`.
    public static func command(to status: COEStatus, _ id: String) -> String {
        switch status {
        case .review: return "coe submit \(id)"
        case .draft: return "coe withdraw \(id)"
        case .approved: return "coe approve \(id)"
        default: return "coe status \(id) \(status.rawValue)"
        }
    }

    public func check(_ facts: ProcessFacts, _ event: ProcessEvent) -> [ProcessFinding] {
        guard case let .change(change) = event else { return [] }
        var findings: [ProcessFinding] = []
        if !change.importsAdded.isEmpty {
            if !change.created {
                findings.append(finding("an import record was added to \(facts.coe.id), which was already here; an import comes "
                                            + "with the COE it brings in", hint: "coe import adds a COE reviewed elsewhere, in one commit"))
            }
            for record in change.importsAdded where record.authorEmail != change.commit.author.email.lowercased() {
                findings.append(finding("an import record names \(record.author) but was committed by \(change.commit.author)",
                                        hint: "each person records their own import with coe import"))
            }
            let importers = facts.configuration.importers
            if importers.isEmpty {
                findings.append(finding("\(facts.coe.id) was imported, but review.importers names no one: an import skips the review "
                                            + "here, so only the people the configuration names may import",
                                        hint: "add it as a draft and review it here, or name importers in the server's policy"))
            } else if !Approvals.matches(change.commit.author, importers) {
                findings.append(finding("\(change.commit.author.name) imported \(facts.coe.id) but is not among review.importers "
                                            + "(\(importers.joined(separator: ", ")))",
                                        hint: "ask one of them to run coe import, or add it as a draft and review it here"))
            }
            for record in change.importsAdded where record.status != change.statusAfter {
                findings.append(finding("an import record says \(record.status?.rawValue ?? "no status") but \(facts.coe.id) is "
                                            + "\(change.statusAfter?.rawValue ?? "without a status")",
                                        hint: "an import states the status the COE comes in with; coe import writes it"))
            }
        }
        if change.statusUnreadable || (change.created && change.statusAfter == nil) {
            findings.append(finding("\(facts.coe.id)'s coe.yaml has no status line the gates can read (a top-level `status: <value>` "
                                        + "line); a status that cannot be followed would let a move go unjudged",
                                    hint: "write it as `status: draft` (or the status it has), on a line of its own, unquoted"))
        }
        if change.created {
            if let status = change.statusAfter, status != .draft, change.importsAdded.isEmpty {
                findings.append(finding("\(facts.coe.id) was added as \(status.rawValue); a COE starts as a draft",
                                        hint: "add it as a draft and move it with coe submit"))
            }
        } else if change.isMove, let from = change.statusBefore, let to = change.statusAfter, !from.canMove(to: to) {
            // Each allowed move with the command that makes it, so the hint is a next step from where the COE is.
            let allowed = from.allowedMoves.map { "\(from.rawValue) → \($0.rawValue) (\(Self.command(to: $0, facts.coe.id)))" }
            let hint = allowed.isEmpty ? "a closed COE moves no further" : "allowed: \(allowed.joined(separator: ", "))"
            findings.append(finding("\(from.rawValue) → \(to.rawValue) is not an allowed status move", hint: hint))
        }
        // An approval record only makes sense once the COE is in review; an approved COE may be approved
        // again (its approvals outgrown, or a second reviewer's on a merged branch), so only a draft is refused.
        if !change.approvalsAdded.isEmpty, (change.statusBefore ?? change.statusAfter) == .draft {
            findings.append(finding("\(facts.coe.id) is a draft; only a COE in review is approved",
                                    hint: "coe submit \(facts.coe.id) first"))
        }
        return findings
    }
}
