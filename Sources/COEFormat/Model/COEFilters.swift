/// Which COEs a listing shows, by their metadata: the filters `coe list` and `coe search` share (`--severity`,
/// `--team`, `--service`, `--tag`, `--status`, `--since`, `--until`). Team, service and tag compare in any
/// case; the dates are the COE's `created` day, both ends included. `coe search` applies the same filters in
/// its index's SQL (`SearchIndex.search`); a test checks the two agree.
public struct COEFilters: Sendable, Equatable {
    public var severity: IncidentSeverity?
    public var team: String?
    public var service: String?
    public var tag: String?
    public var status: COEStatus?
    /// Created on or after this day.
    public var since: CalendarDate?
    /// Created on or before this day.
    public var until: CalendarDate?

    public init(severity: IncidentSeverity? = nil, team: String? = nil, service: String? = nil, tag: String? = nil, status: COEStatus? = nil,
                since: CalendarDate? = nil, until: CalendarDate? = nil) {
        self.severity = severity
        self.team = team
        self.service = service
        self.tag = tag
        self.status = status
        self.since = since
        self.until = until
    }

    /// True when `metadata` passes every filter given.
    public func matches(_ metadata: Metadata) -> Bool {
        func same(_ wanted: String?, _ value: String) -> Bool { wanted.map { $0.lowercased() == value.lowercased() } ?? true }
        func among(_ wanted: String?, _ values: [String]) -> Bool {
            wanted.map { wanted in values.contains { $0.lowercased() == wanted.lowercased() } } ?? true
        }
        return severity.map { $0 == metadata.severity } ?? true
            && status.map { $0 == metadata.status } ?? true
            && same(team, metadata.team)
            && among(service, metadata.services)
            && among(tag, metadata.tags)
            && since.map { metadata.created >= $0 } ?? true
            && until.map { metadata.created <= $0 } ?? true
    }
}
