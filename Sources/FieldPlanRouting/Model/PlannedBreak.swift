/// Where a route's break falls: after `afterStop` visits (0 = before the first one) and
/// when it starts. If `start` is at or after the arrival at the next stop (or the end
/// location), the break is taken there, before serving; otherwise it is taken where the
/// vehicle is, right after the previous stop, and the travel follows it.
public struct PlannedBreak: Sendable, Hashable, Codable {
    public var afterStop: Int
    public var start: Int
    public init(afterStop: Int, start: Int) { self.afterStop = afterStop; self.start = start }
}
