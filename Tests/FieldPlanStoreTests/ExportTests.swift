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
        lines.append(#"{"kind":"outcome","id":"8d6c","account_id":"\#(firstID)","agent_id":"AG01","visited_at":"2026-11-20T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":1500.5,"date":"2026-11-27"}}"#)
        lines.append(#"{"kind":"payment","id":"PAY1","account_id":"\#(firstID)","amount":700,"paid_at":"2026-11-21T11:00:00+03:00","reference":"QX12","channel":"mpesa"}"#)
        let source = folder.write("in.ndjson", lines.joined(separator: "\n"))
        let first = try FieldPlanStore()
        let loaded = try first.importRecords([ImportInput(path: source)])
        #expect(loaded.total.rejected == 0)
        let exported = try export(first)
        #expect(exported.count == lines.count)
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
