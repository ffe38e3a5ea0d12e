/// A job left out of the plan, with a coarse reason so nothing is dropped silently.
public struct UnassignedJob: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// No vehicle is allowed to serve it (e.g. its zone has no agent).
        case noAllowedVehicle = "no_allowed_vehicle"
        /// Even alone on an empty route, no allowed vehicle can reach it inside its windows,
        /// its shift, its capacity or its stop limit.
        case unreachable
        /// It could be served alone, but there is no room left in any route beside the
        /// jobs that rank higher (mandatory first, then by prize, then by travel).
        case noRoomLeft = "no_room_left"
    }
    public var job: Int
    public var reason: Reason
    public init(job: Int, reason: Reason) { self.job = job; self.reason = reason }
}
