import FieldPlanCore

extension RouteSheetRenderer {
    /// The widest line `text` writes: fits a 120-column terminal and a landscape printout.
    public static let textWidth = 120

    /// A plain-text sheet for a terminal: header, the stops as aligned columns (each visit
    /// followed by its address, history and notes on indented lines), the unplanned
    /// mandatory visits, the outcome-code legend and the confidentiality line.
    ///
    /// No line is wider than `textWidth` terminal columns (an East Asian wide character counts
    /// as two, see `columns(of:)`). Long values wrap inside their column rather than being
    /// cut, so nothing in the view model is lost. Lines end with LF.
    /// - Complexity: O(total text length).
    public static func text(_ sheet: RouteSheet) -> String {
        let width = textWidth
        var lines: [String] = []
        let rule = String(repeating: "=", count: width)
        lines.append(rule)
        lines += wrap("ROUTE SHEET: \(sheet.agencyName)", width)
        lines.append(rule)
        let facts: [(String, String)] = [
            ("Agent", "\(sheet.agentName) (\(sheet.agentID))"),
            ("Date", dateLine(sheet.date)),
            ("Zones", sheet.zones.isEmpty ? "-" : sheet.zones.joined(separator: ", ")),
            ("Shift", "leave base \(sheet.start), back at base \(sheet.end)"),
            ("Visits", "\(visitCount(sheet))"),
            ("Travel", "\(km(sheet.travelKm)) km, \(sheet.travelMinutes) min" + (sheet.travelMinutes >= 60 ? " (\(duration(sheet.travelMinutes)))" : "")),
            ("Plan version", "\(sheet.planVersion)"),
        ]
        for (k, v) in facts { lines += labelled(k + ":", v, labelWidth: 14, width: width) }
        lines.append("")
        lines += stopLines(sheet, width: width)

        if !sheet.unplanned.isEmpty {
            lines.append("")
            lines += wrap("MANDATORY VISITS NOT PLANNED (\(sheet.unplanned.count)): phone to rearrange", width)
            let idWidth = min(16, sheet.unplanned.map { columns(of: $0.accountID) }.max() ?? 0)
            for u in sheet.unplanned {
                lines += labelled("  " + pad(u.accountID, idWidth), "\(u.debtorName): \(u.reason)", labelWidth: idWidth + 4, width: width)
            }
        }

        lines.append("")
        lines.append("OUTCOME CODES")
        let entries = legend.map { pad($0.code, 14) + $0.meaning }
        let half = (entries.count + 1) / 2
        for i in 0..<half {
            let left = entries[i]
            let right = i + half < entries.count ? entries[i + half] : ""
            lines.append(trimRight("  " + pad(left, 58) + right))
        }
        lines.append("")
        lines.append(rule)
        lines += wrap(confidentialityLine(sheet), width)
        return lines.map(trimRight).joined(separator: "\n") + "\n"
    }

    private struct Column {
        var title: String
        var right = false
        var cap: Int
    }

