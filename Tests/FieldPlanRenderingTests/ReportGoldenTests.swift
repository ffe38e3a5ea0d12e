import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanReports
import Testing

/// The report's text, CSV and JSON for a small fixed agency, byte for byte, and the figures
/// behind them checked by hand against SPEC §7.
@Suite struct ReportGoldenTests {
    let renderer = ReportRenderer(agencyName: "Collections Agency", currency: "KES", timeZone: "Africa/Nairobi")

    @Test func text() throws { try GoldenFile.check(renderer.text(SampleReport.report()), against: "report-daily.txt") }
    @Test func csv() throws { try GoldenFile.check(ReportEncoder.csv(SampleReport.report()), against: "report-daily.csv") }
    @Test func json() throws { try GoldenFile.check(ReportEncoder.json(SampleReport.report()) + "\n", against: "report-daily.json") }
    @Test func textByZone() throws { try GoldenFile.check(renderer.text(SampleReport.report(by: .zone)), against: "report-daily-zone.txt") }

    @Test func theFiguresAreTheHandCountedOnes() {
        let r = SampleReport.report()
        let t = r.total
        #expect(t.planned == 5 && t.visits == 4 && t.notVisited == 1)
        #expect(t.plannedVisited == 3 && t.noReport == 1 && t.unplannedVisits == 1)   // A5 planned, never reported; A6 unplanned
        #expect(t.contacts == 3 && t.rpc == 2 && t.ptp == 1 && t.ptpMinor == 1_500_000)
        // A2's posted RC-1001 is its field collection: counted once, at the visit, for AG01.
        #expect(t.collectedMinor == 250_000 + 300_000 + 100_000)
        let byID = Dictionary(uniqueKeysWithValues: r.rows.map { ($0.id, $0.figures) })
        #expect(byID["AG01"]!.collectedMinor == 250_000)
        #expect(byID["AG02"]!.collectedMinor == 300_000)            // earned by the PTP visit of 20 November
        #expect(byID["unattributed"]!.collectedMinor == 100_000)    // A6 had only a third-party contact
        #expect(t.kept == 1 && t.partial == 1 && t.broken == 1 && t.pending == 0)   // the pending one broke by now
        #expect(t.keptRate == 1.0 / 3.0)
        #expect(t.keptAmountRate == Double(200_000 + 300_000 + 0) / Double(200_000 + 400_000 + 500_000))
        #expect(t.kmPlannedMetres == 18_400 + 22_750)
        #expect(t.completion == 3.0 / 5.0)
        #expect(t.collectedPerVisitMinor == 162_500)
    }

    @Test func tablesFitA120ColumnTerminal() {
        for by in ReportGrouping.allCases {
            for line in renderer.text(SampleReport.report(by: by)).split(separator: "\n") { #expect(line.count <= 120, "\(line)") }
        }
    }

    @Test func theHTMLPageIsSelfContained() {
        let page = renderer.html(SampleReport.report())
        #expect(page.contains("<svg") && page.contains("Funnel") && page.contains("Outcome codes"))
        for outside in ["<script", "http://", "https://", "<link", "@import", "url("] where outside != "http://" {
            #expect(!page.contains(outside), "\(outside)")
        }
        // The only address is the SVG namespace, which loads nothing.
        #expect(page.components(separatedBy: "http://").count - 1 == page.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
    }
}
