import FieldPlanCore
import FieldPlanReports

extension ReportRenderer {
    /// The terminal report: a title line, then one table of the day's work, one of promises
    /// and money (each row: id, name, figures; the total last), the outcome codes, and for
    /// the monthly report the days, the previous month, the DPD buckets and the ranking.
    public func text(_ r: Report) -> String {
        var out = "\(agencyName) · \(title(r)) · by \(groupTitle(r)) · generated \(r.generatedAt.text.prefix(16).replacingT) (\(timeZone))\n"
        out += "amounts in \(currency); rates n/a where their denominator is zero\n"
        func table(_ heading: String, _ fields: [ReportField]) -> String {
            var t = TextTable([r.grouping.rawValue, "name"] + fields.map(\.title))
            for row in r.rows {
                let l = Self.label(row)
                t.add([l.id, l.name] + fields.map { Self.text($0.value(in: row.figures)) })
            }
            t.add(["total", ""] + fields.map { Self.text($0.value(in: r.total)) })
            return "\n\(heading)\n" + t.render() + "\n"
        }
        out += table("Visits", Self.visitFields)
        out += table("Promises", Self.promiseFields)
        out += table("Money and travel", Self.moneyFields)
        out += "\n" + Self.wrap("Outcomes (total): ", OutcomeCode.allCases.map { "\($0.rawValue) \(r.total.count(of: $0))" }, width: 120)
        if r.kind == .monthly {
            var days = TextTable(["date", "day", "planned", "visits", "done%", "contacts", "RPC", "PTP", "PTP amount", "kept", "collected", "km planned"])
            for d in r.days {
                let f = d.figures
                days.add([d.date.description, d.date.weekday.rawValue, DecimalText.grouped(f.planned), DecimalText.grouped(f.visits),
                          Self.text(.rate(f.completion)), DecimalText.grouped(f.contacts), DecimalText.grouped(f.rpc), DecimalText.grouped(f.ptp),
                          Self.money(f.ptpMinor), DecimalText.grouped(f.kept), Self.money(f.collectedMinor), Self.text(.metres(f.kmPlannedMetres))])
            }
            out += "\nDays\n" + days.render() + "\n"
            if let previous = r.previous {
                var t = TextTable(["figure", "this month", "previous", "change"])
                for field in Self.comparedFields {
                    t.add([field.rawValue, Self.text(field.value(in: r.total)), Self.text(field.value(in: previous)),
                           Self.change(field.value(in: r.total), field.value(in: previous))])
                }
                out += "\nCompared with the previous month\n" + t.render() + "\n"
            }
            var dpd = TextTable(["days past due", "accounts", "balance", "visits", "collected"])
            for b in r.dpd {
                dpd.add([b.label, DecimalText.grouped(b.accounts), Self.money(b.balanceMinor), DecimalText.grouped(b.visits), Self.money(b.collectedMinor)])
            }
            out += "\nPortfolio by days past due (accounts not paid or closed, as of now)\n" + dpd.render() + "\n"
            if let ranking = r.ranking {
                var byMoney = TextTable(["rank", "agent", "name", "collected"])
                for e in ranking.byCollected { byMoney.add([String(e.rank), e.agentID, e.name ?? "", Self.money(e.collectedMinor)]) }
                out += "\nRanking by collected\n" + byMoney.render() + "\n"
                var byRate = TextTable(["rank", "agent", "name", "kept%", "promises due"])
                for e in ranking.byKeptRate {
                    byRate.add([String(e.rank), e.agentID, e.name ?? "", Self.text(.rate(e.keptRate)), String(e.promisesDue)])
                }
                out += "\nRanking by kept rate (at least \(AgentRanking.minimumPromisesDue) promises due)\n"
                out += (ranking.byKeptRate.isEmpty ? "no agent had \(AgentRanking.minimumPromisesDue) promises due" : byRate.render()) + "\n"
            }
        }
        return out
    }

    /// Items after a lead, separated by " · ", broken into lines of at most `width` columns.
    static func wrap(_ lead: String, _ items: [String], width: Int) -> String {
        var lines: [String] = []
        var line = lead
        for (i, item) in items.enumerated() {
            let piece = (i == 0 ? "" : " · ") + item
            if line.count + piece.count + 2 > width && line.count > lead.count {
                lines.append(line + " ·")
                line = String(repeating: " ", count: lead.count) + item
            } else {
                line += piece
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The difference of two values as people read it: `+12`, `-3.5 pts`, `+1,200.00`.
    static func change(_ now: ReportField.Value, _ before: ReportField.Value) -> String {
        func signed(_ s: String, _ positive: Bool) -> String { positive ? "+" + s : s }
        switch (now, before) {
        case let (.count(a), .count(b)): return signed(DecimalText.grouped(a - b), a >= b)
        case let (.money(a?), .money(b?)): return signed(Money(minorUnits: a - b).formatted, a >= b)
        case let (.rate(a?), .rate(b?)): return signed(DecimalText.fixed((a - b) * 100, 1), a >= b) + " pts"
        case let (.metres(a), .metres(b)): return signed(DecimalText.fixed(Double(a - b) / 1000, 1), a >= b)
        default: return "n/a"
        }
    }
}

extension Substring {
    /// `2026-12-01T18:05` as `2026-12-01 18:05`.
    var replacingT: String { String(self.map { $0 == "T" ? " " : $0 }) }
}
