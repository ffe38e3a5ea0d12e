import FieldPlanCore
import FieldPlanZoning

/// A zone build, stored or (with `dryRun`) only computed: its figures, what it moves and,
/// with `agents`, who got which zone.
public struct ZoneBuildResult: Sendable {
    /// Zones built (locked ones not counted) and locked zones left alone.
    public var built: Int
    public var locked: Int
    /// Located open/ptp accounts zoned.
    public var accounts: Int
    public var seconds: Double
    public var moved: Int
    public var previouslyZoned: Int
    /// Unlocked zones the build no longer needed, deleted.
    public var removed: [String]
    public var maxLoadRatio: Double
    public var minLoadRatio: Double
    /// Every zone after the build (built and locked), by id, with the build's own figures.
    public var figures: ZoneFigures
    /// With `agents`: each agent's zone and the distance from the base to its centre.
    public var assignment: [AgentZoneAssignment.Pair]
    /// Each zone's accounts gained and lost.
    public var moves: ZoneMoves
    /// Nothing was stored (`zones build --dry-run`).
    public var dryRun: Bool
}
