/// The statements of a device's sync (`PostgresSmallSync`, `PostgresAgencyStore.syncGroup`),
/// prepared once per connection (`PreparedRun`): `POST /api/sync` runs each of them for
/// every member of every group. Arrays of rows come as `text[]` literals (`CopyRows.bindings`),
/// the moment and the run as `bigint`.
enum SmallSyncSQL {
    /// The import's advisory lock, shared: syncs side by side, an import alone.
    enum ShareImportLock: PreparedSQL {
        static let sql = "SELECT pg_advisory_xact_lock_shared(\(PostgresAgencyStore.importLock))"
    }

    enum Settings: PreparedSQL {
        static let sql = "SELECT key, value FROM setting ORDER BY key"
    }

    /// `$1` the day: the accounts whose pending promise passed its date.
    enum Due: PreparedSQL {
        static let sql = "SELECT DISTINCT account_id FROM promise WHERE state = 'pending' AND due_date < $1"
    }

    /// `$1` the accounts, in id order.
    enum Lock: PreparedSQL {
        static let sql = "SELECT id FROM account_record WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE"
    }

    /// `Lock`, failing at once (`lock_not_available`) where another transaction holds a row.
    enum LockNoWait: PreparedSQL {
        static let sql = Lock.sql + " NOWAIT"
    }

    /// `$1` the moment.
    enum NewRun: PreparedSQL {
        static let sql = "INSERT INTO import_run(started_at, sync) VALUES ($1, 1) RETURNING id"
    }

    /// `$1` the accounts, `$2` the agents the lines name.
    enum Known: PreparedSQL {
        static let sql = """
            SELECT 0::int8, a.id, a.balance, EXISTS (SELECT 1 FROM outcome o WHERE o.account_id = a.id)
                OR EXISTS (SELECT 1 FROM payment p WHERE p.account_id = a.id)
            FROM account_record a WHERE a.id = ANY($1)
            UNION ALL SELECT 1::int8, g.id, 0::int8, false FROM agent g WHERE g.id = ANY($2)
            """
    }

    enum StoredOutcomes: PreparedSQL {
        static let sql = "SELECT \(PostgresFactSync.prefixed(PostgresFactSync.outcomeReadColumns, "o")) FROM outcome o WHERE o.id = ANY($1)"
    }

    enum StoredPayments: PreparedSQL {
        static let sql = "SELECT \(PostgresFactSync.prefixed(PostgresFactSync.paymentReadColumns, "p")) FROM payment p WHERE p.id = ANY($1)"
    }

    /// `$1`…`$21` the accepted outcomes' columns, `$22` the moment, `$23` the run.
    enum InsertOutcomes: PreparedSQL {
        static let sql = """
            WITH stored AS (
                INSERT INTO outcome(id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                    collected_amount, collected_receipt, location_lat, location_lon, location_accuracy_m, notes,
                    next_visit_date, next_visit_from, next_visit_to, updated_at, run, source, source_line)
                SELECT id, account_id, agent_id, visited_at, visited_epoch::bigint, code, contact, promise_amount::bigint, promise_date,
                    collected_amount::bigint, collected_receipt, location_lat::float8, location_lon::float8, location_accuracy_m::float8,
                    notes, next_visit_date, next_visit_from, next_visit_to, $22, $23, source, source_line::bigint
                FROM unnest(\(arrays(21))) AS s(seq, id, account_id, agent_id, visited_at, visited_epoch, code, contact,
                    promise_amount, promise_date, collected_amount, collected_receipt, location_lat, location_lon,
                    location_accuracy_m, notes, next_visit_date, next_visit_from, next_visit_to, source, source_line)
                ORDER BY seq::bigint
                ON CONFLICT (id) DO NOTHING RETURNING 1
            ) SELECT count(*) FROM stored
            """
    }

    /// `$1`…`$10` the accepted payments' columns, `$11` the moment, `$12` the run.
    enum InsertPayments: PreparedSQL {
        static let sql = """
            WITH stored AS (
                INSERT INTO payment(id, account_id, amount, paid_at, paid_epoch, reference, channel, updated_at, run, source, source_line)
                SELECT id, account_id, amount::bigint, paid_at, paid_epoch::bigint, reference, channel, $11, $12, source,
                    source_line::bigint
                FROM unnest(\(arrays(10))) AS s(seq, id, account_id, amount, paid_at, paid_epoch, reference, channel, source, source_line)
                ORDER BY seq::bigint
                ON CONFLICT (id) DO NOTHING RETURNING 1
            ) SELECT count(*) FROM stored
            """
    }

