/// A delinquent account held for a client (a bank, SACCO or lender). An account without
/// a location is *unlocated*: listed for tracing, never planned.
public struct Account: Hashable, Sendable {
    public var id: String
    public var client: String
    public var debtorName: String
    public var balance: Money
    public var currency: String?
    public var phone: String?
    public var email: String?
    /// Confidential: stored for matching with the client's systems, never printed.
    public var nationalID: String?
    public var address: String?
    public var location: Coordinate?
    public var daysPastDue: Int?
    public var status: AccountStatus?
    public var visitWindow: TimeWindow?
    public var serviceMinutes: Int?
    public var notes: String?
    public var noVisitBefore: CivilDate?
    public var maxVisitsPerMonth: Int?
    public var zoneID: String?

    public init(id: String, client: String, debtorName: String, balance: Money) {
        self.id = id
        self.client = client
        self.debtorName = debtorName
        self.balance = balance
    }
}
