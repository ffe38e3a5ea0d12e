/// The six reads of accounts' histories (`PostgresFactSync.storedHistories`), each of the
/// accounts `$1` (`text[]`): run as they are by the bulk sync (once per chunk of thousands),
/// prepared by a device's sync (`PostgresSmallSync`), where they run for every member.
enum HistorySQL {
    enum Accounts: PreparedSQL {
        static let sql = "SELECT \(PostgresFactSync.accountRowColumns) FROM \(PostgresFactSync.accountRowTables) WHERE a.id = ANY($1)"
    }

    enum Outcomes: PreparedSQL {
        static let sql = """
            SELECT account_id, id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date, collected_amount,
                   collected_receipt, next_visit_date, next_visit_from, next_visit_to, run, flagged, source, source_line
            FROM outcome WHERE account_id = ANY($1)
            """
    }

    enum Payments: PreparedSQL {
        static let sql = """
            SELECT account_id, id, amount, paid_at, paid_epoch, reference, run, channel, source, source_line
            FROM payment WHERE account_id = ANY($1)
            """
    }

    enum Promises: PreparedSQL {
        static let sql = "SELECT account_id, outcome_id, state, paid, partial FROM promise WHERE account_id = ANY($1)"
    }

    enum Clearances: PreparedSQL {
        static let sql = "SELECT account_id, fact_id, state FROM clearance WHERE account_id = ANY($1)"
    }

    enum CallbackAppointments: PreparedSQL {
        static let sql = "SELECT account_id, id FROM appointment WHERE account_id = ANY($1) AND outcome_id IS NOT NULL ORDER BY account_id, id"
    }

    /// All six, in the order `storedHistories` reads their answers.
    static var all: [any PreparedSQL.Type] { [Accounts.self, Outcomes.self, Payments.self, Promises.self, Clearances.self,
                                              CallbackAppointments.self] }
}