    /// `$1`…`$7` the replay's states, `$8` the moment.
    enum WriteStates: PreparedSQL {
        static let sql = """
            INSERT INTO account_state(account_id, balance, status, lat, lon, hold_until, updated_at)
            SELECT account_id, balance::bigint, status, lat::float8, lon::float8, hold_until, $8
            FROM unnest(\(arrays(7))) AS s(ord, account_id, balance, status, lat, lon, hold_until) ORDER BY ord::bigint
            ON CONFLICT (account_id) DO UPDATE SET balance = excluded.balance, status = excluded.status, lat = excluded.lat,
                lon = excluded.lon, hold_until = excluded.hold_until, updated_at = excluded.updated_at
            """
    }

    /// `$1`…`$9` the replay's promises, `$10` the moment.
    enum WritePromises: PreparedSQL {
        static let sql = """
            INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
            SELECT account_id, outcome_id, amount::bigint, due_date, state, paid::bigint, made_at, partial::bigint, $10
            FROM unnest(\(arrays(9))) AS s(ord, account_id, outcome_id, amount, due_date, state, paid, made_at, partial)
            ORDER BY ord::bigint
            ON CONFLICT (outcome_id) DO UPDATE SET state = excluded.state, paid = excluded.paid, partial = excluded.partial,
                updated_at = excluded.updated_at
            """
    }

    /// `$1` the outcomes, `$2` their flags.
    enum WriteFlags: PreparedSQL {
        static let sql = "UPDATE outcome o SET flagged = f.flagged FROM unnest($1::text[], $2::text[]) AS f(id, flagged) WHERE o.id = f.id"
    }

    /// `$1`…`$10` the replay's audit rows, `$11` the moment, `$12` the run.
    enum WriteAudits: PreparedSQL {
        static let sql = """
            INSERT INTO audit(at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new)
            SELECT $11, $12, account_id, source, line::bigint, fact_kind, fact_id, actor, field, old, new
            FROM unnest(\(arrays(10))) AS s(ord, account_id, source, line, fact_kind, fact_id, actor, field, old, new)
            ORDER BY ord::bigint
            """
    }

    enum AnyOpenReject: PreparedSQL {
        static let sql = "SELECT EXISTS (SELECT 1 FROM rejected_line WHERE resolved = 0)"
    }

    /// `$1` the kinds and `$2` the ids of the facts applied.
    enum ResolveRejects: PreparedSQL {
        static let sql = """
            WITH resolved AS (
                UPDATE rejected_line r SET resolved = 1 FROM unnest($1::text[], $2::text[]) AS k(kind, id)
                WHERE r.kind = k.kind AND r.record_id = k.id AND r.resolved = 0
                    AND NOT (r.field = 'id' AND r.reason LIKE 'conflict:%')
                RETURNING 1
            ) SELECT count(*) FROM resolved
            """
    }

    /// `$1`…`$8` the refused lines, `$9` the moment.
    enum InsertRejects: PreparedSQL {
        static let sql = """
            INSERT INTO rejected_line(source, line, field, reason, raw, created_at, kind, record_id, resolved)
            SELECT source, line::bigint, field, reason, raw::bytea, $9, kind, record_id, resolved::bigint
            FROM unnest(\(arrays(8))) WITH ORDINALITY AS s(source, line, field, reason, raw, kind, record_id, resolved, n) ORDER BY n
            """
    }

    /// `$1` the runs and `$2` the names of the inputs stored, numbered after the highest id.
    enum NameSources: PreparedSQL {
        static let sql = """
            WITH stored AS (
                INSERT INTO import_source(id, run, name)
                SELECT b.base + s.n, s.run, s.name
                FROM (SELECT COALESCE(MAX(id), 0) AS base FROM import_source) b,
                    unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS s(run, name, n)
                ON CONFLICT (id) DO NOTHING RETURNING 1
            ) SELECT count(*) FROM stored
            """
    }

    /// `$1::text[], $2::text[], …` for `count` bound columns.
    static func arrays(_ count: Int) -> String {
        (1...count).map { "$\($0)::text[]" }.joined(separator: ", ")
    }
}
