/// The `travel` setting (SPEC §11): which model every travel figure comes from.
public enum TravelKind: String, CaseIterable, Hashable, Sendable {
    /// Great circle × `road_factor` at `speed_kmh` (SPEC §4).
    case straight
    /// The road network imported with `fieldplan roads import`, routed by fieldplan itself.
    case roads
    /// An OSRM server's `/table` service.
    case osrm
}
