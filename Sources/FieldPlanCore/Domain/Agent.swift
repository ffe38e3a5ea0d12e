/// A field agent: a route starts and ends at `base` and fits inside `shift`.
public struct Agent: Hashable, Sendable {
    public var id: String
    public var name: String
    public var base: Coordinate
    public var shift: TimeWindow
    public var phone: String?
    /// Working days; nil means the default (mon–sat).
    public var days: [Weekday]?
    public var breakRule: BreakRule?
    public var maxVisits: Int?
    /// nil means active.
    public var active: Bool?

    public init(id: String, name: String, base: Coordinate, shift: TimeWindow) {
        self.id = id
        self.name = name
        self.base = base
        self.shift = shift
    }

    public var isActive: Bool { active ?? true }

    public func works(on day: Weekday) -> Bool {
        (days ?? Agent.defaultDays).contains(day)
    }

    public static let defaultDays: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat]
}

/// A break of `minutes` that starts somewhere inside `[from, to]`.
public struct BreakRule: Hashable, Sendable {
    public var window: TimeWindow
    public var minutes: Int

    public init(window: TimeWindow, minutes: Int) {
        self.window = window
        self.minutes = minutes
    }
}
