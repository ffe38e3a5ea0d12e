/// The SQL of the PostgreSQL import: staging tables filled by COPY, then, per kind and per
/// occurrence round, one set-based UPDATE of the rows that exist and changed and one INSERT
/// of the new ones. The rules are `RecordWriter`'s (SQLite), statement for statement: a
/// field the line left out keeps its stored value and is no change; balance, status and
/// location are the client's snapshot (their `*_run` moves only when they change); a line
/// that changes nothing counts as unchanged.
enum PostgresImportSQL {
    static let text = PostgresSchema.text

    /// The columns every staging table starts with: the line's place in the input, its round
    /// (`PostgresImportStaging`), its input and line, the fields it left out.
    static let head = "seq BIGINT NOT NULL, occ BIGINT NOT NULL, input BIGINT NOT NULL, line BIGINT NOT NULL, absent BIGINT NOT NULL"

    static let createStaging: [String] = [
        """
        CREATE TEMP TABLE stage_account (\(head), id \(text) NOT NULL, client \(text), debtor_name \(text), balance BIGINT,
            currency \(text), phone \(text), email \(text), national_id \(text), address \(text), lat DOUBLE PRECISION,
            lon DOUBLE PRECISION, days_past_due BIGINT, status \(text), visit_window_from \(text), visit_window_to \(text),
            service_minutes BIGINT, notes \(text), no_visit_before \(text), max_visits_per_month BIGINT, zone_id \(text),
            raw BYTEA) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_agent (\(head), id \(text) NOT NULL, name \(text), base_lat DOUBLE PRECISION,
            base_lon DOUBLE PRECISION, shift_start \(text), shift_end \(text), phone \(text), days \(text), break_from \(text),
            break_to \(text), break_minutes BIGINT, max_visits BIGINT, active BIGINT) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_appointment (\(head), id \(text) NOT NULL, account_id \(text), date \(text),
            from_time \(text), to_time \(text), agent_id \(text), raw BYTEA) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_zone (\(head), id \(text) NOT NULL, name \(text), agent_id \(text), raw BYTEA) ON COMMIT DROP
        """,
        """
        CREATE TEMP TABLE stage_reject (seq BIGINT NOT NULL, source \(text) NOT NULL, line BIGINT NOT NULL, field \(text) NOT NULL,
            reason \(text) NOT NULL, raw BYTEA NOT NULL, kind \(text), record_id \(text), phase BIGINT NOT NULL DEFAULT 0,
            resolved BIGINT NOT NULL DEFAULT 0) ON COMMIT DROP
        """,
    ]

    static let accountColumns = ["seq", "occ", "input", "line", "absent", "id", "client", "debtor_name", "balance", "currency", "phone",
                                 "email", "national_id", "address", "lat", "lon", "days_past_due", "status", "visit_window_from",
                                 "visit_window_to", "service_minutes", "notes", "no_visit_before", "max_visits_per_month", "zone_id", "raw"]
    static let agentColumns = ["seq", "occ", "input", "line", "absent", "id", "name", "base_lat", "base_lon", "shift_start", "shift_end",
                               "phone", "days", "break_from", "break_to", "break_minutes", "max_visits", "active"]
    static let appointmentColumns = ["seq", "occ", "input", "line", "absent", "id", "account_id", "date", "from_time", "to_time",
                                     "agent_id", "raw"]
    static let zoneColumns = ["seq", "occ", "input", "line", "absent", "id", "name", "agent_id", "raw"]
    static let rejectColumns = ["seq", "source", "line", "field", "reason", "raw", "kind", "record_id"]

    /// `column = CASE WHEN <left out> THEN column ELSE s.column END` for each kept field, and
    /// the matching change test (`RecordWriter.keeping`, in PostgreSQL's words).
    static func keeping(_ fields: [(column: String, bit: Int64)]) -> (set: String, changed: String) {
        let set = fields.map { "\($0.column) = CASE WHEN (s.absent & \($0.bit)) <> 0 THEN a.\($0.column) ELSE s.\($0.column) END" }
        let changed = fields.map { "((s.absent & \($0.bit)) = 0 AND a.\($0.column) IS DISTINCT FROM s.\($0.column))" }
        return (set.joined(separator: ", "), changed.joined(separator: " OR "))
    }

