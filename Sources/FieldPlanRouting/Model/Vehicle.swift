/// One vehicle (a field agent): where it starts and ends, its working window and limits.
public struct Vehicle: Sendable, Hashable, Codable {
    /// Location index (into the matrices) where the route starts.
    public var startLocation: Int
    /// Location index where the route ends (may equal `startLocation`).
    public var endLocation: Int
    /// The route leaves `startLocation` no earlier than `shift.from` and must be back at
    /// `endLocation` by `shift.to`.
    public var shift: TimeWindow
    /// An optional break, taken exactly once on a used route.
    public var breakRule: BreakRule?
    /// Most stops on the route (nil: no limit).
    public var maxStops: Int?
    /// Capacity for the jobs' `demand` (nil: unlimited).
    public var capacity: Int?
    /// A cost added to the travel cost when the vehicle is used at all.
    public var fixedCost: Int

    public init(startLocation: Int, endLocation: Int, shift: TimeWindow, breakRule: BreakRule? = nil,
                maxStops: Int? = nil, capacity: Int? = nil, fixedCost: Int = 0) {
        self.startLocation = startLocation; self.endLocation = endLocation; self.shift = shift
        self.breakRule = breakRule; self.maxStops = maxStops; self.capacity = capacity; self.fixedCost = fixedCost
    }
}
