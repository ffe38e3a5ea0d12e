import FieldPlanCore

extension RouteSheetRenderer {
    /// The CSV columns, in order. The last three are left empty for the office to fill in
    /// from the returned paper sheet.
    public static let csvColumns = [
        "seq", "kind", "eta", "etd", "window_from", "window_to", "reason", "account_id", "debtor_name", "client",
        "address", "phone", "currency", "balance", "days_past_due", "last_outcome", "promise_due", "notes",
        "leg_km", "lat", "lon", "outcome_code", "amount_collected", "notes_after_visit",
    ]

    /// The stops for a spreadsheet: one header row (`csvColumns`), then one row per stop in
    /// visiting order, the break included (`kind` `break`, no `seq`).
    ///
    /// The text starts with a UTF-8 byte order mark (U+FEFF): without it spreadsheet programs
    /// open the file in a legacy code page and garble names such as `Njoroge Wa Kĩmani`.
    ///
    /// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled, and every
    /// record ends with CRLF (the last one too). `balance` is `Money.formatted` without the
    /// thousands separators (`12500.00`) so spreadsheets read it as a number; the currency is
    /// its own column. A text field that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, except plain numbers and phone numbers
    /// (`+2547•••••321`), so a debtor's name or note can never execute in the office.
    /// - Complexity: O(total text length).
    public static func csv(_ sheet: RouteSheet) -> String {
        var out = byteOrderMark + csvColumns.joined(separator: ",") + "\r\n"
        for s in sheet.stops {
            let fields: [String] = [
                s.isBreak ? "" : (s.number.map(String.init) ?? ""),
                s.isBreak ? "break" : "visit",
                "\(s.eta)", "\(s.etd)",
                s.windowFrom.map { "\($0)" } ?? "", s.windowTo.map { "\($0)" } ?? "",
                s.reason, s.accountID ?? "", s.debtorName ?? "", s.client ?? "", s.address ?? "", s.phone ?? "",
                s.balance == nil ? "" : sheet.currency,
                s.balance.map { String($0.formatted.filter { $0 != "," }) } ?? "",
                s.daysPastDue.map(String.init) ?? "",
                s.lastOutcome ?? "", s.promiseDue ?? "", s.notes ?? "",
                km(s.legKm),
                s.location.map { DecimalText.fixed($0.lat, 6) } ?? "", s.location.map { DecimalText.fixed($0.lon, 6) } ?? "",
                "", "", "",
            ]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// U+FEFF, which UTF-8 writes as EF BB BF.
    public static let byteOrderMark = "\u{FEFF}"

    /// One field, defused against formula injection and quoted when RFC 4180 requires it.
    static func csvField(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !looksNumeric(value) {
            value = "'" + value
        }
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return value }
        var quoted = "\""
        for ch in value { quoted += ch == "\"" ? "\"\"" : String(ch) }
        return quoted + "\""
    }

    /// A signed number or a phone number (digits, spaces, dots, dashes and masking bullets):
    /// safe to leave as it is because it contains no letters or formula syntax.
    private static func looksNumeric(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "+" || scalars[0] == "-" else { return false }
        guard ("0"..."9").contains(scalars[1]) else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || " .-•*".unicodeScalars.contains($0) }
    }
}