    static let accountKept = keeping([
        ("currency", 1 << 0), ("phone", 1 << 1), ("email", 1 << 2), ("national_id", 1 << 3), ("address", 1 << 4),
        ("days_past_due", 1 << 6), ("visit_window_from", 1 << 7), ("visit_window_to", 1 << 7), ("service_minutes", 1 << 8),
        ("notes", 1 << 9), ("no_visit_before", 1 << 10), ("max_visits_per_month", 1 << 11),
    ])
    static let location: Int64 = 1 << 5

    /// An account line whose zone is known (the zones of this input are in by then).
    static let accountReferences = "(s.zone_id IS NULL OR EXISTS (SELECT 1 FROM zone z WHERE z.id = s.zone_id))"

    /// The UPDATE of round `round`'s accounts that exist and change, with the line of the
    /// change for the audit; `audit` adds the audit rows of client-file changes
    /// (`ClientFileAudit`'s trigger on SQLite), read from the row before the change (`o`,
    /// `st`). Answers the number of accounts changed.
    static func updateAccounts(round: Int, now: Int64, run: Int64, sourceBase: Int64, audit: Bool) -> String {
        let update = """
            UPDATE account_record a SET client = s.client, debtor_name = s.debtor_name, \(accountKept.set),
                zone_id = COALESCE(s.zone_id, a.zone_id), updated_at = \(now),
                balance_run = CASE WHEN a.balance IS NOT DISTINCT FROM s.balance THEN a.balance_run ELSE \(run) END,
                balance = s.balance,
                location_run = CASE WHEN (s.absent & \(location)) <> 0 OR (a.lat IS NOT DISTINCT FROM s.lat AND a.lon IS NOT DISTINCT FROM s.lon)
                    THEN a.location_run ELSE \(run) END,
                lat = CASE WHEN (s.absent & \(location)) <> 0 THEN a.lat ELSE s.lat END,
                lon = CASE WHEN (s.absent & \(location)) <> 0 THEN a.lon ELSE s.lon END,
                status_run = CASE WHEN s.status IS NULL OR a.status IS NOT DISTINCT FROM s.status THEN a.status_run ELSE \(run) END,
                status = COALESCE(s.status, a.status),
                changed_source_id = \(sourceBase + 1) + s.input, changed_line = s.line
            FROM stage_account s JOIN account_record o ON o.id = s.id LEFT JOIN account_state st ON st.account_id = s.id
            WHERE a.id = s.id AND s.occ = \(round) AND \(accountReferences)
                AND (a.client IS DISTINCT FROM s.client OR a.debtor_name IS DISTINCT FROM s.debtor_name
                    OR a.balance IS DISTINCT FROM s.balance OR \(accountKept.changed)
                    OR ((s.absent & \(location)) = 0 AND (a.lat IS DISTINCT FROM s.lat OR a.lon IS DISTINCT FROM s.lon))
                    OR (s.status IS NOT NULL AND a.status IS DISTINCT FROM s.status)
                    OR (s.zone_id IS NOT NULL AND a.zone_id IS DISTINCT FROM s.zone_id))
            """
        guard audit else { return "WITH changed AS (\(update) RETURNING a.id) SELECT count(*) FROM changed" }
        let fields = """
            (1, 'client', c.o_client, c.client, true),
            (2, 'debtor_name', c.o_debtor_name, c.debtor_name, true),
            (3, 'balance', \(money("COALESCE(c.st_balance, c.o_balance)")), \(money("c.balance")), c.o_balance IS DISTINCT FROM c.balance),
            (4, 'currency', c.o_currency, c.currency, true),
            (5, 'phone', c.o_phone, c.phone, true),
            (6, 'email', c.o_email, c.email, true),
            (7, 'national_id', CASE WHEN c.o_national_id IS NULL THEN NULL ELSE '(masked)' END,
                CASE WHEN c.national_id IS NULL THEN NULL ELSE '(masked)' END, c.o_national_id IS DISTINCT FROM c.national_id),
            (8, 'address', c.o_address, c.address, true),
            (9, 'location',
                CASE WHEN c.st_id IS NOT NULL THEN \(real("c.st_lat")) || ',' || \(real("c.st_lon"))
                    ELSE \(real("c.o_lat")) || ',' || \(real("c.o_lon")) END,
                \(real("c.lat")) || ',' || \(real("c.lon")), c.o_lat IS DISTINCT FROM c.lat OR c.o_lon IS DISTINCT FROM c.lon),
            (10, 'days_past_due', c.o_days_past_due::text, c.days_past_due::text, true),
            (11, 'status', COALESCE(c.st_status, c.o_status), c.status, c.o_status IS DISTINCT FROM c.status),
            (12, 'visit_window', c.o_visit_window_from || '-' || c.o_visit_window_to, c.visit_window_from || '-' || c.visit_window_to, true),
            (13, 'service_minutes', c.o_service_minutes::text, c.service_minutes::text, true),
            (14, 'notes', c.o_notes, c.notes, true),
            (15, 'no_visit_before', c.o_no_visit_before, c.no_visit_before, true),
            (16, 'max_visits_per_month', c.o_max_visits_per_month::text, c.max_visits_per_month::text, true),
            (17, 'zone_id', c.o_zone_id, c.zone_id, true)
            """
        let old = ["client", "debtor_name", "balance", "currency", "phone", "email", "national_id", "address", "lat", "lon",
                   "days_past_due", "status", "visit_window_from", "visit_window_to", "service_minutes", "notes", "no_visit_before",
                   "max_visits_per_month", "zone_id"].map { "o.\($0) AS o_\($0)" }.joined(separator: ", ")
        return """
            WITH changed AS (
                \(update)
                RETURNING s.seq, a.*, \(old), st.account_id AS st_id, st.balance AS st_balance, st.status AS st_status,
                    st.lat AS st_lat, st.lon AS st_lon
            ), audited AS (
                INSERT INTO audit(at, run, account_id, source, line, actor, field, old, new)
                SELECT \(now), i.run, c.id, i.name, c.changed_line, 'import', f.field, f.old, f.new
                FROM changed c LEFT JOIN import_source i ON i.id = c.changed_source_id
                CROSS JOIN LATERAL (VALUES \(fields)) AS f(ord, field, old, new, considered)
                WHERE f.considered AND (f.old IS DISTINCT FROM f.new OR f.field = 'national_id')
                ORDER BY c.seq, f.ord
            )
            SELECT count(*) FROM changed
            """
    }

