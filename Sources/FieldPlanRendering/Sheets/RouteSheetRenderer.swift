import FieldPlanCore

/// Lays a `RouteSheet` out as a printable HTML page (`html`), a terminal listing (`text`) or
/// a spreadsheet (`csv`).
///
/// Pure and deterministic: the same sheet gives the same bytes, so the output can be
/// compared with golden files, and nothing is fetched (no fonts, scripts or map tiles), so a
/// printed or saved sheet works offline. The renderers show only what is in the view model;
/// masking (phones, the national id) is decided before the sheet is built.
public enum RouteSheetRenderer {
    /// Printed at the foot of every format: the sheet carries debtors' personal data.
    public static func confidentialityLine(_ sheet: RouteSheet) -> String {
        "Confidential: debtor information for the visits of \(sheet.agentName) (\(sheet.agentID)) on \(sheet.date) only. "
            + "Do not copy, share, photograph or leave this sheet unattended; return it to the office "
            + "or destroy it securely at the end of the day."
    }

    /// `Monday 2026-11-30`: the weekday helps an agent holding several printouts.
    static func dateLine(_ date: CivilDate) -> String {
        let names: [Weekday: String] = [.mon: "Monday", .tue: "Tuesday", .wed: "Wednesday", .thu: "Thursday",
                                        .fri: "Friday", .sat: "Saturday", .sun: "Sunday"]
        return "\(names[date.weekday]!) \(date)"
    }

    /// The visits only (the break has no number).
    static func visitCount(_ sheet: RouteSheet) -> Int {
        sheet.stops.count { !$0.isBreak }
    }

    /// `08:00–12:00`, `from 08:00`, `until 12:00` or empty.
    static func window(_ stop: RouteSheet.Stop, dash: String = "–") -> String {
        switch (stop.windowFrom, stop.windowTo) {
        case let (f?, t?): "\(f)\(dash)\(t)"
        case let (f?, nil): "from \(f)"
        case let (nil, t?): "until \(t)"
        case (nil, nil): ""
        }
    }

    /// `promise_due` → `promise due`, so narrow columns can wrap it between words.
    static func reasonText(_ reason: String) -> String {
        String(reason.map { $0 == "_" ? " " : $0 })
    }

    /// `KES 12,500.00`.
    static func money(_ m: Money?, _ currency: String) -> String {
        guard let m else { return "" }
        return "\(currency) \(m.formatted)"
    }

    /// Minutes between departure and arrival of a break row.
    static func breakMinutes(_ stop: RouteSheet.Stop) -> Int { max(0, stop.etd.minutes - stop.eta.minutes) }

    /// `travelMinutes` as `2 h 15 min`, easier to read than `135 min` on a sheet.
    static func duration(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static func km(_ value: Double) -> String { DecimalText.fixed(value, 1) }

    /// The outcome codes and their meaning, in the order agents learn them.
    static var legend: [(code: String, meaning: String)] {
        OutcomeCode.allCases.map { ($0.rawValue, $0.legend) }
    }
}
