/// Fixed-decimal text without Foundation, rounded half away from zero so that golden files
/// agree across platforms.
public enum DecimalText {
    public static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int64((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
        let sign = value < 0 && n != 0 ? "-" : ""
        guard places > 0 else { return sign + String(n) }
        let unit = Int64(scale)
        let fraction = String(n % unit)
        return sign + String(n / unit) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// Thousands separated by commas (`1,234,567`), for counts in tables.
    public static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return (n < 0 ? "-" : "") + digits + out
    }
}