    /// Money as `Money.decimalText` writes it (1500, 1200.5, 12.05), as SQLite's audit
    /// trigger computes it.
    static func money(_ b: String) -> String {
        """
        (CASE WHEN \(b) IS NULL THEN NULL WHEN \(b) % 100 = 0 THEN (\(b) / 100)::text
            WHEN \(b) % 10 = 0 THEN (\(b) / 100)::text || '.' || ((\(b) % 100) / 10)::text
            WHEN \(b) % 100 < 0 THEN (\(b) / 100)::text || '.' || (\(b) % 100)::text
            ELSE (\(b) / 100)::text || '.' || lpad((\(b) % 100)::text, 2, '0') END)
        """
    }

    /// A `DOUBLE PRECISION` as SQLite turns a REAL into text (a whole number keeps `.0`).
    static func real(_ x: String) -> String {
        "(CASE WHEN \(x) = trunc(\(x)) AND abs(\(x)) < 1e15 THEN trunc(\(x))::numeric::text || '.0' ELSE \(x)::text END)"
    }

    static func insertAccounts(round: Int, now: Int64, run: Int64, sourceBase: Int64) -> String {
        """
        WITH added AS (
            INSERT INTO account_record(id, client, debtor_name, balance, currency, phone, email, national_id, address, lat, lon,
                days_past_due, status, visit_window_from, visit_window_to, service_minutes, notes, no_visit_before,
                max_visits_per_month, zone_id, updated_at, balance_run, status_run, location_run, source_id, source_line)
            SELECT s.id, s.client, s.debtor_name, s.balance, s.currency, s.phone, s.email, s.national_id, s.address, s.lat, s.lon,
                s.days_past_due, COALESCE(s.status, 'open'), s.visit_window_from, s.visit_window_to, s.service_minutes, s.notes,
                s.no_visit_before, s.max_visits_per_month, s.zone_id, \(now), \(run), \(run), \(run), \(sourceBase + 1) + s.input, s.line
            FROM stage_account s
            WHERE s.occ = \(round) AND \(accountReferences) AND NOT EXISTS (SELECT 1 FROM account_record a WHERE a.id = s.id)
            ORDER BY s.id
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
        ) SELECT count(*) FROM added
        """
    }

    static let agentKept = keeping([
        ("phone", 1 << 1), ("days", 1 << 12), ("break_from", 1 << 13), ("break_to", 1 << 13), ("break_minutes", 1 << 13),
        ("max_visits", 1 << 14), ("active", 1 << 15),
    ])

