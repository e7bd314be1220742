import COEFormat

/// Plays a `ProcessExample` as a history: each step becomes facts and an event as a caller would
/// build them from commits, and the last step is judged. The documentation shows what it finds, and
/// the tests check that a rule's bad examples trigger it and its good ones do not.
public struct ProcessScenario: Sendable {
    /// One step as the documentation shows it.
    public struct Line: Sendable {
        /// The time as the scenario writes it.
        public let time: String
        /// Who made the commit (empty for the COE as it stands).
        public let who: String
        /// What the commit does, in words.
        public let what: String
    }

    /// The scenario played.
    public let example: ProcessExample
    /// The facts with the judged event, and the event.
    public let facts: ProcessFacts
    public let event: ProcessEvent
    /// The steps in words, for the documentation.
    public let lines: [Line]

    /// The COE every scenario is about.
    public static let coeID = "2026-10-30-k7qm3xv9dh"

    /// Plays `example`; throws when its configuration cannot be read or a time is malformed.
    public init(_ example: ProcessExample) throws {
        self.example = example
        var configuration = Configuration()
        if let yaml = example.configuration {
            configuration = try Configuration.parse(SourceText(file: Configuration.fileName, text: yaml))
        }
        var coe = ProcessFacts.COE(id: Self.coeID, severity: example.severity, owner: example.owner, reviewers: example.reviewers)
        var creator: Person?
        var moves: [StatusMove] = []
        var records: [ReviewRecord] = []
        var actions = example.actions
        var version = 1
        var lines: [Line] = []
        var judged: (event: ProcessEvent, moves: [StatusMove], coe: ProcessFacts.COE, today: CalendarDate?)?
        // Each step is a commit of its own, named by its place in the story.
        func stamp(_ who: String, _ at: String, seen: String? = nil, signed: String? = nil) throws -> CommitStamp {
            let clock = try seen.map(Self.seconds)
            let signature = signed.map { SignatureCheck.verified([Person($0).email]) } ?? .unsigned
            return CommitStamp(id: "commit-\(lines.count + 1)", author: Person(who), committed: try Self.seconds(at), clock: clock,
                               signature: signature)
        }
        func signedWords(_ signed: String?) -> String { signed.map { ", signed by \(Person($0).name)'s key" } ?? "" }
        func record(_ kind: ReviewRecord.Kind, by who: String, at: String, replyTo: String? = nil, hash: String? = nil) throws
            -> ReviewRecord {
            let time = Timestamp(seconds: try Self.seconds(at))
            let serial = String(records.count + 1)
            let id = "\(time.compactUTC)-\(String(repeating: "0", count: 10 - serial.count))\(serial)"
            return ReviewRecord(id: id, kind: kind, author: who, at: time, replyTo: replyTo, contentHash: hash, text: "")
        }
        for (index, step) in example.steps.enumerated() {
            var event: ProcessEvent?
            let movesBefore = moves
            switch step {
            case let .create(who, at, status):
                creator = Person(who)
                let commit = try stamp(who, at)
                event = .change(.init(commit: commit, created: true, statusBefore: nil, statusAfter: status))
                moves.append(StatusMove(from: nil, to: status, commit: commit))
                coe.status = status
                coe.created = CalendarDate(utcSeconds: commit.committed)
                lines.append(Line(time: at, who: who, what: "creates the COE as \(status.rawValue)"))
            case let .move(status, who, at, seen):
                let commit = try stamp(who, at, seen: seen)
                event = .change(.init(commit: commit, statusBefore: coe.status, statusAfter: status))
                moves.append(StatusMove(from: coe.status, to: status, commit: commit))
                let what = "moves it \(coe.status?.rawValue ?? "?") → \(status.rawValue)"
                lines.append(Line(time: at, who: who, what: what + (seen.map { " (the server first sees it \(Self.time($0)))" } ?? "")))
                coe.status = status
            case let .edit(who, at):
                version += 1
                event = .change(.init(commit: try stamp(who, at), statusBefore: coe.status, statusAfter: coe.status))
                lines.append(Line(time: at, who: who, what: "edits the content (version \(version))"))
            case let .comment(who, at):
                records.append(try record(.comment, by: who, at: at))
                lines.append(Line(time: at, who: who, what: "comments"))
            case let .requestChanges(who, at, signed):
                let request = try record(.changesRequested, by: who, at: at)
                records.append(request)
                event = .change(.init(commit: try stamp(who, at, signed: signed), statusBefore: coe.status, statusAfter: coe.status,
                                      changeRequestsAdded: [request]))
                lines.append(Line(time: at, who: who, what: "requests changes" + signedWords(signed)))
            case let .resolve(who, at, signed):
                guard let open = ReviewState(records).openThreads.first else { throw ScenarioError("no open comment to resolve") }
                let resolution = try record(.resolution, by: who, at: at, replyTo: open.comment.id)
                records.append(resolution)
                event = .change(.init(commit: try stamp(who, at, signed: signed), statusBefore: coe.status, statusAfter: coe.status,
                                      resolutionsAdded: [resolution]))
                let what = open.comment.kind == .changesRequested ? "the request for changes" : "the comment"
                lines.append(Line(time: at, who: who, what: "resolves \(what) of \(open.comment.authorName)" + signedWords(signed)))
            case let .importCOE(who, at, status, existing):
                let commit = try stamp(who, at)
                var imported = try record(.imported, by: who, at: at, hash: "version-\(version)")
                imported.status = status
                records.append(imported)
                event = .change(.init(commit: commit, created: !existing, statusBefore: existing ? coe.status : nil, statusAfter: status,
                                      importsAdded: [imported]))
                moves.append(StatusMove(from: existing ? coe.status : nil, to: status, commit: commit))
                if !existing {
                    creator = Person(who)
                    coe.created = CalendarDate(utcSeconds: commit.committed)
                }
                coe.status = status
                lines.append(Line(time: at, who: who, what: existing ? "adds an import record saying \(status.rawValue), and sets the status"
                                                                     : "imports the COE, reviewed elsewhere, as \(status.rawValue)"))
            case let .retract(who, at):
                guard let open = ReviewState(records).openThreads.first else { throw ScenarioError("no open comment to retract") }
                let retraction = try record(.retraction, by: who, at: at, replyTo: open.comment.id)
                records.append(retraction)
                event = .change(.init(commit: try stamp(who, at), statusBefore: coe.status, statusAfter: coe.status,
                                      resolutionsAdded: [retraction]))
                let what = open.comment.kind == .changesRequested ? "the request for changes" : "the comment"
                lines.append(Line(time: at, who: who, what: "retracts \(what) of \(open.comment.authorName)"))
            case let .approve(who, at, recordedAs, moving, seen, signed):
                let approval = try record(.approval, by: recordedAs ?? who, at: at, hash: "version-\(version)")
                records.append(approval)
                let commit = try stamp(who, at, seen: seen, signed: signed)
                let after = moving ? COEStatus.approved : coe.status
                event = .change(.init(commit: commit, statusBefore: coe.status, statusAfter: after, approvalsAdded: [approval]))
                var what = "approves version \(version)"
                if let recordedAs { what += ", in a record that names \(recordedAs)" }
                if moving, let status = coe.status {
                    what += " and moves it \(status.rawValue) → approved"
                    moves.append(StatusMove(from: status, to: .approved, commit: commit))
                }
                what += signedWords(signed)
                lines.append(Line(time: at, who: who, what: what + (seen.map { " (the server first sees it \(Self.time($0)))" } ?? "")))
                coe.status = after
            case let .rewriteRecord(who, at), let .removeRecord(who, at):
                guard let newest = records.last else { throw ScenarioError("no review record to change") }
                let name = newest.id + ".yaml"
                var rewriting = false
                if case .rewriteRecord = step { rewriting = true } else { records.removeLast() }
                event = .change(.init(commit: try stamp(who, at), statusBefore: coe.status, statusAfter: coe.status,
                                      recordsRewritten: rewriting ? [name] : [], recordsRemoved: rewriting ? [] : [name]))
                let what = newest.kind == .changesRequested ? "request for changes" : newest.kind.rawValue
                lines.append(Line(time: at, who: who, what: "\(rewriting ? "rewrites" : "removes") \(newest.authorName)'s \(what) record"))
            case let .remove(who, at, signed):
                event = .change(.init(commit: try stamp(who, at, signed: signed), removed: true, statusBefore: coe.status, statusAfter: nil,
                                      recordsRemoved: records.map { $0.id + ".yaml" }))
                lines.append(Line(time: at, who: who, what: "deletes the COE's folder" + signedWords(signed)))
            case let .action(id, status, who, at):
                version += 1
                actions.removeAll { $0.id == id }
                actions.append(ActionState(id: id, status: status))
                actions.sort { $0.id < $1.id }
                event = .change(.init(commit: try stamp(who, at), statusBefore: coe.status, statusAfter: coe.status))
                lines.append(Line(time: at, who: who, what: "sets action \(id) to \(status.rawValue) (version \(version))"))
            case let .standing(at):
                event = .standing
                lines.append(Line(time: at, who: "", what: "the COE as it stands"))
            }
            if index == example.steps.count - 1 {
                guard let event else { throw ScenarioError("the last step of '\(example.title)' is not an event a rule judges") }
                var today: CalendarDate?
                if case let .standing(at) = step { today = CalendarDate(utcSeconds: try Self.seconds(at)) }
                judged = (event, movesBefore, coe, today)
            }
        }
        guard let judged else { throw ScenarioError("'\(example.title)' has no steps") }
        event = judged.event
        facts = ProcessFacts(coe: judged.coe, creator: creator, moves: judged.moves, records: records, content: ContentIdentity(current: "version-\(version)"),
                             actions: actions, configuration: configuration, today: judged.today)
        self.lines = lines
    }

    /// What the rules find at the judged step: every rule, or only `rule`.
    public func findings(_ rule: (any ProcessRule)? = nil) -> [ProcessFinding] {
        ProcessRules.check(facts, event, rules: rule.map { [$0] } ?? ProcessRules.all)
    }

    static func seconds(_ text: String) throws -> Int64 {
        guard let time = Timestamp(text) else { throw ScenarioError("'\(text)' is not a time such as 2026-11-01T10:00:00Z") }
        return time.seconds
    }

    /// `2026-11-01 10:00 UTC` for a time written in a scenario.
    static func time(_ text: String) -> String { Timestamp(text)?.utcMinute ?? text }

    /// `2026-11-01 10:00`, for a column that says UTC.
    static func shortTime(_ text: String) -> String { Timestamp(text).map { String($0.utcMinute.dropLast(4)) } ?? text }
}

/// A scenario that cannot be played (a malformed time, a configuration that does not parse).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the scenario.
    public let description: String
    init(_ description: String) { self.description = description }
}
