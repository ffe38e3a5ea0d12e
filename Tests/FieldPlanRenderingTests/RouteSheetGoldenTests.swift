import FieldPlanRendering
import Testing

/// The fixed sample sheet in each format, byte for byte.
@Suite struct RouteSheetGoldenTests {
    @Test func html() throws {
        try GoldenFile.check(RouteSheetRenderer.html(SampleRouteSheet.sheet), against: "route-sheet.html")
    }

    @Test func text() throws {
        try GoldenFile.check(RouteSheetRenderer.text(SampleRouteSheet.sheet), against: "route-sheet.txt")
    }

    @Test func csv() throws {
        try GoldenFile.check(RouteSheetRenderer.csv(SampleRouteSheet.sheet), against: "route-sheet.csv")
    }

    @Test func deterministic() {
        let sheet = SampleRouteSheet.sheet
        #expect(RouteSheetRenderer.html(sheet) == RouteSheetRenderer.html(sheet))
        #expect(RouteSheetRenderer.text(sheet) == RouteSheetRenderer.text(sheet))
        #expect(RouteSheetRenderer.csv(sheet) == RouteSheetRenderer.csv(sheet))
    }
}