    static func updateAgents(round: Int, now: Int64) -> String {
        """
        WITH changed AS (
            UPDATE agent a SET name = s.name, base_lat = s.base_lat, base_lon = s.base_lon, shift_start = s.shift_start,
                shift_end = s.shift_end, \(agentKept.set), updated_at = \(now)
            FROM stage_agent s
            WHERE a.id = s.id AND s.occ = \(round)
                AND (a.name IS DISTINCT FROM s.name OR a.base_lat IS DISTINCT FROM s.base_lat OR a.base_lon IS DISTINCT FROM s.base_lon
                    OR a.shift_start IS DISTINCT FROM s.shift_start OR a.shift_end IS DISTINCT FROM s.shift_end OR \(agentKept.changed))
            RETURNING 1
        ) SELECT count(*) FROM changed
        """
    }

    static func insertAgents(round: Int, now: Int64) -> String {
        """
        WITH added AS (
            INSERT INTO agent(id, name, base_lat, base_lon, shift_start, shift_end, phone, days, break_from, break_to,
                break_minutes, max_visits, active, updated_at)
            SELECT s.id, s.name, s.base_lat, s.base_lon, s.shift_start, s.shift_end, s.phone, s.days, s.break_from, s.break_to,
                s.break_minutes, s.max_visits, s.active, \(now)
            FROM stage_agent s WHERE s.occ = \(round) AND NOT EXISTS (SELECT 1 FROM agent a WHERE a.id = s.id)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
        ) SELECT count(*) FROM added
        """
    }

    static let agentReference = "(s.agent_id IS NULL OR EXISTS (SELECT 1 FROM agent g WHERE g.id = s.agent_id))"
    static let zoneKept = keeping([("name", 1 << 17), ("agent_id", 1 << 16)])

    static func updateZones(round: Int, now: Int64) -> String {
        """
        WITH changed AS (
            UPDATE zone a SET \(zoneKept.set), updated_at = \(now)
            FROM stage_zone s
            WHERE a.id = s.id AND s.occ = \(round) AND \(agentReference) AND (\(zoneKept.changed))
            RETURNING 1
        ) SELECT count(*) FROM changed
        """
    }

    static func insertZones(round: Int, now: Int64) -> String {
        """
        WITH added AS (
            INSERT INTO zone(id, name, agent_id, updated_at)
            SELECT s.id, s.name, s.agent_id, \(now) FROM stage_zone s
            WHERE s.occ = \(round) AND \(agentReference) AND NOT EXISTS (SELECT 1 FROM zone a WHERE a.id = s.id)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
        ) SELECT count(*) FROM added
        """
    }

    static let appointmentKept = keeping([("agent_id", 1 << 16)])
    static let appointmentReferences = "EXISTS (SELECT 1 FROM account_record r WHERE r.id = s.account_id) AND \(agentReference)"

    static func updateAppointments(round: Int, now: Int64) -> String {
        """
        WITH changed AS (
            UPDATE appointment a SET account_id = s.account_id, date = s.date, from_time = s.from_time, to_time = s.to_time,
                \(appointmentKept.set), updated_at = \(now)
            FROM stage_appointment s
            WHERE a.id = s.id AND s.occ = \(round) AND \(appointmentReferences)
                AND (a.account_id IS DISTINCT FROM s.account_id OR a.date IS DISTINCT FROM s.date
                    OR a.from_time IS DISTINCT FROM s.from_time OR a.to_time IS DISTINCT FROM s.to_time OR \(appointmentKept.changed))
            RETURNING 1
        ) SELECT count(*) FROM changed
        """
    }

    static func insertAppointments(round: Int, now: Int64) -> String {
        """
        WITH added AS (
            INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at)
            SELECT s.id, s.account_id, s.date, s.from_time, s.to_time, s.agent_id, \(now) FROM stage_appointment s
            WHERE s.occ = \(round) AND \(appointmentReferences) AND NOT EXISTS (SELECT 1 FROM appointment a WHERE a.id = s.id)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
        ) SELECT count(*) FROM added
        """
    }

