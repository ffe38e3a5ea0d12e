import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Testing

struct ExportTests {
    let folder = TempFolder()

    func export(_ store: FieldPlanStore, kinds: [RecordKind] = RecordKind.importable, since: Int64? = nil) throws -> [String] {
        var lines: [String] = []
        try store.export(kinds: kinds, since: since) { lines.append($0) }
        return lines
    }

    /// export → import into an empty store → export gives the same bytes, on data we did
    /// not write by hand (the seeded sample, every kind present).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func roundTripIsByteForByte(seed: UInt64) throws {
        var options = SampleAgency.Options()
        options.accounts = 400
        options.seed = seed
        let sample = SampleAgency(options: options)
        var lines: [String] = sample.agents().map(RecordEncoder.agent)
        lines.append(#"{"kind":"zone","id":"Z1","name":"Kibera","agent_id":"AG01"}"#)
        var firstID = ""
        sample.forEachAccount { a in
            if firstID.isEmpty { firstID = a.id }
            lines.append(RecordEncoder.account(a))
        }
        lines += sample.appointments().map(RecordEncoder.appointment)
        // Facts are exported from their columns (v5), so every field is here at least once.
        var partial = Outcome(id: "9f00", accountID: firstID, agentID: "AG02", visitedAt: Instant("2026-11-22T09:30:15.250Z")!, code: .partial)
        partial.contact = .debtor
        partial.collected = Outcome.Collection(amount: Money(minorUnits: 123_45), receipt: #"R-1 "ü""#)
        partial.location = Outcome.ReportedLocation(coordinate: Coordinate(lat: -1.283_333_3, lon: 36.816_666_7)!, accuracyMetres: 12.5)
        partial.notes = "gate is blue; ask for Mama Wanjiku\nsecond line"
        var callback = Outcome(id: "9f01", accountID: firstID, agentID: "AG01", visitedAt: Instant("2026-11-23T16:05:00+03:00")!, code: .callback)
        callback.contact = .thirdParty
        callback.nextVisit = Outcome.NextVisit(date: CivilDate("2026-11-25")!, window: TimeWindow(from: LocalTime("14:00")!, to: LocalTime("15:30")!))
        let bare = Payment(id: "PAY2", accountID: firstID, amount: Money(minorUnits: 5), paidAt: Instant("2026-11-24T08:00:00-01:30")!)
        let facts = [
            #"{"kind":"outcome","id":"8d6c","account_id":"\#(firstID)","agent_id":"AG01","visited_at":"2026-11-20T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":1500.5,"date":"2026-11-27"}}"#,
            RecordEncoder.outcome(partial), RecordEncoder.outcome(callback),
            #"{"kind":"payment","id":"PAY1","account_id":"\#(firstID)","amount":700,"paid_at":"2026-11-21T11:00:00+03:00","reference":"QX12","channel":"mpesa"}"#,
            RecordEncoder.payment(bare),
        ]
        lines += facts
        let source = folder.write("in.ndjson", lines.joined(separator: "\n"))
        let first = try FieldPlanStore()
        let loaded = try first.importRecords([ImportInput(path: source)])
        #expect(loaded.total.rejected == 0)
        let exported = try export(first)
        // One line more: the call-back's appointment.
        #expect(exported.count == lines.count + 1 && exported.contains { $0.contains(#""id":"callback-9f01""#) })
        #expect(exported.filter { $0.hasPrefix(#"{"kind":"outcome""#) || $0.hasPrefix(#"{"kind":"payment""#) } == facts.sorted {
            ($0.hasPrefix(#"{"kind":"payment""#) ? 1 : 0, $0) < ($1.hasPrefix(#"{"kind":"payment""#) ? 1 : 0, $1)
        })
        let path = folder.write("export.ndjson", exported.joined(separator: "\n") + "\n")
        let second = try FieldPlanStore()
        let summary = try second.importRecords([ImportInput(path: path)])
        #expect(summary.total.rejected == 0)
        #expect(try export(second) == exported)
    }

    @Test func kindsAndSinceFilter() throws {
        let store = try FieldPlanStore()
        let path = folder.write("in.ndjson", [ImportTests.agent, ImportTests.account("A1")].joined(separator: "\n"))
        _ = try store.importRecords([ImportInput(path: path)], now: 1000)
        #expect(try export(store, kinds: [.agent]).count == 1)
        #expect(try export(store, since: 999).count == 2)
        #expect(try export(store, since: 1001).isEmpty)
    }
}
