import FieldPlanCore
import FieldPlanReports

/// Writes a report as SPEC §7's JSON document and as CSV (one header row, one row per group
/// and the total, plain machine-readable numbers): the formats other systems read.
public enum ReportEncoder {
    public static func json(_ r: Report) -> String {
        var w = JSONWriter()
        w.string("report", r.kind.rawValue)
        w.string("from", r.from.description)
        w.string("to", r.to.description)
        w.string("by", r.grouping.rawValue)
        w.string("generated_at", r.generatedAt.text)
        w.raw("rows", "[" + r.rows.map { row in
            var o = JSONWriter()
            o.string("id", row.id)
            o.raw("name", row.name.map(JSONWriter.quoted) ?? "null")
            fields(row.figures, into: &o)
            return o.finish()
        }.joined(separator: ",") + "]")
        w.raw("total", figures(r.total))
        if r.kind == .monthly {
            w.raw("days", "[" + r.days.map { day in
                var o = JSONWriter()
                o.string("date", day.date.description)
                fields(day.figures, into: &o)
                return o.finish()
            }.joined(separator: ",") + "]")
            w.raw("previous", r.previous.map(figures) ?? "null")
            w.raw("dpd", "[" + r.dpd.map { b in
                var o = JSONWriter()
                o.string("bucket", b.label)
                o.int("accounts", b.accounts)
                o.raw("balance", Money(minorUnits: b.balanceMinor).decimalText)
                o.int("visits", b.visits)
                o.raw("collected", Money(minorUnits: b.collectedMinor).decimalText)
                return o.finish()
            }.joined(separator: ",") + "]")
            if let ranking = r.ranking {
                var o = JSONWriter()
                o.raw("collected", "[" + ranking.byCollected.map { e in
                    var x = JSONWriter()
                    x.int("rank", e.rank)
                    x.string("agent_id", e.agentID)
                    x.raw("name", e.name.map(JSONWriter.quoted) ?? "null")
                    x.raw("collected", Money(minorUnits: e.collectedMinor).decimalText)
                    return x.finish()
                }.joined(separator: ",") + "]")
                o.raw("kept_rate", "[" + ranking.byKeptRate.map { e in
                    var x = JSONWriter()
                    x.int("rank", e.rank)
                    x.string("agent_id", e.agentID)
                    x.raw("name", e.name.map(JSONWriter.quoted) ?? "null")
                    x.raw("kept_rate", rate(e.keptRate))
                    x.int("promises_due", e.promisesDue)
                    return x.finish()
                }.joined(separator: ",") + "]")
                o.int("minimum_promises_due", AgentRanking.minimumPromisesDue)
                w.raw("ranking", o.finish())
            }
        }
        return w.finish()
    }

    static func figures(_ f: ReportFigures) -> String {
        var o = JSONWriter()
        fields(f, into: &o)
        return o.finish()
    }

    static func fields(_ f: ReportFigures, into o: inout JSONWriter) {
        for field in ReportField.allCases { o.raw(field.rawValue, number(field.value(in: f), null: "null")) }
        var codes = JSONWriter()
        for code in OutcomeCode.allCases { codes.int(code.rawValue, f.count(of: code)) }
        o.raw("outcomes", codes.finish())
    }

    /// A value as a plain number (`null` or the CSV's empty cell when undefined).
    static func number(_ v: ReportField.Value, null: String) -> String {
        switch v {
        case .count(let n): String(n)
        case .money(let m): m.map { Money(minorUnits: $0).decimalText } ?? null
        case .rate(let r): r.map(rate) ?? null
        case .metres(let m): JSONWriter.number(Double(m) / 1000)
        }
    }

    static func rate(_ r: Double?) -> String {
        guard let r else { return "null" }
        let scale = 10_000.0
        return JSONWriter.number((r * scale).rounded() / scale)
    }

    static func rate(_ r: Double) -> String { rate(Optional(r)) }

    /// CSV: `id,name,<fields>,outcome_<CODE>…`; the total is the last row, id `total`.
    public static func csv(_ r: Report) -> String {
        var lines: [String] = []
        let header = ["id", "name"] + ReportField.allCases.map(\.rawValue) + OutcomeCode.allCases.map { "outcome_" + $0.rawValue }
        lines.append(header.joined(separator: ","))
        func line(_ id: String, _ name: String?, _ f: ReportFigures) -> String {
            ([cell(id), cell(name ?? "")] + ReportField.allCases.map { number($0.value(in: f), null: "") }
                + OutcomeCode.allCases.map { String(f.count(of: $0)) }).joined(separator: ",")
        }
        for row in r.rows { lines.append(line(row.id, row.name, row.figures)) }
        lines.append(line("total", nil, r.total))
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting.
    static func cell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