    /// The lines a missing reference refuses, per kind: seq, input, line, kind, id, field,
    /// the missing table and id, the line's bytes. Run after the kinds they refer to are in.
    static let missingZoneAgents = """
        SELECT s.seq, s.input, s.line, 'zone', s.id, 'agent_id', 'agent', s.agent_id, s.raw FROM stage_zone s
        WHERE NOT \(agentReference)
        """
    static let missingAccountZones = """
        SELECT s.seq, s.input, s.line, 'account', s.id, 'zone_id', 'zone', s.zone_id, s.raw FROM stage_account s
        WHERE NOT \(accountReferences)
        """
    static let missingAppointmentReferences = """
        SELECT s.seq, s.input, s.line, 'appointment', s.id,
            CASE WHEN r.id IS NULL THEN 'account_id' ELSE 'agent_id' END, CASE WHEN r.id IS NULL THEN 'account' ELSE 'agent' END,
            CASE WHEN r.id IS NULL THEN s.account_id ELSE s.agent_id END, s.raw
        FROM stage_appointment s LEFT JOIN account_record r ON r.id = s.account_id
        WHERE r.id IS NULL OR NOT \(agentReference)
        """

    /// Every line of an id that came before in its kind (`occ > 1` marks the candidates;
    /// the window over each id gives the exact first line): seq, kind, id, input, line, first
    /// input, first line. With `direct` (the run's `sourceBase`), the first line of an account
    /// may have gone straight into `account_record` (`PostgresDirectAccounts`): it is read
    /// from there (its place is the stored source and line; seq -1, as it came first), when no
    /// staged line of that id is its first or is the one the row was inserted from.
    static func repeatedIDs(direct sourceBase: Int64?) -> String {
        let kinds = [("account", "stage_account"), ("agent", "stage_agent"), ("appointment", "stage_appointment"), ("zone", "stage_zone")]
        let parts = kinds.map { kind, table in
            var lines = "(SELECT seq, id, input, line FROM \(table))"
            if kind == "account", let sourceBase {
                lines = """
                    (SELECT seq, id, input, line FROM stage_account
                    UNION ALL
                    SELECT -1, a.id, a.source_id - \(sourceBase + 1), a.source_line FROM account_record a
                    WHERE a.id IN (SELECT id FROM stage_account WHERE occ > 1)
                        AND NOT EXISTS (SELECT 1 FROM stage_account f WHERE f.id = a.id
                            AND (f.occ = 1 OR (f.input = a.source_id - \(sourceBase + 1) AND f.line = a.source_line))))
                    """
            }
            return """
            SELECT * FROM (
                SELECT s.seq, '\(kind)' AS kind, s.id, s.input, s.line,
                    first_value(s.input) OVER w AS first_input, first_value(s.line) OVER w AS first_line, row_number() OVER w AS n
                FROM \(lines) s WHERE s.id IN (SELECT id FROM \(table) WHERE occ > 1)
                WINDOW w AS (PARTITION BY s.id ORDER BY s.seq)
            ) r WHERE r.n > 1
            """
        }
        return parts.joined(separator: " UNION ALL ") + " ORDER BY 1"
    }

    /// The columns of `PostgresDirectAccounts`' rows: `account_record`'s, but the zone (none)
    /// and the last change (none yet).
    static let directAccountColumns = ["id", "client", "debtor_name", "balance", "currency", "phone", "email", "national_id", "address",
                                       "lat", "lon", "days_past_due", "status", "visit_window_from", "visit_window_to", "service_minutes",
                                       "notes", "no_visit_before", "max_visits_per_month", "updated_at", "balance_run", "status_run",
                                       "location_run", "source_id", "source_line"]

    /// The ids and seqs of the accounts sent straight, when a rejection may need them.
    static let createDirectKeys = "CREATE TEMP TABLE stage_direct_key (id \(text) NOT NULL, seq BIGINT NOT NULL) ON COMMIT DROP"

    /// The (kind, id) keys applied in this run with their last line: every staged line not refused.
    /// With `directKeys`, the accounts sent straight (`stage_direct_key`) count too.
    static func createApplied(directKeys: Bool) -> String {
        """
        CREATE TEMP TABLE stage_applied ON COMMIT DROP AS
        SELECT kind, id, max(seq) AS seq FROM (
            SELECT 'account' AS kind, id, seq FROM stage_account UNION ALL SELECT 'agent', id, seq FROM stage_agent
            UNION ALL SELECT 'appointment', id, seq FROM stage_appointment UNION ALL SELECT 'zone', id, seq FROM stage_zone
            \(directKeys ? "UNION ALL SELECT 'account', id, seq FROM stage_direct_key" : "")
        ) l WHERE NOT EXISTS (SELECT 1 FROM stage_reject r WHERE r.seq = l.seq) GROUP BY kind, id
        """
    }

    static let notConflict = "NOT (field = 'id' AND reason LIKE 'conflict:%')"
}
