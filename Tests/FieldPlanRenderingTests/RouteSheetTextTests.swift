import FieldPlanCore
import FieldPlanRendering
import Testing

@Suite struct RouteSheetTextTests {
    static let seeds: [UInt64] = Array(1...40)

    /// Terminal columns, counted independently of the renderer: CJK ideographs, kana and
    /// Hangul (the wide characters the random sheets use) take two.
    static func width(_ line: Substring) -> Int {
        line.reduce(0) { sum, ch in
            let v = ch.unicodeScalars.first!.value
            let wide = (0x3040...0x30FF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    @Test func linesFitTheTerminal() {
        for line in RouteSheetRenderer.text(SampleRouteSheet.sheet).split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(Self.width(line) <= RouteSheetRenderer.textWidth, "too long: \(line)")
        }
    }

    @Test(arguments: seeds) func randomSheetsFitTheTerminal(seed: UInt64) {
        let text = RouteSheetRenderer.text(SampleRouteSheet.random(seed: seed))
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(Self.width(line) <= RouteSheetRenderer.textWidth, "too long: \(line)")
            #expect(!line.hasSuffix(" "))
        }
    }

    @Test(arguments: [0] + seeds) func stopsAppearInVisitingOrder(seed: UInt64) {
        let sheet = seed == 0 ? SampleRouteSheet.sheet : SampleRouteSheet.random(seed: seed)
        let text = RouteSheetRenderer.text(sheet)
        var cursor = text.range(of: "Reason\n")!.upperBound
        for stop in sheet.stops {
            let needle = stop.isBreak ? "-- BREAK" : " \(stop.accountID!) "
            let found = text.range(of: needle, range: cursor..<text.endIndex)
            #expect(found != nil, "\(needle) missing or out of order")
            if let found { cursor = found.upperBound }
        }
    }

    @Test func showsEverythingTheAgentNeeds() {
        let sheet = SampleRouteSheet.sheet
        let text = RouteSheetRenderer.text(sheet)
        // Wrapping may break a value across lines; compare with whitespace collapsed.
        let flat = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for expected in ["Tuesday 2026-12-01", "Grace Achieng' (AG07)", "Z03 Kilimani, Z04 Kibera", "12.4 km, 97 min",
                         "1,250,000.00", "+2547•••••321", SampleRouteSheet.trickyName, "broken promise",
                         "KCB-102204", "Samuel Kiprono", "Bal. KES", "Gate code 4471, ask for \"Mama Njeri\" Dog in the compound",
                         "-- BREAK until 13:00 (30 min) --",
                         "Plot 221, Ngong Road, opposite the Nakumatt Junction petrol station, 2nd gate on the left"] {
            #expect(flat.contains(expected), "missing \(expected)")
        }
        for code in OutcomeCode.allCases {
            #expect(flat.contains("\(code.rawValue) \(code.legend)"))
        }
        let confidential = RouteSheetRenderer.confidentialityLine(sheet).split(separator: " ").joined(separator: " ")
        #expect(flat.contains(confidential))
    }

    @Test func columnsAreAligned() throws {
        let lines = RouteSheetRenderer.text(SampleRouteSheet.sheet).split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("No  ETA") })
        let etaColumn = try #require(header.range(of: "ETA")).lowerBound.utf16Offset(in: header)
        let rows = lines.filter { $0.count > 12 && $0.prefix(2).last?.isNumber == true && $0.dropFirst(2).hasPrefix("  ") }
        #expect(rows.count == 7)
        for row in rows {
            let at = row.index(row.startIndex, offsetBy: etaColumn)
            #expect(LocalTime(row[at..<row.index(at, offsetBy: 5)]) != nil, "ETA not aligned: \(row)")
        }
    }
}
