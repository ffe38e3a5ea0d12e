import FieldPlanCore
import FieldPlanRendering
import Testing

@Suite struct RouteSheetCSVTests {
    static let seeds: [UInt64] = Array(1...40)

    /// A strict RFC 4180 reader after the UTF-8 byte order mark: records end with CRLF,
    /// quoted fields may hold anything.
    static func parse(_ csv: String) -> [[String]] {
        #expect(csv.unicodeScalars.first == "\u{FEFF}", "a CSV sheet starts with the byte order mark")
        let csv = String(csv.unicodeScalars.drop { $0 == "\u{FEFF}" })
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(csv.unicodeScalars)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                quoted = true
            } else if ch == "," {
                record.append(field); field = ""
            } else if ch == "\r" && chars.first == "\n" {
                chars.removeFirst()
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(ch)
            }
        }
        #expect(field.isEmpty && record.isEmpty, "the last record must end with CRLF")
        return records
    }

    @Test(arguments: [0] + seeds) func parsesBackToOneRowPerStop(seed: UInt64) {
        let sheet = seed == 0 ? SampleRouteSheet.sheet : SampleRouteSheet.random(seed: seed)
        let records = Self.parse(RouteSheetRenderer.csv(sheet))
        #expect(records.count == sheet.stops.count + 1)
        #expect(records.first == RouteSheetRenderer.csvColumns)
        for r in records { #expect(r.count == RouteSheetRenderer.csvColumns.count) }
        let column = Dictionary(uniqueKeysWithValues: RouteSheetRenderer.csvColumns.enumerated().map { ($1, $0) })
        for (stop, row) in zip(sheet.stops, records.dropFirst()) {
            #expect(row[column["seq"]!] == (stop.number.map(String.init) ?? ""))
            #expect(row[column["kind"]!] == (stop.isBreak ? "break" : "visit"))
            #expect(row[column["account_id"]!] == (stop.accountID ?? ""))
            #expect(row[column["eta"]!] == stop.eta.description)
            let name = stop.debtorName ?? ""
            let defused = "=+-@".contains(name.first ?? " ") ? "'" + name : name
            #expect(row[column["debtor_name"]!] == defused)
            for blank in ["outcome_code", "amount_collected", "notes_after_visit"] { #expect(row[column[blank]!] == "") }
        }
    }

    /// Spreadsheet programs read the file as UTF-8 only when it starts with EF BB BF.
    @Test func startsWithAUTF8ByteOrderMark() {
        let bytes = Array(RouteSheetRenderer.csv(SampleRouteSheet.sheet).utf8.prefix(6))
        #expect(bytes == [0xEF, 0xBB, 0xBF, UInt8(ascii: "s"), UInt8(ascii: "e"), UInt8(ascii: "q")])
    }

    @Test func sampleValues() {
        let records = Self.parse(RouteSheetRenderer.csv(SampleRouteSheet.sheet))
        let column = Dictionary(uniqueKeysWithValues: RouteSheetRenderer.csvColumns.enumerated().map { ($1, $0) })
        let second = records[2]
        #expect(second[column["debtor_name"]!] == SampleRouteSheet.trickyName)
        #expect(second[column["balance"]!] == "1250000.00")
        #expect(second[column["currency"]!] == "KES")
        #expect(second[column["phone"]!] == "+2547•••••321")
        #expect(second[column["notes"]!] == "Gate code 4471, ask for \"Mama Njeri\"\nDog in the compound")
        #expect(second[column["leg_km"]!] == "1.1")
        #expect(second[column["lat"]!] == "-1.289700")
        let breakRow = records[5]
        #expect(breakRow[column["kind"]!] == "break" && breakRow[column["seq"]!] == "" && breakRow[column["reason"]!] == "break")
    }

    @Test func formulasAreDefused() {
        #expect(RouteSheetRenderer.csv(Self.sheet(notes: "=HYPERLINK(\"http://x\")")).contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(RouteSheetRenderer.csv(Self.sheet(notes: "@SUM(A1)")).contains(",'@SUM(A1),"))
        #expect(RouteSheetRenderer.csv(Self.sheet(notes: "-2+3+cmd|' /C calc'!A0")).contains(",'-2+3+cmd|' /C calc'!A0,"))
        #expect(RouteSheetRenderer.csv(Self.sheet(notes: "+254 712 345 321")).contains(",+254 712 345 321,"))
    }

    private static func sheet(notes: String) -> RouteSheet {
        var sheet = SampleRouteSheet.sheet
        sheet.stops[0].notes = notes
        return sheet
    }
}
