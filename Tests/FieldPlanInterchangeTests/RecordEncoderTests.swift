import FieldPlanCore
import FieldPlanInterchange
import Testing

struct RecordEncoderTests {
    /// Golden lines: the export format is a contract with other systems.
    @Test func goldenLines() {
        var a = Account(id: "A1", client: "Jamii Bank", debtorName: "Achieng \"Ach\" Were", balance: Money(minorUnits: 150_050))
        a.location = Coordinate(lat: -1.2841, lon: 36.8961)
        a.status = .open
        a.visitWindow = TimeWindow(from: LocalTime("17:00")!, to: LocalTime("19:00")!)
        #expect(RecordEncoder.account(a) == #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng \"Ach\" Were","balance":1500.5,"lat":-1.2841,"lon":36.8961,"status":"open","visit_window":{"from":"17:00","to":"19:00"}}"#)
        var g = Agent(id: "G1", name: "Otieno", base: Coordinate(lat: -1.3, lon: 36.8)!, shift: TimeWindow(from: LocalTime("08:00")!, to: LocalTime("17:00")!)!)
        g.breakRule = BreakRule(window: TimeWindow(from: LocalTime("12:00")!, to: LocalTime("14:00")!)!, minutes: 45)
        g.days = [.mon, .tue]
        #expect(RecordEncoder.agent(g) == #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"},"days":["mon","tue"],"break":{"from":"12:00","to":"14:00","minutes":45}}"#)
    }

    /// decode(encode(r)) == r for random records of every kind.
    @Test(arguments: 0..<10)
    func encodeThenDecodeIsIdentity(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let decoder = RecordDecoder()
        func maybe<T>(_ v: T) -> T? { Bool.random(using: &rng) ? v : nil }
        func text() -> String { ["x", "é\"q", "line\nbreak", "Umoja, Kayole", "😀"].randomElement(using: &rng)! }
        for i in 0..<100 {
            var a = Account(id: "A\(i)", client: text(), debtorName: text(), balance: Money(minorUnits: Int64.random(in: 0...100_000_000, using: &rng)))
            a.currency = maybe("KES")
            a.phone = maybe("+2547\(i)")
            a.nationalID = maybe("ID\(i)")
            a.location = maybe(Coordinate(lat: Double.random(in: -2 ... -1, using: &rng), lon: Double.random(in: 36...37, using: &rng))!)
            a.daysPastDue = maybe(Int.random(in: 0...900, using: &rng))
            a.status = maybe(AccountStatus.allCases.randomElement(using: &rng)!)
            a.visitWindow = maybe(TimeWindow(from: LocalTime(minutes: 600), to: LocalTime(minutes: 660))!)
            a.notes = maybe(text())
            a.noVisitBefore = maybe(CivilDate("2026-12-24")!)
            let record = Record.account(a)
            guard case .object(let o) = try JSONParser.parse(RecordEncoder.line(record)) else { Issue.record("not an object"); return }
            #expect(try decoder.decode(o) == record)

            var out = Outcome(id: "O\(i)", accountID: a.id, agentID: "G1", visitedAt: Instant("2026-11-30T10:0\(i % 10):00+03:00")!, code: .ptp)
            out.promise = .init(amount: Money(minorUnits: 5000), date: CivilDate("2026-12-15")!)
            out.contact = maybe(.debtor)
            out.location = maybe(.init(coordinate: Coordinate(lat: -1.3, lon: 36.8)!, accuracyMetres: 12.5))
            out.nextVisit = maybe(.init(date: CivilDate("2026-12-03")!, window: maybe(TimeWindow(from: LocalTime(minutes: 600), to: LocalTime(minutes: 700))!)))
            guard case .object(let oo) = try JSONParser.parse(RecordEncoder.line(.outcome(out))) else { return }
            #expect(try decoder.decode(oo) == .outcome(out))
        }
    }
}
