import COEFormat
import COEHistory
import COEProcess

/// The nearest-rank percentile, the one way `coe report` takes a median or a p90: of `values` sorted
/// ascending, the value at rank ⌈p × n / 100⌉ (counting from 1), so always one of the values (the
/// median of an even count is the lower middle one); nil when there are none.
public func nearestRankPercentile(_ p: Int, of values: [Int64]) -> Int64? {
    guard !values.isEmpty, (1...100).contains(p) else { return nil }
    let sorted = values.sorted()
    let rank = (p * sorted.count + 99) / 100
    return sorted[max(rank, 1) - 1]
}

/// `coe report`: the health of the COE process over a period, every figure computed from the COEs in the
/// work tree and from the history `coe audit` reads (docs/reports.md defines each figure).
///
/// A COE belongs to the period when its `created` date is within it; every figure is about those COEs
/// (their action items included). Dates are UTC calendar dates; times from history are commit times.
public struct ProcessReport: Sendable {
    /// A spread of durations, in seconds: how many were measured, how many COEs were left out for want of
    /// the times, and the nearest-rank median and p90 (nil when none was measured).
    public struct Spread: Sendable, Equatable {
        public var count: Int
        public var skipped: Int
        public var median: Int64?
        public var p90: Int64?

        init(_ values: [Int64], skipped: Int) {
            count = values.count
            self.skipped = skipped
            median = nearestRankPercentile(50, of: values)
            p90 = nearestRankPercentile(90, of: values)
        }
    }

    /// Time to detect, to mitigate, and the impact's duration, of one group of COEs.
    public struct ResponseTimes: Sendable, Equatable {
        public var coes: Int
        public var detect: Spread
        public var mitigate: Spread
        public var impact: Spread
    }

    /// Counts of action items.
    public struct ActionCounts: Sendable, Equatable {
        public var total = 0
        public var open = 0
        public var done = 0
        public var replaced = 0
        public var overdue = 0
        public var doneLate = 0
        public var slipped = 0

        mutating func add(_ fact: ActionFact) {
            total += 1
            if fact.status == .open || fact.status == .inProgress { open += 1 }
            if fact.status == .done { done += 1 }
            if fact.status == .replaced { replaced += 1 }
            if fact.overdue { overdue += 1 }
            if fact.doneLate { doneLate += 1 }
            if fact.slipped { slipped += 1 }
        }
    }

    /// A COE languishing by rule P5: in draft or review longer than `limits.days_to_complete`.
    public struct Languishing: Sendable, Equatable {
        public var id: String
        public var status: COEStatus
        public var ageDays: Int
    }

    /// Whether the COEs were complete (approved) within `limits.days_to_complete` days of creation (P5).
    public struct Completion: Sendable, Equatable {
        public var limitDays: Int
        /// Approved (by history) within the limit.
        public var inTime = 0
        /// Approved (by history) after the limit.
        public var late = 0
        /// Still in draft or review past the limit (P5 now).
        public var languishing = 0
        /// Approved, but history shows no move to approved (imported, or approved outside history).
        public var unknown = 0
    }

    /// Closed COEs, and how many of them had every action item done (or replaced, as P6 counts it).
    public struct Closing: Sendable, Equatable {
        public var closed = 0
        public var everyActionDone = 0
        /// `everyActionDone / closed`, nil when none is closed.
        public var share: Double? { closed == 0 ? nil : Double(everyActionDone) / Double(closed) }
    }

    /// One calendar month of the period.
    public struct Month: Sendable, Equatable {
        /// `2026-11`.
        public var name: String
        public var first: CalendarDate
        public var last: CalendarDate
        /// COEs created in the month.
        public var opened = 0
        /// COEs whose move to closed (history) is in the month.
        public var closed = 0
        /// Action items due in the month (as the due date stands now).
        public var actionsDue = 0
        /// Action items whose `done_on` is in the month.
        public var actionsDone = 0
        /// Action items open and past their due date at the month's end (or today, in the current month);
        /// nil for a month that has not begun.
        public var overdueAtEnd: Int?
    }

    public var since: CalendarDate?
    public var until: CalendarDate
    public var today: CalendarDate
    /// The COEs created in the period.
    public var coes: Int
    public var byStatus: [COEStatus: Int] = [:]
    public var bySeverity: [IncidentSeverity: Int] = [:]
    public var bySeverityAndStatus: [IncidentSeverity: [COEStatus: Int]] = [:]
    public var languishing: [Languishing] = []
    public var completion: Completion
    /// All COEs of the period, then each severity (all five, in order).
    public var responseTimes: [(severity: IncidentSeverity?, times: ResponseTimes)] = []
    public var review: Spread
    public var actions = ActionCounts()
    /// By owner (a team or role; "(no owner)"), sorted without regard to case.
    public var actionsByOwner: [(owner: String, counts: ActionCounts)] = []
    /// high, medium, low, then "(none)".
    public var actionsByPriority: [(priority: String, counts: ActionCounts)] = []
    public var closing = Closing()
    public var months: [Month] = []
    /// COE folders that could not be read: named, and not counted in any figure.
    public var unreadable: [String] = []

