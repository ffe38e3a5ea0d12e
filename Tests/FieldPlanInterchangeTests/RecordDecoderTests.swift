import FieldPlanCore
import FieldPlanInterchange
import Testing

struct RecordDecoderTests {
    let decoder = RecordDecoder(now: Instant("2026-12-01T12:00:00+03:00")!.epochSeconds)

    func decode(_ text: String) throws -> Record {
        guard case .object(let o) = try JSONParser.parse(text) else { throw FieldError("", "not an object") }
        return try decoder.decode(o)
    }

    func fieldError(_ text: String) -> FieldError? {
        do { _ = try decode(text); return nil } catch let e as FieldError { return e } catch { return nil }
    }

    @Test func decodesAFullAccount() throws {
        let r = try decode(#"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":1234.5,"lat":-1.3,"lon":36.8,"status":"ptp","visit_window":{"from":"17:00","to":"19:00"},"unknown":"ignored"}"#)
        guard case .account(let a) = r else { Issue.record("not an account"); return }
        #expect(a.balance.minorUnits == 123_450)
        #expect(a.location == Coordinate(lat: -1.3, lon: 36.8))
        #expect(a.status == .ptp)
        #expect(a.visitWindow?.from.description == "17:00")
    }

    /// Every bad input of issue 2 gets the field named and a reason.
    @Test(arguments: [
        (#"{"kind":"account","client":"C","debtor_name":"D","balance":1}"#, "id"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":"12,000"}"#, "balance"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":1.234}"#, "balance"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":-5}"#, "balance"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"lat":91,"lon":1}"#, "lat"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"lat":0,"lon":0}"#, "lat"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"lat":1}"#, "lon"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"visit_window":{"from":"25:00","to":"26:00"}}"#, "visit_window.from"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"visit_window":{"from":"18:00","to":"09:00"}}"#, "visit_window.to"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"status":"gone"}"#, "status"),
        (#"{"kind":"account","id":"A","client":"","debtor_name":"D","balance":5}"#, "client"),
        (#"{"kind":"frog","id":"A"}"#, "kind"),
        (#"{"id":"A"}"#, "kind"),
        (#"{"kind":"visit"}"#, "kind"),
        (#"{"kind":"agent","id":"G","name":"N","shift":{"start":"08:00","end":"17:00"}}"#, "base"),
        (#"{"kind":"agent","id":"G","name":"N","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"},"days":["mon","funday"]}"#, "days"),
        (#"{"kind":"agent","id":"G","name":"N","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"},"break":{"from":"12:00","to":"13:00"}}"#, "break.minutes"),
        (#"{"kind":"appointment","id":"P","account_id":"A","date":"2026-02-30","from":"10:00","to":"11:00"}"#, "date"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"PTP"}"#, "promise"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"PAID"}"#, "collected"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"DISPUTE"}"#, "notes"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"CALLBACK"}"#, "next_visit"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2030-01-01T10:00:00+03:00","code":"NOT_HOME"}"#, "visited_at"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00","code":"NOT_HOME"}"#, "visited_at"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"PTP","promise":{"amount":500,"date":"2026-11-01"}}"#, "promise.date"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"PAID","collected":{"amount":-1}}"#, "collected.amount"),
        (#"{"kind":"outcome","id":"O","account_id":"A","agent_id":"G","visited_at":"2026-11-30T10:00:00+03:00","code":"NOPE"}"#, "code"),
        (#"{"kind":"payment","id":"Y","account_id":"A","amount":0,"paid_at":"2026-11-30T10:00:00+03:00"}"#, "amount"),
    ])
    func rejectsWithTheFieldNamed(line: String, field: String) {
        let error = fieldError(line)
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(!(error?.reason.isEmpty ?? true))
    }

    @Test func messageIsOneLineWithFileAndLine() {
        let e = LineError(source: "accounts.ndjson", line: 17, error: FieldError("balance", "expected a number, got \"12,000\""))
        #expect(e.description == #"accounts.ndjson:17: balance: expected a number, got "12,000""#)
    }

    @Test func csvRowsBecomeTheSameObjects() throws {
        let reader = CSVReader(headerFields: ["id", "client", "debtor_name", "balance", "lat", "lon", "visit_window_from", "visit_window_to"], defaultKind: "account")
        let cells = CSVReader.split(#"A1,"Jamii Bank, Ltd","Otieno ""Jr""",1500.5,-1.3,36.8,17:00,19:00"#)!
        guard case .account(let a) = try decoder.decode(reader.object(cells: cells)) else { Issue.record("not an account"); return }
        #expect(a.client == "Jamii Bank, Ltd")
        #expect(a.debtorName == #"Otieno "Jr""#)
        #expect(a.balance.minorUnits == 150_050)
        #expect(a.visitWindow != nil)
        #expect(CSVReader.split(#"a,"open quote"#) == nil)
        let bad = reader.object(cells: CSVReader.split("A2,C,D,\"12,000\",,")!)
        #expect(throws: FieldError("balance", #"expected a number, got "12,000""#)) { try decoder.decode(bad) }
    }

    /// `1e5` is a JSON number, but not a way to write money or a count (issue 11): the
    /// message says so instead of talking about decimals.
    @Test(arguments: [
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":1e5}"#, "balance"),
        (#"{"kind":"account","id":"A","client":"C","debtor_name":"D","balance":5,"days_past_due":1E2}"#, "days_past_due"),
        (#"{"kind":"payment","id":"Y","account_id":"A","amount":2.5e3,"paid_at":"2026-11-30T10:00:00+03:00"}"#, "amount"),
    ])
    func exponentNotationIsNamed(line: String, field: String) {
        let error = fieldError(line)
        #expect(error?.field == field)
        #expect(error?.reason.hasPrefix("exponent notation is not accepted, got ") == true, "\(String(describing: error))")
    }
}
