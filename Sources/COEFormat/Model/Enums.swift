/// How bad an incident was: SEV-1 (worst) to SEV-5.
public enum IncidentSeverity: String, CaseIterable, Sendable, Comparable {
    case sev1 = "SEV-1", sev2 = "SEV-2", sev3 = "SEV-3", sev4 = "SEV-4", sev5 = "SEV-5"

    public var level: Int { Int(rawValue.suffix(1))! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.level < rhs.level }
}

/// Where a COE is in its lifecycle (rule P1: draft → review → approved → published → closed).
public enum COEStatus: String, CaseIterable, Sendable {
    case draft, review, approved, published, closed

    /// The moves rule P1 allows from this status: forward one step, and back from review to draft.
    public var allowedMoves: [COEStatus] {
        switch self {
        case .draft: return [.review]
        case .review: return [.approved, .draft]
        case .approved: return [.published]
        case .published: return [.closed]
        case .closed: return []
        }
    }

    public func canMove(to next: COEStatus) -> Bool { allowedMoves.contains(next) }

    /// Its place in the lifecycle (draft 0 … closed 4), for telling a step forward from a step back.
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    /// Approved, published and closed: the content has been approved.
    public var isApproved: Bool { self == .approved || self == .published || self == .closed }
}

/// Who may read a COE (rule P9).
public enum Confidentiality: String, CaseIterable, Sendable {
    case `public`, teamOnly = "team-only", secure
}

/// How the event was detected (rule R1).
public enum DetectionSource: String, CaseIterable, Sendable {
    /// An automated alarm or monitor.
    case alarm
    /// A customer reported it.
    case customer
    /// Someone in the company, outside the owning team.
    case internalReport = "internal-report"
    /// The owning team noticed it by hand.
    case team
}

/// Timeline milestones (rules L3, L4).
public enum Milestone: String, CaseIterable, Sendable {
    case trigger = "TRIGGER"
    case startOfImpact = "START OF IMPACT"
    case detection = "DETECTION"
    case mitigation = "MITIGATION"
    case endOfImpact = "END OF IMPACT"
}

/// An action item's priority (rule A1).
public enum ActionPriority: String, CaseIterable, Sendable {
    case high, medium, low
}

/// An action item's state (rules A1, A6, A7).
public enum ActionStatus: String, CaseIterable, Sendable {
    case open
    case inProgress = "in-progress"
    case done
    /// Closed by a replacement item named in `replaced_by` (an item is never deleted or "deprecated").
    case replaced
}

/// A lesson's category (rule N3).
public enum LessonCategory: String, CaseIterable, Sendable {
    case technical, process, operational, cultural
}