    /// What the report knows of one selected COE, worked out once.
    struct COEFact {
        let directory: String
        let metadata: Metadata
        let history: Audit.COEReport?
        /// Time to detect, to mitigate, and the impact's duration, in seconds (nil: a time missing or out of order).
        let detect: Int64?
        let mitigate: Int64?
        let impact: Int64?
        /// The UTC date of its newest move to closed, when it is closed now.
        let closedOn: CalendarDate?
    }

    /// What the report knows of one action item.
    struct ActionFact {
        // Only what the figures read of the item (a fact is copied for every month).
        let status: ActionStatus
        let due: CalendarDate?
        let doneOn: CalendarDate?
        let owner: String?
        let priority: ActionPriority?
        /// Its COE's `created` date.
        let created: CalendarDate
        let overdue: Bool
        let doneLate: Bool
        let slipped: Bool
        /// Its due date's moves in history, oldest first: when (commit time), and the date before.
        let moves: [(time: Int64, from: CalendarDate?)]

        /// Whether the item was still to do at the end of `day`: open or in progress now, or done after `day`.
        /// A replaced item, and a done one without `done_on`, count as finished (when is not known).
        func isOpen(on day: CalendarDate) -> Bool {
            if status == .open || status == .inProgress { return true }
            guard status == .done, let doneOn else { return false }
            return doneOn > day
        }

        /// The due date as it stood at the end of `day`: the date before the first move made after that day,
        /// else the due date now.
        func due(on day: CalendarDate) -> CalendarDate? {
            let end = Int64(day.daysSinceEpoch + 1) * 86_400
            guard let next = moves.first(where: { $0.time >= end }) else { return due }
            return next.from
        }
    }

