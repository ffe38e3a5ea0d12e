import FieldPlanCore
import FieldPlanReports

extension ReportRenderer {
    /// One self-contained printable page (inline style, inline SVG, no script, nothing loaded
    /// from elsewhere): headline figures, the funnel, the outcome codes, a bar per row, the
    /// daily trend, the tables, and for the monthly report the previous month, the days past
    /// due and the ranking.
    public func html(_ r: Report) -> String {
        let e = HTML.escape
        let t = r.total
        var body = "<header><div class=\"muted\">\(e(agencyName))</div><h1>\(e(title(r)))</h1>"
        body += "<div class=\"muted\">by \(e(groupTitle(r))) · generated \(e(String(r.generatedAt.text.prefix(16).replacingT))) (\(e(timeZone))) · amounts in \(e(currency))</div></header>\n"
        body += "<section class=\"tiles\">\n"
        func tile(_ label: String, _ value: String, _ detail: String) {
            body += "<div class=\"tile\"><div class=\"label\">\(e(label))</div><div class=\"value\">\(e(value))</div><div class=\"detail\">\(e(detail))</div></div>\n"
        }
        tile("Visits", DecimalText.grouped(t.visits), "\(DecimalText.grouped(t.planned)) planned · \(Self.text(.rate(t.completion))) done")
        tile("Contact rate", Self.text(.rate(t.contactRate)), "\(DecimalText.grouped(t.contacts)) contacts")
        tile("Right-party contacts", Self.text(.rate(t.rpcRate)), "\(DecimalText.grouped(t.rpc)) of \(DecimalText.grouped(t.visits)) visits")
        tile("Promises to pay", DecimalText.grouped(t.ptp), "\(currency) \(Self.money(t.ptpMinor)) · \(Self.text(.rate(t.ptpRate))) of RPC")
        tile("Promises kept", Self.text(.rate(t.keptRate)), "\(t.kept) of \(t.kept + t.partial + t.broken) settled · \(Self.text(.rate(t.keptAmountRate))) by amount")
        tile("Collected", "\(currency) \(Self.money(t.collectedMinor))", "\(Self.text(.money(t.collectedPerVisitMinor))) per visit")
        body += "</section>\n<section class=\"charts\">\n"
        body += "<figure><figcaption>Funnel</figcaption>\(funnel(t))</figure>\n"
        body += "<figure><figcaption>Outcome codes</figcaption>\(outcomeBars(t))</figure>\n"
        body += "</section>\n"
        body += "<figure class=\"wide\"><figcaption>Collected and visits by \(e(groupTitle(r)))</figcaption>\(rowBars(r.rows))</figure>\n"
        if r.days.count > 1 {
            let today = r.generatedAt.localDate
            body += "<figure class=\"wide\"><figcaption>Daily trend: visits (bars) and collected (line)</figcaption>\(trend(r.days, through: today))</figure>\n"
        }
        body += "<h2>Visits</h2>\n" + table(r, Self.visitFields)
        body += "<h2>Promises and money</h2>\n" + table(r, Self.promiseFields + Self.moneyFields)
        if r.kind == .monthly {
            if let previous = r.previous {
                body += "<h2>Compared with the previous month</h2>\n<table><thead><tr><th>figure</th><th class=\"num\">this month</th><th class=\"num\">previous</th><th class=\"num\">change</th></tr></thead><tbody>\n"
                for field in Self.comparedFields {
                    body += "<tr><td>\(e(field.rawValue))</td><td class=\"num\">\(e(Self.text(field.value(in: t))))</td><td class=\"num\">\(e(Self.text(field.value(in: previous))))</td><td class=\"num\">\(e(Self.change(field.value(in: t), field.value(in: previous))))</td></tr>\n"
                }
                body += "</tbody></table>\n"
            }
            body += "<h2>Portfolio by days past due</h2>\n<p class=\"muted\">Accounts not paid or closed, as of now; visits and money of the month on them.</p>\n"
            body += "<table><thead><tr><th>days past due</th><th class=\"num\">accounts</th><th class=\"num\">balance</th><th class=\"num\">visits</th><th class=\"num\">collected</th></tr></thead><tbody>\n"
            for b in r.dpd {
                body += "<tr><td>\(e(b.label))</td><td class=\"num\">\(DecimalText.grouped(b.accounts))</td><td class=\"num\">\(Self.money(b.balanceMinor))</td><td class=\"num\">\(DecimalText.grouped(b.visits))</td><td class=\"num\">\(Self.money(b.collectedMinor))</td></tr>\n"
            }
            body += "</tbody></table>\n"
            if let ranking = r.ranking {
                body += "<section class=\"charts\"><div><h2>Ranking by collected</h2><table><thead><tr><th class=\"num\">rank</th><th>agent</th><th class=\"num\">collected</th></tr></thead><tbody>\n"
                for x in ranking.byCollected.prefix(20) {
                    body += "<tr><td class=\"num\">\(x.rank)</td><td>\(e(x.name ?? x.agentID)) <span class=\"muted\">\(e(x.agentID))</span></td><td class=\"num\">\(Self.money(x.collectedMinor))</td></tr>\n"
                }
                body += "</tbody></table></div><div><h2>Ranking by kept rate</h2><table><thead><tr><th class=\"num\">rank</th><th>agent</th><th class=\"num\">kept</th><th class=\"num\">due</th></tr></thead><tbody>\n"
                for x in ranking.byKeptRate.prefix(20) {
                    body += "<tr><td class=\"num\">\(x.rank)</td><td>\(e(x.name ?? x.agentID)) <span class=\"muted\">\(e(x.agentID))</span></td><td class=\"num\">\(e(Self.text(.rate(x.keptRate))))</td><td class=\"num\">\(x.promisesDue)</td></tr>\n"
                }
                if ranking.byKeptRate.isEmpty { body += "<tr><td colspan=\"4\" class=\"muted\">no agent had \(AgentRanking.minimumPromisesDue) promises due</td></tr>\n" }
                body += "</tbody></table><p class=\"muted\">Agents with fewer than \(AgentRanking.minimumPromisesDue) promises due are not ranked on the rate.</p></div></section>\n"
            }
        }
        body += "<footer class=\"muted\">Every figure can be recomputed from <code>fieldplan export</code> with the definitions in the fieldplan reference (docs/reports.md). Confidential: for the agency's supervisors only.</footer>\n"
        return HTML.page(title: "\(agencyName) · \(title(r))", style: PrintStyle.base + Self.style, body: body)
    }

