/// An amount of money in integer minor units (cents), so that balances are stored and
/// summed exactly. SPEC §3: major units with at most two decimals.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minorUnits: Int64

    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    public static let zero = Money(minorUnits: 0)

    /// Parses a JSON number's text exactly, without going through floating point.
    /// Accepts `12`, `12.5`, `12.50`, `-3`, `1e3` is refused (money is never written so).
    public init?(decimalText text: some StringProtocol) {
        var negative = false
        var units: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenDot = false
        var digits = 0
        var first = true
        for c in text.utf8 {
            defer { first = false }
            if c == UInt8(ascii: "-") && first {
                negative = true
            } else if c == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                let d = Int64(c - UInt8(ascii: "0"))
                if seenDot {
                    fractionDigits += 1
                    if fractionDigits > 2 { return nil }
                    fraction = fraction * 10 + d
                } else {
                    digits += 1
                    if digits > 15 { return nil }
                    units = units * 10 + d
                }
            } else {
                return nil
            }
        }
        if digits == 0 || (seenDot && fractionDigits == 0) { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let value = units * 100 + fraction
        minorUnits = negative ? -value : value
    }

    /// The canonical JSON text: no trailing zeros beyond what is needed (`12`, `12.5`, `12.05`).
    public var decimalText: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let units = magnitude / 100
        let cents = magnitude % 100
        if cents == 0 { return "\(sign)\(units)" }
        if cents % 10 == 0 { return "\(sign)\(units).\(cents / 10)" }
        return "\(sign)\(units).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Two decimals always, for sheets and reports (`1,234.50`).
    public var formatted: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        var units = String(magnitude / 100)
        var grouped = ""
        while units.count > 3 {
            grouped = "," + units.suffix(3) + grouped
            units = String(units.dropLast(3))
        }
        let cents = magnitude % 100
        return "\(sign)\(units)\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { decimalText }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits) }
}
