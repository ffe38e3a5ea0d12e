/// A visit as it happened, recorded offline on the agent's device. Outcomes are facts:
/// the same `id` always means the same visit.
public struct Outcome: Hashable, Sendable {
    public var id: String
    public var accountID: String
    public var agentID: String
    public var visitedAt: Instant
    public var code: OutcomeCode
    public var contact: ContactType?
    public var promise: Promise?
    public var collected: Collection?
    public var location: ReportedLocation?
    public var notes: String?
    public var nextVisit: NextVisit?

    public init(id: String, accountID: String, agentID: String, visitedAt: Instant, code: OutcomeCode) {
        self.id = id
        self.accountID = accountID
        self.agentID = agentID
        self.visitedAt = visitedAt
        self.code = code
    }

    public struct Promise: Hashable, Sendable {
        public var amount: Money
        public var date: CivilDate
        public init(amount: Money, date: CivilDate) { self.amount = amount; self.date = date }
    }

    public struct Collection: Hashable, Sendable {
        public var amount: Money
        public var receipt: String?
        public init(amount: Money, receipt: String?) { self.amount = amount; self.receipt = receipt }
    }

    public struct ReportedLocation: Hashable, Sendable {
        public var coordinate: Coordinate
        public var accuracyMetres: Double?
        public init(coordinate: Coordinate, accuracyMetres: Double?) { self.coordinate = coordinate; self.accuracyMetres = accuracyMetres }
    }

    /// A requested call-back: a date and optionally a window.
    public struct NextVisit: Hashable, Sendable {
        public var date: CivilDate
        public var window: TimeWindow?
        public init(date: CivilDate, window: TimeWindow?) { self.date = date; self.window = window }
    }
}