    static let style = """

    header { margin-bottom: 10px; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 8px; margin: 10px 0 4px; }
    .tile { border: 1px solid #d8dde3; border-left: 4px solid #1f5fa8; padding: 6px 9px; break-inside: avoid; }
    .tile .label { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.03em; color: #5b6470; }
    .tile .value { font-size: 16pt; font-weight: bold; font-variant-numeric: tabular-nums; }
    .tile .detail { font-size: 8.5pt; color: #5b6470; }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; }
    .charts > * { flex: 1 1 320px; min-width: 0; }
    figure { margin: 12px 0 0; break-inside: avoid; }
    figcaption { font-weight: bold; font-size: 10.5pt; margin-bottom: 4px; }
    footer { margin-top: 18px; font-size: 8pt; }
    td.id { white-space: nowrap; }
    .scroll { overflow-x: auto; }
    @media print { .scroll { overflow: visible; } }
    """

    func table(_ r: Report, _ fields: [ReportField]) -> String {
        let e = HTML.escape
        var out = "<div class=\"scroll\"><table><thead><tr><th>\(e(r.grouping.rawValue))</th>" + fields.map { "<th class=\"num\">\(e($0.title))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in r.rows {
            let l = Self.label(row)
            out += "<tr><td class=\"id\">\(e(l.id))" + (l.name.isEmpty ? "" : " <span class=\"muted\">\(e(l.name))</span>") + "</td>"
            out += fields.map { "<td class=\"num\">\(e(Self.text($0.value(in: row.figures))))</td>" }.joined() + "</tr>\n"
        }
        out += "<tr class=\"total\"><td>total</td>" + fields.map { "<td class=\"num\">\(e(Self.text($0.value(in: r.total))))</td>" }.joined() + "</tr>\n"
        return out + "</tbody></table></div>\n"
    }

    /// Horizontal bars on a shared scale, a label on the left and the value on the right.
    static func bars(_ items: [(label: String, length: Double, value: String, colour: String)], width: Double = 520, maxLength: Double? = nil) -> SVGCanvas {
        let labelWidth = 150.0, valueWidth = 110.0, barHeight = 18.0, gap = 6.0
        var c = SVGCanvas(width: width, height: Double(items.count) * (barHeight + gap) + gap)
        let top = maxLength ?? items.map(\.length).max() ?? 0
        let span = width - labelWidth - valueWidth
        for (i, item) in items.enumerated() {
            let y = gap + Double(i) * (barHeight + gap)
            c.text(item.label, x: labelWidth - 6, y: y + 13, size: 10.5, anchor: .end)
            c.rect(x: labelWidth, y: y, width: span, height: barHeight, fill: "#f1f3f5")
            c.rect(x: labelWidth, y: y, width: top > 0 ? span * item.length / top : 0, height: barHeight, fill: item.colour, title: "\(item.label): \(item.value)")
            c.text(item.value, x: labelWidth + span + 6, y: y + 13, size: 10.5)
        }
        return c
    }

