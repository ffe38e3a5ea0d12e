/// A point in time written as ISO 8601 with an explicit offset
/// (`2026-11-30T10:15:00+03:00`, `…Z`, optional fractional seconds). The text is kept as
/// given so that an export writes back the same bytes; `epochSeconds` orders instants.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String
    public let epochSeconds: Int64
    /// The offset from UTC in seconds that the text was written with.
    public let offsetSeconds: Int

    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count >= 20, let date = CivilDate(String(decoding: u[0..<10], as: UTF8.self)),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              let time = Instant.parseClock(u[11..<19]) else { return nil }
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < u.count, (48...57).contains(u[i]) { i += 1 }
            guard i > start else { return nil }
        }
        guard i < u.count else { return nil }
        var offset = 0
        if u[i] == UInt8(ascii: "Z") {
            guard i + 1 == u.count else { return nil }
        } else {
            guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), u.count - i == 6,
                  let clock = LocalTime(String(decoding: u[(i + 1)...], as: UTF8.self)), clock.minutes < 24 * 60 else { return nil }
            offset = clock.minutes * 60 * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        self.text = text
        self.offsetSeconds = offset
        self.epochSeconds = Int64(date.dayNumber) * 86_400 + Int64(time) - Int64(offset)
    }

    /// Builds the canonical text for a local date and time at a fixed offset.
    public init(date: CivilDate, secondsOfDay: Int, offsetSeconds: Int) {
        let dayShift = secondsOfDay >= 0 ? secondsOfDay / 86_400 : -((-secondsOfDay + 86_399) / 86_400)
        let day = date.adding(days: dayShift)
        let s = secondsOfDay - dayShift * 86_400
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let off = abs(offsetSeconds) / 60
        self.text = "\(day)T\(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60))\(sign)\(pad(off / 60)):\(pad(off % 60))"
        self.offsetSeconds = offsetSeconds
        self.epochSeconds = Int64(day.dayNumber) * 86_400 + Int64(s) - Int64(offsetSeconds)
    }

    /// The local calendar date at the offset the instant was written with.
    public var localDate: CivilDate {
        let local = epochSeconds + Int64(offsetSeconds)
        return CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
    }

    public var description: String { text }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    private static func parseClock(_ u: ArraySlice<UInt8>) -> Int? {
        let b = Array(u)
        guard b.count == 8, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":") else { return nil }
        var v = [0, 0, 0]
        for (slot, idx) in [(0, [0, 1]), (1, [3, 4]), (2, [6, 7])] {
            for j in idx {
                guard (48...57).contains(b[j]) else { return nil }
                v[slot] = v[slot] * 10 + Int(b[j] - 48)
            }
        }
        guard v[0] < 24, v[1] < 60, v[2] < 61 else { return nil }
        return v[0] * 3600 + v[1] * 60 + min(v[2], 59)
    }
}
