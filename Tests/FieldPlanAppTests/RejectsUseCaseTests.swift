import FieldPlanApp
import FieldPlanCore
import FieldPlanStore
import Testing

/// `FieldPlanApp+Rejects`: the rejected lines with the agency's clock, and clearing them
/// before an instant or a local date.
struct RejectsUseCaseTests {
    @Test func rejectedLinesAreListedAndClearedBeforeADaysStartInTheAgencysZone() throws {
        var f = try AppFixture()
        _ = try f.app.importRecords([f.input([#"{"kind":"account","id":"A9","client":"C","debtor_name":"Nine","balance":"lots"}"#], name: "bad.ndjson")])
        let listing = try f.app.rejections()
        #expect(listing.items.map(\.source) == ["bad.ndjson"] && listing.items.map(\.line) == [1])
        let line = listing.items[0].json(listing.clock)
        #expect(line.hasPrefix(#"{"kind":"reject","source":"bad.ndjson","line":1,"field":"balance""#) && line.contains("\"state\":\"open\""))
        // A date is its midnight in Nairobi; nothing was rejected before 2000.
        let none = try f.app.clearRejections(before: "2000-01-01")
        #expect(none.count == 0 && none.before == "2000-01-01T00:00:00+03:00")
        #expect(try f.app.clearRejections(before: "2999-01-01T00:00:00Z").count == 1)
        #expect(try f.app.rejections(includeResolved: true).items.isEmpty)
        #expect(appError { _ = try f.app.clearRejections(before: "yesterday") }
                == .invalid("before: expected an instant like 2026-11-01T00:00:00+03:00 or a date YYYY-MM-DD, got \"yesterday\""))
    }
}
