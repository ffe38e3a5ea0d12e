/// A vehicle's break: `duration` units that must start inside `window`.
///
/// The agent takes it wherever they are, without extra travel: right after a stop, or on
/// arrival at the next stop (or at the end location) before serving it, which lets the
/// break absorb waiting time. Every used route takes its break exactly once.
public struct BreakRule: Sendable, Hashable, Codable {
    public var duration: Int
    public var window: TimeWindow
    public init(duration: Int, window: TimeWindow) { self.duration = duration; self.window = window }
}
