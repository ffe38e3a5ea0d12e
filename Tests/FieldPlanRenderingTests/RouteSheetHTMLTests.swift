import FieldPlanCore
import FieldPlanRendering
import Testing

@Suite struct RouteSheetHTMLTests {
    static let seeds: [UInt64] = Array(1...40)

    /// The part of the page after the map: the stop table.
    private func table(_ html: String) -> Substring {
        html[html.range(of: "<table class=\"stops\">")!.lowerBound...]
    }

    @Test func stopsAppearInVisitingOrder() {
        let sheet = SampleRouteSheet.sheet
        let rows = table(RouteSheetRenderer.html(sheet))
        var cursor = rows.startIndex
        for stop in sheet.stops {
            let needle = stop.isBreak ? "<tr class=\"break\">" : "data-stop=\"\(stop.number!)\"><td class=\"no\">\(stop.number!)</td>"
            let found = rows.range(of: needle, range: cursor..<rows.endIndex)
            #expect(found != nil, "stop \(stop.number.map(String.init) ?? "break") missing or out of order")
            if let found { cursor = found.upperBound }
            if let id = stop.accountID { #expect(rows.range(of: id, range: cursor..<rows.endIndex) != nil) }
        }
    }

    /// The reason cell wraps between words only (`broken` / `promise`), never inside one
    /// (`appointm` / `ent`): the table's `overflow-wrap: anywhere` is undone for that column.
    @Test func reasonColumnDoesNotBreakWords() {
        let html = RouteSheetRenderer.html(SampleRouteSheet.sheet)
        let rule = html.split(separator: "\n").first { $0.contains("td.reason") }
        #expect(rule?.contains("overflow-wrap: normal") == true && rule?.contains("word-break: keep-all") == true, "\(rule ?? "no td.reason rule")")
        #expect(table(html).contains("<td class=\"reason\">promise due</td>"))
    }

    @Test func dataIsEscaped() {
        let html = RouteSheetRenderer.html(SampleRouteSheet.sheet)
        #expect(!html.contains(SampleRouteSheet.trickyName))
        #expect(html.contains("Otieno &quot;Baba O&quot; &lt;O&#39;Brien &amp; Sons&gt;"))
        #expect(html.contains("Harambee Recoveries &amp; Co. Ltd"))
        #expect(!html.contains("<O'Brien"))
    }

    @Test(arguments: seeds) func noMarkupFromData(seed: UInt64) {
        let html = RouteSheetRenderer.html(SampleRouteSheet.random(seed: seed))
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert(1)</"))
        // Every `<` opens one of our own tags, a closing tag or the doctype.
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            let next = rest[rest.index(after: lt)...].first
            #expect(next.map { $0.isLetter || $0 == "/" || $0 == "!" } ?? false, "raw < in output")
            rest = rest[rest.index(after: lt)...]
        }
    }

    @Test func oneNumberedMarkerPerVisit() {
        let sheet = SampleRouteSheet.sheet
        let html = RouteSheetRenderer.html(sheet)
        let visits = sheet.stops.filter { !$0.isBreak }
        #expect(html.components(separatedBy: "class=\"stop-marker\"").count - 1 == visits.count)
        var cursor = html.startIndex
        for v in visits {
            let marker = html.range(of: "<g class=\"stop-marker\" data-stop=\"\(v.number!)\">", range: cursor..<html.endIndex)
            #expect(marker != nil, "marker \(v.number!) missing or out of order")
            if let marker { cursor = marker.upperBound }
        }
        #expect(html.components(separatedBy: "class=\"base-marker\"").count - 1 == 1)
        #expect(html.contains("class=\"scale-bar\""))
        #expect(html.contains("class=\"route-line\""))
    }

    @Test(arguments: seeds) func markersOnlyForLocatedVisits(seed: UInt64) {
        let sheet = SampleRouteSheet.random(seed: seed)
        let html = RouteSheetRenderer.html(sheet)
        let located = sheet.stops.filter { !$0.isBreak && $0.location != nil }.count
        #expect(html.components(separatedBy: "class=\"stop-marker\"").count - 1 == located)
        #expect(html.components(separatedBy: "<tr class=\"visit\"").count - 1 == sheet.stops.filter { !$0.isBreak }.count)
    }

    @Test func routeLineGoesBaseStopsBase() throws {
        let html = RouteSheetRenderer.html(SampleRouteSheet.sheet)
        let start = try #require(html.range(of: "class=\"route-line\""))
        let attr = try #require(html.range(of: "points=\"", range: start.upperBound..<html.endIndex))
        let end = try #require(html.range(of: "\"", range: attr.upperBound..<html.endIndex))
        let points = html[attr.upperBound..<end.lowerBound].split(separator: " ")
        // Base, seven visits (the break has no place), base.
        #expect(points.count == 9)
        #expect(points.first == points.last)
    }

    @Test func printableAndSelfContained() {
        let html = RouteSheetRenderer.html(SampleRouteSheet.sheet)
        #expect(html.contains("@page { size: A4 landscape"))
        #expect(html.contains("table-layout: fixed"))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("page-break-inside: avoid"))
        for external in ["<script", "<link", "@import", "url(", "src=", "https://"] {
            #expect(!html.contains(external), "\(external) in a self-contained page")
        }
        #expect(html.components(separatedBy: "http://").count - 1 == 1)  // the SVG namespace only
    }

    @Test func headerLegendUnplannedAndConfidentiality() {
        let sheet = SampleRouteSheet.sheet
        let html = RouteSheetRenderer.html(sheet)
        for expected in ["Tuesday 2026-12-01", "AG07", "Z03 Kilimani, Z04 Kibera", "08:00", "14:41", "12.4 km", "97 min",
                         "plan version 4", "<th>Visits</th><td>7</td>", "Balance (KES)", "1,250,000.00", "48,250.50",
                         "+2547•••••321", "Outcome code", "Amount collected (KES)", "Break 12:30–13:00 (30 min)",
                         "KCB-102204", "Samuel Kiprono"] {
            #expect(html.contains(expected), "missing \(expected)")
        }
        for code in OutcomeCode.allCases {
            #expect(html.contains("<dt>\(code.rawValue)</dt><dd>\(HTML.escape(code.legend))</dd>"))
        }
        #expect(html.contains(HTML.escape(RouteSheetRenderer.confidentialityLine(sheet))))
    }

    @Test func noUnplannedSectionWhenAllFit() {
        var sheet = SampleRouteSheet.sheet
        sheet.unplanned = []
        #expect(!RouteSheetRenderer.html(sheet).contains("not planned"))
    }

    @Test func emptyRouteStillRenders() {
        var sheet = SampleRouteSheet.sheet
        sheet.stops = []
        let html = RouteSheetRenderer.html(sheet)
        #expect(html.contains("</html>"))
        #expect(!html.contains("class=\"stop-marker\""))
        #expect(!html.contains("nan") && !html.contains("=\"inf") && !html.contains(",inf"))
    }
}
