import FieldPlanCore
import FieldPlanInterchange
import GRDB

extension FieldPlanStore {
    /// Streams the store as NDJSON lines in dependency order (zones, agents, accounts,
    /// appointments, outcomes, payments), each kind ordered by id, so `fieldplan import`
    /// takes the output back unchanged. Reads through cursors: memory stays flat.
    /// - Parameter since: only records changed at or after this instant (epoch seconds).
    public func export(kinds: [RecordKind], since: Int64? = nil, _ emit: (String) throws -> Void) throws {
        try writer.read { db in
            let filter = since == nil ? "" : " WHERE updated_at >= \(since!)"
            for kind in RecordKind.allCases where kinds.contains(kind) {
                switch kind {
                case .zone:
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM zone\(filter) ORDER BY id")
                    while let row = try rows.next() { try emit(RecordEncoder.zone(row.zone)) }
                case .agent:
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM agent\(filter) ORDER BY id")
                    while let row = try rows.next() { try emit(RecordEncoder.agent(row.agent)) }
                case .account:
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM account\(filter) ORDER BY id")
                    while let row = try rows.next() { try emit(RecordEncoder.account(row.account)) }
                case .appointment:
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM appointment\(filter) ORDER BY id")
                    while let row = try rows.next() { if let a = row.appointment { try emit(RecordEncoder.appointment(a)) } }
                case .outcome:
                    let rows = try QueryStatement(db, "SELECT \(StoredFact.outcomeColumns) FROM outcome\(filter) ORDER BY id").bind()
                    while try rows.step() { if let o = StoredFact.outcome(rows) { try emit(RecordEncoder.outcome(o)) } }
                case .payment:
                    let rows = try QueryStatement(db, "SELECT \(StoredFact.paymentColumns) FROM payment\(filter) ORDER BY id").bind()
                    while try rows.step() { if let p = StoredFact.payment(rows) { try emit(RecordEncoder.payment(p)) } }
                case .visit, .route:
                    break // written by the daily plan's export
                }
            }
        }
    }
}
