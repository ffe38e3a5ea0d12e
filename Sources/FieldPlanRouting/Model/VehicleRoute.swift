/// One used vehicle's route with its schedule and totals.
public struct VehicleRoute: Sendable, Hashable, Codable {
    public var vehicle: Int
    public var visits: [Visit]
    public var plannedBreak: PlannedBreak?
    /// Departure from the start location and arrival at the end location.
    public var start: Int
    public var end: Int
    /// Sum of the matrix travel times / distances of the legs, start to end.
    public var travelTime: Int
    public var distance: Int
    /// The route's share of the travel-cost tier: weighted travel plus the vehicle's fixed cost.
    public var cost: Int
    public init(vehicle: Int, visits: [Visit], plannedBreak: PlannedBreak?, start: Int, end: Int,
                travelTime: Int, distance: Int, cost: Int) {
        self.vehicle = vehicle; self.visits = visits; self.plannedBreak = plannedBreak; self.start = start
        self.end = end; self.travelTime = travelTime; self.distance = distance; self.cost = cost
    }
}
