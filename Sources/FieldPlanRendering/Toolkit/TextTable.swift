/// Plain aligned columns for terminal output.
///
/// A column whose cells are all numbers, amounts, `n/a` or empty (`12`, `-3`, `12,500.00`, `4.5`)
/// is right-aligned, header included, so that digits line up. When the table is wider than
/// `maxWidth`, the widest text columns are narrowed (down to `minWrapWidth`, and never below
/// their longest word) and their cells wrap between words onto continuation lines: nothing is
/// cut. A table that cannot fit even so keeps its natural widths (wrapping would only make it
/// taller).
/// - Complexity: O(total text length) to render.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []
    /// The widest line the table aims for: a 120-column terminal.
    public var maxWidth = 120
    /// A wrapped column keeps at least this many characters.
    static let minWrapWidth = 12
    static let gap = 2

    public init(_ header: [String], maxWidth: Int = 120) {
        self.header = header
        self.maxWidth = maxWidth
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Whether column `i` holds only numbers or empty cells (and at least one number).
    func isNumeric(_ i: Int) -> Bool {
        var any = false
        for row in rows where i < row.count {
            let cell = row[i]
            if cell.isEmpty || cell == "n/a" { continue }
            guard Self.looksNumeric(cell) else { return false }
            any = true
        }
        return any
    }

    /// `12`, `-3`, `+4`, `12,500.00`, `0.5`, `75%`: digits with optional sign, thousands
    /// commas, one decimal point and a trailing percent sign. A phone number (`+254711000102`,
    /// a plus and more than six characters) is text.
    static func looksNumeric(_ s: String) -> Bool {
        var chars = Substring(s)
        if chars.first == "+" && chars.count > 7 { return false }
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        if chars.last == "%" { chars = chars.dropLast() }
        guard let first = chars.first, first.isASCII, first.isNumber else { return false }
        var dots = 0
        for ch in chars {
            if ch == "." { dots += 1; continue }
            if ch == "," { continue }
            guard ch.isASCII, ch.isNumber else { return false }
        }
        return dots <= 1 && chars.last != "." && chars.last != ","
    }

    public func render() -> String {
        let count = header.count
        let numeric = (0..<count).map(isNumeric)
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < count { widths[i] = max(widths[i], cell.count) } }
        // Narrow the widest text column, one character at a time, until the table fits; a
        // column never gets narrower than its longest word, so ids, instants and file names
        // stay whole and only prose wraps.
        var floors = header.map { max(Self.minWrapWidth, Self.longestWord($0)) }
        for row in rows { for (i, cell) in row.enumerated() where i < count { floors[i] = max(floors[i], Self.longestWord(cell)) } }
        func total() -> Int { widths.reduce(0, +) + Self.gap * max(0, count - 1) }
        let narrowest = (0..<count).map { numeric[$0] ? widths[$0] : min(widths[$0], floors[$0]) }.reduce(0, +) + Self.gap * max(0, count - 1)
        while narrowest <= maxWidth, total() > maxWidth {
            guard let widest = (0..<count).filter({ !numeric[$0] && widths[$0] > floors[$0] })
                .max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        func lines(_ cells: [String]) -> [String] {
            let wrapped = (0..<count).map { i in Self.wrap(i < cells.count ? cells[i] : "", widths[i]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { k in
                var parts: [String] = []
                for i in 0..<count {
                    let text = k < wrapped[i].count ? wrapped[i][k] : ""
                    let pad = String(repeating: " ", count: max(0, widths[i] - text.count))
                    parts.append(numeric[i] ? pad + text : text + pad)
                }
                var line = parts.joined(separator: String(repeating: " ", count: Self.gap))
                while line.last == " " { line.removeLast() }
                return line
            }
        }
        return (lines(header) + rows.flatMap(lines)).joined(separator: "\n")
    }

    static func longestWord(_ text: String) -> Int {
        text.split(separator: " ").map(\.count).max() ?? 0
    }

    /// Greedy word wrap to `width` characters; a word longer than that is split. Always at
    /// least one line.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var out: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = Substring(word)
            if !current.isEmpty, current.count + 1 + word.count <= width { current += " " + word; continue }
            if !current.isEmpty { out.append(current); current = "" }
            while word.count > width { out.append(String(word.prefix(width))); word = word.dropFirst(width) }
            current = String(word)
        }
        out.append(current)
        return out
    }
}