    /// Visits → contacts → right-party contacts → promises → kept → collected; every step's
    /// bar is its count against the visits, the last one the visits that collected money.
    func funnel(_ t: ReportFigures) -> String {
        func share(_ n: Int) -> String { t.visits > 0 ? " (\(DecimalText.fixed(Double(n) * 100 / Double(t.visits), 0))%)" : "" }
        let collections = t.count(of: .paid) + t.count(of: .partial)
        let steps: [(String, Int, String)] = [
            ("Visits", t.visits, DecimalText.grouped(t.visits)),
            ("Contacts", t.contacts, DecimalText.grouped(t.contacts) + share(t.contacts)),
            ("Right-party contacts", t.rpc, DecimalText.grouped(t.rpc) + share(t.rpc)),
            ("Promises to pay", t.ptp, DecimalText.grouped(t.ptp) + share(t.ptp)),
            ("Promises kept", t.kept, DecimalText.grouped(t.kept)),
            ("Collected", collections, Self.money(t.collectedMinor)),
        ]
        let colours = [Palette.primary, Palette.primary, Palette.primary, Palette.accent, Palette.good, Palette.good]
        return Self.bars(steps.enumerated().map { i, s in (s.0, Double(s.1), s.2, colours[i]) }, maxLength: Double(max(t.visits, 1)))
            .svg(title: "Funnel: visits, contacts, right-party contacts, promises, kept, collected")
    }

    func outcomeBars(_ t: ReportFigures) -> String {
        let items = OutcomeCode.allCases.map { ($0.rawValue, Double(t.count(of: $0)), DecimalText.grouped(t.count(of: $0)), Palette.series[0]) }
        return Self.bars(items).svg(title: "Outcomes by code")
    }

    /// A bar per row (collected), the largest first; at most 40 rows, the rest counted.
    func rowBars(_ rows: [ReportRow]) -> String {
        let sorted = rows.sorted { ($0.figures.collectedMinor, $1.id) > ($1.figures.collectedMinor, $0.id) }
        let shown = sorted.prefix(40)
        let items = shown.map { row in
            let l = Self.label(row)
            return (l.name.isEmpty ? l.id : "\(l.name) (\(l.id))", Double(row.figures.collectedMinor),
                    "\(Self.money(row.figures.collectedMinor)) · \(row.figures.visits) v.",
                    row.id == ReportRow.unattributedID ? "#9aa4ae" : Palette.good)
        }
        var svg = Self.bars(items, width: 900).svg(title: "Collected by row")
        if sorted.count > shown.count { svg += "<p class=\"muted\">… and \(sorted.count - shown.count) more rows in the tables below.</p>" }
        return svg
    }

    /// Visits per day as columns, collected as a line on its own scale; the line stops at
    /// `through` (the report's day), since the days after it have no figures yet.
    func trend(_ days: [(date: CivilDate, figures: ReportFigures)], through: CivilDate) -> String {
        let width = 900.0, height = 220.0, left = 44.0, right = 70.0, top = 12.0, bottom = 28.0
        var c = SVGCanvas(width: width, height: height)
        let plotW = width - left - right, plotH = height - top - bottom
        let maxVisits = Double(max(days.map(\.figures.visits).max() ?? 0, 1))
        let maxMoney = Double(max(days.map(\.figures.collectedMinor).max() ?? 0, 1))
        for k in 0...4 {
            let y = top + plotH * Double(k) / 4
            c.line(x1: left, y1: y, x2: left + plotW, y2: y, stroke: Palette.grid)
            c.text(DecimalText.grouped(Int((maxVisits * Double(4 - k) / 4).rounded())), x: left - 4, y: y + 4, size: 9, anchor: .end, fill: Palette.muted)
            c.text(Money(minorUnits: Int64((maxMoney * Double(4 - k) / 4).rounded())).formatted.dropLastCents, x: left + plotW + 4, y: y + 4,
                   size: 9, fill: Palette.good)
        }
        let step = plotW / Double(days.count)
        var line: [(x: Double, y: Double)] = []
        let every = max(1, days.count / 12)
        for (i, d) in days.enumerated() {
            let x = left + step * Double(i)
            let h = plotH * Double(d.figures.visits) / maxVisits
            c.rect(x: x + step * 0.15, y: top + plotH - h, width: step * 0.7, height: h, fill: Palette.primary,
                   title: "\(d.date): \(d.figures.visits) visits, \(Self.money(d.figures.collectedMinor)) collected")
            if d.date <= through { line.append((x + step / 2, top + plotH - plotH * Double(d.figures.collectedMinor) / maxMoney)) }
            if i % every == 0 { c.text(String(d.date.description.suffix(5)), x: x + step / 2, y: height - 10, size: 9, anchor: .middle, fill: Palette.muted) }
        }
        c.polyline(line, stroke: Palette.good, width: 2.5)
        for p in line { c.circle(x: p.x, y: p.y, r: 2.5, fill: Palette.good) }
        return c.svg(title: "Daily trend of visits and collected")
    }
}

extension String {
    /// `1,234.00` as `1,234` on chart axes.
    var dropLastCents: String { hasSuffix(".00") ? String(dropLast(3)) : self }
}