    /// The report of `documents` (the work tree's COEs, read with their action items and, where coe.yaml lacks
    /// an event time, their timeline) with their `history` (`coe audit`'s reports; empty for a repository
    /// without commits), for the COEs created from `since` (nil: the first) to `until`, as of `today`.
    public init(documents: [(directory: String, document: COEDocument)], unreadable: [String], history: [Audit.COEReport],
                configuration: Configuration, since: CalendarDate?, until: CalendarDate, today: CalendarDate) {
        self.since = since
        self.until = until
        self.today = today
        self.unreadable = unreadable
        let histories = Dictionary(history.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let selected = documents.filter { entry in
            let created = entry.document.metadata.created
            return since.map { $0 <= created } ?? true && created <= until
        }
        let coes = selected.map { directory, document -> COEFact in
            func span(_ to: (EventTimes) -> Timestamp?, _ milestone: Milestone) -> Int64? {
                guard let start = Self.moment(document, \.start, .startOfImpact), let end = Self.moment(document, to, milestone),
                      end.seconds >= start.seconds else { return nil }
                return end.seconds - start.seconds
            }
            let history = histories[directory]
            return COEFact(directory: directory, metadata: document.metadata, history: history,
                           detect: span(\.detected, .detection), mitigate: span(\.mitigated, .mitigation), impact: span(\.end, .endOfImpact),
                           closedOn: document.metadata.status == .closed ? history?.closed.map { CalendarDate(utcSeconds: $0) } : nil)
        }
        self.coes = coes.count

        // COEs by status and severity; P5, languishing, as the rule itself judges it today.
        let limit = configuration.daysToComplete
        var completion = Completion(limitDays: limit)
        for coe in coes {
            let metadata = coe.metadata
            byStatus[metadata.status, default: 0] += 1
            bySeverity[metadata.severity, default: 0] += 1
            bySeverityAndStatus[metadata.severity, default: [:]][metadata.status, default: 0] += 1
            let facts = ProcessFacts(coe: ProcessFacts.COE(metadata), configuration: configuration, today: today)
            if !CompleteInTime().check(facts, .standing).isEmpty {
                languishing.append(Languishing(id: metadata.id, status: metadata.status, ageDays: metadata.created.days(until: today)))
                completion.languishing += 1
            } else if metadata.status.isApproved {
                if let approved = coe.history?.approved {
                    if metadata.created.days(until: CalendarDate(utcSeconds: approved)) > limit { completion.late += 1 } else { completion.inTime += 1 }
                } else {
                    completion.unknown += 1
                }
            }
        }
        languishing.sort { ($0.ageDays, $1.id) > ($1.ageDays, $0.id) }
        self.completion = completion

        // Time to detect, to mitigate, and the impact's duration: all COEs, then each severity.
        func times(_ group: [COEFact]) -> ResponseTimes {
            func spread(_ value: KeyPath<COEFact, Int64?>) -> Spread {
                let values = group.compactMap { $0[keyPath: value] }
                return Spread(values, skipped: group.count - values.count)
            }
            return ResponseTimes(coes: group.count, detect: spread(\.detect), mitigate: spread(\.mitigate), impact: spread(\.impact))
        }
        responseTimes = [(nil, times(coes))]
            + IncidentSeverity.allCases.map { severity in (severity, times(coes.filter { $0.metadata.severity == severity })) }

        // Review time: entered review → approved, as the audit reads them from history.
        var reviews: [Int64] = []
        var reviewSkipped = 0
        for coe in coes where coe.metadata.status.isApproved {
            if let entered = coe.history?.enteredReview, let approved = coe.history?.approved, approved >= entered {
                reviews.append(approved - entered)
            } else {
                reviewSkipped += 1
            }
        }
        review = Spread(reviews, skipped: reviewSkipped)

        // Action items: the rows `coe actions` lists, with what history says of their due dates.
        let created = Dictionary(coes.map { ($0.directory, $0.metadata.created) }, uniquingKeysWith: { first, _ in first })
        let facts = ActionRow.rows(selected, today: today, configuration: configuration).map { row -> ActionFact in
            let item = row.item
            let moves = (histories[row.directory]?.dueMoves ?? []).filter { $0.action == item.id }.sorted { $0.time < $1.time }
            let doneLate = item.status == .done && item.doneOn.flatMap { done in item.due.map { done > $0 } } ?? false
            let slipped = !item.slips.isEmpty || moves.contains { ($0.days ?? 0) > 0 }
            return ActionFact(status: item.status, due: item.due, doneOn: item.doneOn, owner: item.owner, priority: item.priority, created: created[row.directory] ?? today, overdue: row.overdue, doneLate: doneLate,
                              slipped: slipped, moves: moves.map { ($0.time, $0.from.flatMap(CalendarDate.init)) })
        }
        var owners: [String: ActionCounts] = [:]
        var priorities: [String: ActionCounts] = [:]
        for fact in facts {
            actions.add(fact)
            owners[fact.owner ?? "(no owner)", default: ActionCounts()].add(fact)
            priorities[fact.priority?.rawValue ?? "(none)", default: ActionCounts()].add(fact)
        }
        actionsByOwner = owners.map { ($0.key, $0.value) }.sorted { ($0.owner.lowercased(), $0.owner) < ($1.owner.lowercased(), $1.owner) }
        actionsByPriority = (ActionPriority.allCases.map(\.rawValue) + ["(none)"]).compactMap { key in priorities[key].map { (key, $0) } }

        // Closed COEs with every action item done (P6's reading: done, or replaced by another item).
        for (_, document) in selected where document.metadata.status == .closed {
            closing.closed += 1
            if document.actions.allSatisfy({ ActionState(id: $0.id, status: $0.status).isFinished }) { closing.everyActionDone += 1 }
        }

        // Month by month, from the month of `since` (else of the first COE created) to the month of `until`.
        let first = since ?? coes.map(\.metadata.created).min() ?? until
        var month = CalendarDate(year: first.year, month: first.month, day: 1)!
        while month <= until {
            let next = month.month == 12 ? CalendarDate(year: month.year + 1, month: 1, day: 1)! : CalendarDate(year: month.year, month: month.month + 1, day: 1)!
            var row = Month(name: String(month.description.prefix(7)), first: month, last: next.adding(days: -1))
            let range = month...row.last
            row.opened = coes.count { range.contains($0.metadata.created) }
            row.closed = coes.count { $0.closedOn.map(range.contains) ?? false }
            if month <= today {
                let end = min(row.last, today)
                row.overdueAtEnd = facts.count { fact in
                    fact.created <= end && fact.isOpen(on: end) && (fact.due(on: end).map { $0 < end } ?? false)
                }
            }
            row.actionsDue = facts.count { $0.due.map(range.contains) ?? false }
            row.actionsDone = facts.count { $0.status == .done && ($0.doneOn.map(range.contains) ?? false) }
            months.append(row)
            month = next
        }
    }

    /// A moment of the event: coe.yaml's `event:` time, else the first timeline entry marked with `milestone`
    /// (rule L3 requires the two to agree).
    static func moment(_ document: COEDocument, _ key: (EventTimes) -> Timestamp?, _ milestone: Milestone) -> Timestamp? {
        key(document.metadata.event) ?? document.timeline.first { $0.milestone == milestone }?.at
    }
}
