/// One visit that may be planned.
public struct Job: Sendable, Hashable, Codable {
    /// Location index into the matrices.
    public var location: Int
    /// Time spent at the stop.
    public var service: Int
    /// Windows in which service may start, sorted and disjoint after validation. Empty
    /// means "any time" (the vehicle's shift still applies).
    public var windows: [TimeWindow]
    /// Load taken from the vehicle's capacity.
    public var demand: Int
    /// Value of serving the job (the priority); the search maximizes the total served.
    public var prize: Int64
    /// A mandatory job is served whenever any feasible plan can serve it, before any prize.
    public var mandatory: Bool
    /// Vehicle indices allowed to serve the job (nil: any vehicle).
    public var allowedVehicles: [Int]?

    public init(location: Int, service: Int = 0, windows: [TimeWindow] = [], demand: Int = 0,
                prize: Int64 = 0, mandatory: Bool = true, allowedVehicles: [Int]? = nil) {
        self.location = location; self.service = service; self.windows = windows; self.demand = demand
        self.prize = prize; self.mandatory = mandatory; self.allowedVehicles = allowedVehicles
    }
}