    /// The stop table: one row per stop with wrapped cells, then the visit's details indented.
    private static func stopLines(_ sheet: RouteSheet, width: Int) -> [String] {
        let cols = [Column(title: "No", right: true, cap: 3), Column(title: "ETA", cap: 5),
                    Column(title: "Window", cap: 11), Column(title: "Account", cap: 12), Column(title: "Debtor", cap: 0),
                    Column(title: "Phone", cap: 15), Column(title: "Bal. \(sheet.currency)", right: true, cap: 13),
                    Column(title: "DPD", right: true, cap: 4), Column(title: "Reason", cap: 14)]
        let debtor = 4
        let rows: [[String]] = sheet.stops.map { s in
            if s.isBreak {
                return ["", "\(s.eta)", window(s, dash: "-"), "", "-- BREAK until \(s.etd) (\(breakMinutes(s)) min) --", "", "", "", "break"]
            }
            return [s.number.map(String.init) ?? "", "\(s.eta)", window(s, dash: "-"), s.accountID ?? "",
                    s.debtorName ?? "", s.phone ?? "", s.balance?.formatted ?? "", s.daysPastDue.map(String.init) ?? "",
                    reasonText(s.reason)]
        }
        // Natural widths, capped; the debtor takes what is left (at least 27 with these caps).
        // Departure times are left to the CSV and HTML: arrival is what an agent plans by.
        var widths = cols.indices.map { c in max(columns(of: cols[c].title), rows.map { columns(of: $0[c]) }.max() ?? 0) }
        for c in cols.indices where c != debtor { widths[c] = min(widths[c], cols[c].cap) }
        let gap = 2
        let fixedWidth = widths.enumerated().filter { $0.offset != debtor }.map(\.element).reduce(0, +) + gap * (cols.count - 1)
        widths[debtor] = max(1, min(widths[debtor], width - fixedWidth))

        func render(_ cells: [String]) -> [String] {
            let wrapped = cells.indices.map { wrap(cells[$0], widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                let parts = cells.indices.map { c -> String in
                    let text = line < wrapped[c].count ? wrapped[c][line] : ""
                    return cols[c].right ? padLeft(text, widths[c]) : pad(text, widths[c])
                }
                return trimRight(parts.joined(separator: String(repeating: " ", count: gap)))
            }
        }

        var lines = render(cols.map(\.title))
        lines.append(String(repeating: "-", count: min(width, widths.reduce(0, +) + gap * (cols.count - 1))))
        let indent = widths[0] + gap
        for (s, row) in zip(sheet.stops, rows) {
            lines += render(row)
            if s.isBreak {
                if let notes = s.notes, !notes.isEmpty { lines += labelled(String(repeating: " ", count: indent), notes, labelWidth: indent, width: width) }
                continue
            }
            let margin = String(repeating: " ", count: indent)
            if let address = s.address, !address.isEmpty {
                lines += labelled(margin + "Address:", address, labelWidth: indent + 14, width: width)
            }
            var history: [String] = []
            if let client = s.client, !client.isEmpty { history.append("client \(client)") }
            if let last = s.lastOutcome, !last.isEmpty { history.append("last outcome \(last)") }
            if let promise = s.promiseDue, !promise.isEmpty { history.append("promise due \(promise)") }
            if !history.isEmpty {
                lines += labelled(margin + "History:", history.joined(separator: "; "), labelWidth: indent + 14, width: width)
            }
            if let notes = s.notes, !notes.isEmpty {
                lines += labelled(margin + "Notes:", notes, labelWidth: indent + 14, width: width)
            }
            lines.append(margin + pad("Write in:", 14) + "outcome code ____________  amount collected ______________  time ______")
            lines.append("")
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `label` then `value` wrapped in a hanging column starting at `labelWidth`; a label too
    /// wide for that gets lines of its own.
    private static func labelled(_ label: String, _ value: String, labelWidth: Int, width: Int) -> [String] {
        let head = pad(label, labelWidth)
        let headWidth = columns(of: head)
        guard headWidth <= width / 2 else {
            return wrap(label, width) + wrap(value, width - 4).map { "    " + $0 }
        }
        let hang = String(repeating: " ", count: headWidth)
        return wrap(value, width - headWidth).enumerated().map { (i, line) in (i == 0 ? head : hang) + line }
    }

    /// Greedy word wrap to `width` terminal columns; a word wider than that is split.
    /// Always at least one line.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        let width = max(width, 2)
        var lines: [String] = []
        var current = "", currentWidth = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }) {
            let w = columns(of: word)
            if currentWidth > 0, currentWidth + 1 + w <= width { current += " " + word; currentWidth += 1 + w; continue }
            if currentWidth > 0 { lines.append(current); current = ""; currentWidth = 0 }
            for ch in word {
                let cw = columns(of: ch)
                if currentWidth + cw > width { lines.append(current); current = ""; currentWidth = 0 }
                current.append(ch); currentWidth += cw
            }
        }
        lines.append(current)
        return lines
    }

    /// Terminal columns a text takes: two for East Asian wide and fullwidth characters (CJK,
    /// Hangul, fullwidth forms, most emoji), one for anything else. An approximation of
    /// `wcwidth` that is enough to keep names in other scripts aligned.
    static func columns(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    static func columns(of ch: Character) -> Int {
        guard let v = ch.unicodeScalars.first?.value else { return 0 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        let w = columns(of: s)
        return w >= n ? s : s + String(repeating: " ", count: n - w)
    }

    private static func padLeft(_ s: String, _ n: Int) -> String {
        let w = columns(of: s)
        return w >= n ? s : String(repeating: " ", count: n - w) + s
    }

    private static func trimRight(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
