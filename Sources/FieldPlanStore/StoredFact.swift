import FieldPlanCore
import GRDB

/// Outcomes and payments read back from their columns, by position (`QueryStatement`):
/// every field of a fact has its column, so its exported line is rebuilt rather than kept
/// (v5). The export streams them; an import compares a repeated id with the stored fact.
enum StoredFact {
    /// Selects an outcome's columns in the order `outcome(_:)` reads them.
    static let outcomeColumns = """
        id, account_id, agent_id, visited_at, code, contact, promise_amount, promise_date, collected_amount, collected_receipt,
        location_lat, location_lon, location_accuracy_m, notes, next_visit_date, next_visit_from, next_visit_to
        """

    /// The outcome on the statement's current row; nil if a stored value no longer parses.
    static func outcome(_ row: QueryStatement) -> Outcome? {
        guard let visitedAt = row.text(3).flatMap({ Instant($0) }), let code = row.text(4).flatMap(OutcomeCode.init(rawValue:)) else {
            return nil
        }
        var o = Outcome(id: row.text(0) ?? "", accountID: row.text(1) ?? "", agentID: row.text(2) ?? "", visitedAt: visitedAt, code: code)
        o.contact = row.text(5).flatMap(ContactType.init(rawValue:))
        if let amount = row.int64(6), let date = row.text(7).flatMap({ CivilDate($0) }) {
            o.promise = Outcome.Promise(amount: Money(minorUnits: amount), date: date)
        }
        if let amount = row.int64(8) {
            o.collected = Outcome.Collection(amount: Money(minorUnits: amount), receipt: row.text(9))
        }
        if let lat = row.double(10), let lon = row.double(11), let coordinate = Coordinate(lat: lat, lon: lon) {
            o.location = Outcome.ReportedLocation(coordinate: coordinate, accuracyMetres: row.double(12))
        }
        o.notes = row.text(13)
        if let date = row.text(14).flatMap({ CivilDate($0) }) {
            var window: TimeWindow?
            if let from = row.text(15).flatMap({ LocalTime($0) }), let to = row.text(16).flatMap({ LocalTime($0) }) {
                window = TimeWindow(from: from, to: to)
            }
            o.nextVisit = Outcome.NextVisit(date: date, window: window)
        }
        return o
    }

    /// Selects a payment's columns in the order `payment(_:)` reads them.
    static let paymentColumns = "id, account_id, amount, paid_at, reference, channel"

    static func payment(_ row: QueryStatement) -> Payment? {
        guard let paidAt = row.text(3).flatMap({ Instant($0) }) else { return nil }
        var p = Payment(id: row.text(0) ?? "", accountID: row.text(1) ?? "", amount: Money(minorUnits: row.int64(2) ?? 0), paidAt: paidAt)
        p.reference = row.text(4)
        p.channel = row.text(5)
        return p
    }

    /// The stored fact of `kind` (outcome or payment) with `id`, if any; `unreadable` when
    /// its stored values no longer parse.
    static func find(_ kind: RecordKind, id: String, statement: QueryStatement) throws -> FieldPlanCore.Record?? {
        statement.bind(id)
        defer { statement.finish() }
        guard try statement.step() else { return nil }
        switch kind {
        case .outcome: return .some(outcome(statement).map(FieldPlanCore.Record.outcome))
        case .payment: return .some(payment(statement).map(FieldPlanCore.Record.payment))
        default: return .some(nil)
        }
    }
}
