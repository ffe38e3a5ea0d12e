/// Aligned columns for terminal output: numbers (and amounts, percents, `n/a`) right-aligned,
/// text left-aligned, two spaces between columns.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(_ header: [String]) { self.header = header }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Whether a cell reads as a number: digits with separators, a sign, a decimal point, a
    /// percent sign or a unit-less `n/a`; empty cells do not decide.
    static func isNumeric(_ cell: String) -> Bool {
        if cell == "n/a" || cell == "-" { return true }
        var digits = 0
        for c in cell.unicodeScalars {
            switch c {
            case "0"..."9": digits += 1
            case ",", ".", "-", "+", "%", " ": continue
            default: return false
            }
        }
        return digits > 0
    }

    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let numeric = header.indices.map { i in
            let cells = rows.compactMap { i < $0.count ? $0[i] : nil }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(Self.isNumeric)
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : c.count) - c.count))
                if i < numeric.count && numeric[i] { parts.append(pad + c) } else if i == cells.count - 1 { parts.append(c) } else { parts.append(c + pad) }
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}
