/// The agency's wall clock: turns a moment (seconds since 1970) into the agency's local
/// instant and date, so that every time fieldplan prints is in the settings' time zone.
/// The offset rule is passed in (the store reads it from the system's time zone data), which
/// keeps the core free of I/O and lets tests use a fixed offset.
public struct AgencyClock: Sendable {
    private let offsetAt: @Sendable (Int64) -> Int

    /// - Parameter offsetAt: the offset from UTC in seconds in force at a moment.
    public init(offsetAt: @escaping @Sendable (Int64) -> Int) { self.offsetAt = offsetAt }

    /// A clock with one offset all year round.
    public init(fixedOffsetSeconds: Int) { self.offsetAt = { _ in fixedOffsetSeconds } }

    /// A clock from a zone's offset changes, oldest first: `initialOffset` before the first,
    /// each change's offset from its moment on. Looking one up is a binary search, so a report
    /// that dates half a million facts does not ask the system's time zone data each time.
    public init(initialOffset: Int, changes: [(at: Int64, offset: Int)]) {
        let moments = changes.map(\.at), offsets = changes.map(\.offset)
        self.offsetAt = { epoch in
            var low = 0, high = moments.count
            while low < high {
                let mid = (low + high) / 2
                if moments[mid] <= epoch { low = mid + 1 } else { high = mid }
            }
            return low == 0 ? initialOffset : offsets[low - 1]
        }
    }

    /// The offset from UTC in force at `epochSeconds`.
    public func offsetSeconds(at epochSeconds: Int64) -> Int { offsetAt(epochSeconds) }

    /// `epochSeconds` written in the agency's time zone (`2026-12-01T09:30:00+03:00`).
    public func instant(_ epochSeconds: Int64) -> Instant {
        let offset = offsetAt(epochSeconds)
        let local = epochSeconds + Int64(offset)
        let day = Int((local >= 0 ? local : local - 86_399) / 86_400)
        return Instant(date: CivilDate(dayNumber: day), secondsOfDay: Int(local - Int64(day) * 86_400), offsetSeconds: offset)
    }

    /// The agency's local date at `epochSeconds`.
    public func localDate(_ epochSeconds: Int64) -> CivilDate {
        let local = epochSeconds + Int64(offsetAt(epochSeconds))
        return CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
    }

    /// `YYYY-MM-DD HH:MM` in the agency's time zone, for tables.
    public func shortText(_ epochSeconds: Int64) -> String {
        let text = instant(epochSeconds).text
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
}
