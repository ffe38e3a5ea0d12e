import FieldPlanCore
import FieldPlanInterchange
import Testing

/// SPEC §3 as issue 11 has it: an absent field keeps the stored value, an explicit null (an
/// empty CSV cell) clears it. The decoded record cannot tell the two apart; the mask can.
struct AbsentFieldsTests {
    let decoder = RecordDecoder()

    func absent(_ text: String) throws -> AbsentFields {
        guard case .object(let o) = try JSONParser.parse(text) else { throw FieldError("", "not an object") }
        return RecordDecoder.absentFields(of: try decoder.decode(o), in: o)
    }

    @Test func absentIsNotNull() throws {
        let base = #""kind":"account","id":"A1","client":"C","debtor_name":"D","balance":5"#
        let none = try absent("{\(base)}")
        #expect(none.contains(.phone) && none.contains(.location) && none.contains(.nationalID) && none.contains(.visitWindow))
        let nulls = try absent("{\(base),\"phone\":null,\"lat\":null,\"lon\":null,\"visit_window\":null}")
        #expect(!nulls.contains(.phone) && !nulls.contains(.location) && !nulls.contains(.visitWindow))
        #expect(nulls.contains(.email))
        let full = try absent("{\(base),\"phone\":\"+254700000001\",\"lat\":-1.3,\"lon\":36.8}")
        #expect(!full.contains(.phone) && !full.contains(.location))
    }

    @Test func agentsAppointmentsAndZones() throws {
        let agent = #"{"kind":"agent","id":"G","name":"N","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"},"days":null}"#
        let a = try absent(agent)
        #expect(!a.contains(.days) && a.contains(.breakRule) && a.contains(.phone) && a.contains(.active))
        #expect(try absent(#"{"kind":"zone","id":"Z","agent_id":null}"#) == [.name])
        #expect(try absent(#"{"kind":"appointment","id":"P","account_id":"A","date":"2026-12-02","from":"10:00","to":"11:00"}"#) == [.agentID])
    }

    /// A CSV column the header lacks is absent; an empty cell is null, and a nested field whose
    /// cells are all empty is null as a whole.
    @Test func csvEmptyCellsAreNullMissingColumnsAbsent() throws {
        let reader = CSVReader(headerFields: ["id", "client", "debtor_name", "balance", "phone", "visit_window_from", "visit_window_to"],
                               defaultKind: "account")
        let object = reader.object(cells: CSVReader.split("A1,C,D,5,,,")!)
        #expect(object["phone"] == .null)
        #expect(object["visit_window"] == .null)
        #expect(object["email"] == nil)
        let mask = RecordDecoder.absentFields(of: try decoder.decode(object), in: object)
        #expect(!mask.contains(.phone) && !mask.contains(.visitWindow))
        #expect(mask.contains(.email) && mask.contains(.location) && mask.contains(.notes))
        let half = reader.object(cells: CSVReader.split("A1,C,D,5,,17:00,")!)
        #expect(throws: FieldError("visit_window.to", "required")) { try decoder.decode(half) }
    }
}
