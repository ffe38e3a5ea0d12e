/// The colours fieldplan draws with: a fixed set for charts (chosen to stay apart in print
/// and for the common colour-vision deficiencies) and golden-angle hues for any number of
/// zones, so neighbouring zone numbers get clearly different colours.
public enum Palette {
    public static let ink = "#1b1f24"
    public static let muted = "#5b6470"
    public static let grid = "#d8dde3"
    public static let primary = "#1f5fa8"
    public static let accent = "#d9822b"
    public static let good = "#2e7d4f"
    public static let bad = "#b3261e"
    /// Categorical colours for chart series (Okabe–Ito, darkened for print on white).
    public static let series = ["#1f5fa8", "#d9822b", "#2e7d4f", "#b3261e", "#7b4fa0", "#8a6d00", "#0f7c8c", "#c2185b"]

    /// The colour of the t-th zone: golden-angle hues, two lightness levels.
    public static func zone(_ t: Int) -> String {
        let hue = (Double(t) * 137.507764).truncatingRemainder(dividingBy: 360)
        return hsl(hue: hue, saturation: 0.70, lightness: t % 2 == 0 ? 0.45 : 0.58)
    }

    /// `#rrggbb` for an HSL colour (hue in degrees, the rest in 0…1).
    public static func hsl(hue: Double, saturation s: Double, lightness l: Double) -> String {
        let c = (1 - abs(2 * l - 1)) * s
        let h = hue / 60
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r1, g1, b1): (Double, Double, Double) = switch h {
        case ..<1: (c, x, 0)
        case ..<2: (x, c, 0)
        case ..<3: (0, c, x)
        case ..<4: (0, x, c)
        case ..<5: (x, 0, c)
        default: (c, 0, x)
        }
        let m = l - c / 2
        func hex(_ v: Double) -> String {
            let n = max(0, min(255, Int(((v + m) * 255).rounded())))
            let digits = Array("0123456789abcdef")
            return String(digits[n / 16]) + String(digits[n % 16])
        }
        return "#" + hex(r1) + hex(g1) + hex(b1)
    }
}
