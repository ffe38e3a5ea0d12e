/// A wall-clock time `HH:MM` in the agency's time zone, as minutes after midnight.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(hours: Int, minutes: Int) {
        guard (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
        self.minutes = hours * 60 + minutes
    }

    /// Parses exactly `HH:MM` (two digits each); `24:00` is accepted as the end of the day.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":") else { return nil }
        func digit(_ b: UInt8) -> Int? { (48...57).contains(b) ? Int(b - 48) : nil }
        guard let h1 = digit(u[0]), let h2 = digit(u[1]), let m1 = digit(u[3]), let m2 = digit(u[4]) else { return nil }
        let h = h1 * 10 + h2, m = m1 * 10 + m2
        if h == 24 && m == 0 { self.minutes = 1440; return }
        guard h < 24, m < 60 else { return nil }
        self.minutes = h * 60 + m
    }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// A daily window `[from, to]` of wall-clock times; `to` is never before `from`.
public struct TimeWindow: Hashable, Sendable {
    public var from: LocalTime
    public var to: LocalTime

    public init?(from: LocalTime, to: LocalTime) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The overlap of two windows, nil when they do not meet.
    public func intersection(_ other: TimeWindow) -> TimeWindow? {
        TimeWindow(from: max(from, other.from), to: min(to, other.to))
    }
}
