import FieldPlanCore

extension RouteSheetRenderer {
    /// One self-contained page that prints on A4 landscape: the header, a map of the route with
    /// the day's facts and the outcome-code legend beside it, then the stop table with empty
    /// columns for the agent to write in.
    ///
    /// The table repeats its header (and the confidentiality line in its footer) on every
    /// printed page, never splits a row across pages, and uses fixed column widths with
    /// wrapping so no column is ever cut off. Everything from the view model is escaped.
    /// - Complexity: O(stops); about 1.5 kB per stop plus 9 kB of page and map.
    public static func html(_ sheet: RouteSheet) -> String {
        let e = HTML.escape
        let title = "Route sheet · \(sheet.agentName) (\(sheet.agentID)) · \(sheet.date)"
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(stylesheet)</style>
        </head>
        <body>

        """
        out += "<header class=\"sheet-head\">\n"
        out += "<div><div class=\"agency\">\(e(sheet.agencyName))</div>"
        out += "<h1>Route sheet: \(e(sheet.agentName)) <span class=\"id\">(\(e(sheet.agentID)))</span></h1></div>\n"
        out += "<div class=\"date\">\(e(dateLine(sheet.date)))<div class=\"version\">plan version \(sheet.planVersion)</div></div>\n"
        out += "</header>\n"
        out += "<p class=\"confidential\">\(e(confidentialityLine(sheet)))</p>\n"

        out += "<section class=\"overview\">\n<div class=\"map\">\n"
        out += RouteMap().svg(sheet)
        out += "</div>\n<div class=\"side\">\n"
        out += facts(sheet)
        out += unplanned(sheet)
        out += legendHTML()
        out += "</div>\n</section>\n"

        out += stopTable(sheet)
        out += "</body>\n</html>\n"
        return out
    }

    /// Escaped, with the value's own line breaks kept (a note written over two lines).
    private static func lines(_ s: String?) -> String {
        guard let s else { return "" }
        return s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { HTML.escape(String($0)) }
            .joined(separator: "<br>")
    }

    private static func facts(_ sheet: RouteSheet) -> String {
        let e = HTML.escape
        let rows: [(String, String)] = [
            ("Agent", "\(sheet.agentName) (\(sheet.agentID))"),
            ("Date", dateLine(sheet.date)),
            ("Zones", sheet.zones.isEmpty ? "—" : sheet.zones.joined(separator: ", ")),
            ("Leave base", "\(sheet.start)"),
            ("Back at base", "\(sheet.end)"),
            ("Visits", "\(visitCount(sheet))"),
            ("Travel", "\(km(sheet.travelKm)) km, \(sheet.travelMinutes) min" + (sheet.travelMinutes >= 60 ? " (\(duration(sheet.travelMinutes)))" : "")),
            ("Plan version", "\(sheet.planVersion)"),
        ]
        var out = "<table class=\"facts\">\n"
        for (k, v) in rows { out += "<tr><th>\(e(k))</th><td>\(e(v))</td></tr>\n" }
        out += "</table>\n"
        return out
    }

    private static func unplanned(_ sheet: RouteSheet) -> String {
        guard !sheet.unplanned.isEmpty else { return "" }
        let e = HTML.escape
        var out = "<div class=\"unplanned\">\n<h2>Mandatory visits not planned (\(sheet.unplanned.count)): phone to rearrange</h2>\n<ul>\n"
        for u in sheet.unplanned {
            out += "<li><b>\(e(u.accountID))</b> \(e(u.debtorName)): \(e(u.reason))</li>\n"
        }
        out += "</ul>\n</div>\n"
        return out
    }

    private static func legendHTML() -> String {
        var out = "<div class=\"legend\">\n<h2>Outcome codes</h2>\n<dl>\n"
        for (code, meaning) in legend {
            out += "<dt>\(HTML.escape(code))</dt><dd>\(HTML.escape(meaning))</dd>\n"
        }
        out += "</dl>\n</div>\n"
        return out
    }

    /// Column title, CSS class and width in millimetres of the 277 mm a landscape A4 page
    /// leaves between 10 mm margins; the widths are turned into percentages.
    private static func columns(_ currency: String) -> [(title: String, cls: String, mm: Double)] {
        [("No.", "no", 6), ("ETA", "eta", 12), ("Window", "win", 13), ("Account", "acct", 19),
         ("Debtor", "debtor", 23), ("Address", "addr", 27), ("Phone", "phone", 23),
         ("Balance (\(currency))", "num", 20), ("Days past due", "num dpd", 9), ("Last outcome", "last", 20),
         ("Promise due", "promise", 18), ("Notes", "notes", 22), ("Reason", "reason", 19),
         ("Outcome code", "write", 13), ("Amount collected (\(currency))", "write", 16), ("Time / signature", "write", 17)]
    }

    private static func stopTable(_ sheet: RouteSheet) -> String {
        let e = HTML.escape
        let cols = columns(sheet.currency)
        let total = cols.map(\.mm).reduce(0, +)
        var out = "<table class=\"stops\">\n<colgroup>"
        for c in cols { out += "<col style=\"width:\(DecimalText.fixed(c.mm / total * 100, 2))%\">" }
        out += "</colgroup>\n<thead><tr>"
        for c in cols { out += "<th class=\"\(c.cls)\">\(e(c.title))</th>" }
        out += "</tr></thead>\n"
        out += "<tfoot><tr><td colspan=\"\(cols.count)\">\(e(confidentialityLine(sheet)))</td></tr></tfoot>\n<tbody>\n"
        for s in sheet.stops {
            if s.isBreak {
                var text = "Break \(s.eta)–\(s.etd) (\(breakMinutes(s)) min)"
                if !window(s).isEmpty { text += ", to start \(window(s))" }
                if let notes = s.notes, !notes.isEmpty { text += ": \(notes)" }
                out += "<tr class=\"break\"><td class=\"no\"></td><td class=\"eta\">\(s.eta)</td>"
                out += "<td colspan=\"\(cols.count - 2)\">\(e(text))</td></tr>\n"
                continue
            }
            var cells: [String] = []
            cells.append(s.number.map(String.init) ?? "")
            cells.append("<b>\(s.eta)</b><span class=\"sub\">to \(s.etd)</span><span class=\"sub\">\(km(s.legKm)) km</span>")
            cells.append(e(window(s)))
            cells.append(e(s.accountID ?? "") + (s.client.map { "<span class=\"sub\">\(e($0))</span>" } ?? ""))
            cells.append(lines(s.debtorName))
            cells.append(lines(s.address))
            cells.append(e(s.phone ?? ""))
            cells.append(s.balance.map { e($0.formatted) } ?? "")
            cells.append(s.daysPastDue.map(String.init) ?? "")
            cells.append(lines(s.lastOutcome))
            cells.append(lines(s.promiseDue))
            cells.append(lines(s.notes))
            cells.append(e(reasonText(s.reason)))
            cells += ["", "", ""]
            out += "<tr class=\"visit\" data-stop=\"\(s.number.map(String.init) ?? "")\">"
            for (c, text) in zip(cols, cells) { out += "<td class=\"\(c.cls)\">\(text)</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// Print-first CSS: A4 landscape with 10 mm margins, 8 pt table text, fixed column widths
    /// that wrap rather than overflow, rows never split across pages, header repeated per page.
    private static let stylesheet = """
    @page { size: A4 landscape; margin: 10mm; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0; font-family: "Liberation Sans", Helvetica, Arial, sans-serif; font-size: 9pt; color: #000; background: #fff; }
    @media screen { body { max-width: 277mm; margin: 8mm auto; padding: 0 4mm; } }
    .sheet-head { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #000; padding-bottom: 1.5mm; }
    .agency { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; }
    h1 { font-size: 15pt; margin: 0.5mm 0 0; }
    h1 .id { font-weight: normal; }
    .date { font-size: 13pt; font-weight: bold; text-align: right; }
    .version { font-size: 8pt; font-weight: normal; }
    .confidential { font-size: 7.5pt; font-weight: bold; margin: 1mm 0 2mm; }
    .overview { display: flex; gap: 5mm; break-inside: avoid; page-break-inside: avoid; margin-bottom: 3mm; }
    .overview .map { flex: 0 0 140mm; }
    .overview .side { flex: 1 1 auto; min-width: 0; }
    svg.route-map { display: block; width: 140mm; height: auto; }
    h2 { font-size: 9pt; margin: 2mm 0 1mm; }
    table.facts { border-collapse: collapse; font-size: 9pt; }
    table.facts th { text-align: left; font-weight: normal; color: #333; padding: 0.3mm 3mm 0.3mm 0; white-space: nowrap; vertical-align: top; }
    table.facts td { font-weight: bold; padding: 0.3mm 0; }
    .unplanned { border: 1pt solid #000; padding: 0 2mm 1mm; margin-top: 2mm; }
    .unplanned ul { margin: 0; padding-left: 4mm; font-size: 8pt; }
    .legend dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; column-gap: 2mm; row-gap: 0.4mm; margin: 0; font-size: 7.5pt; }
    .legend dt { font-weight: bold; font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; }
    .legend dd { margin: 0; }
    table.stops { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8pt; line-height: 1.2; }
    table.stops th, table.stops td { border: 0.5pt solid #555; padding: 0.7mm 0.6mm; vertical-align: top; text-align: left;
      overflow-wrap: anywhere; word-wrap: break-word; hyphens: none; }
    table.stops thead { display: table-header-group; }
    table.stops tfoot { display: table-footer-group; }
    table.stops thead th { background: #e6e6e6; font-size: 7pt; vertical-align: bottom; overflow-wrap: normal; }
    table.stops tfoot td { border: none; font-size: 7pt; font-style: italic; padding-top: 1.5mm; }
    table.stops tr { break-inside: avoid; page-break-inside: avoid; }
    table.stops tbody tr.visit { height: 11mm; }
    table.stops td.no { font-weight: bold; font-size: 10pt; text-align: center; }
    table.stops td.num { text-align: right; }
    table.stops td.reason { overflow-wrap: normal; word-break: keep-all; }
    table.stops td.write { background: #fff; }
    table.stops th.write { background: #cfcfcf; }
    table.stops tr.break td { background: #f0f0f0; font-style: italic; }
    table.stops .sub { display: block; color: #444; font-size: 7pt; }

    """
}
