import Foundation

/// The PostgreSQL store's migrations: the same names as SQLite's (`Schema`), recorded in the
/// same table (`grdb_migrations`), so `fieldplan` reads one ledger on either engine. Each step
/// brings a PostgreSQL store to the shape SQLite's step of that name gives, in PostgreSQL's
/// words: `BIGINT` for SQLite's integers (seconds, minor units and run numbers outgrow 32
/// bits), `DOUBLE PRECISION` for `REAL`, `BYTEA` for `BLOB`, identity columns for
/// `AUTOINCREMENT`, and every text column in the `"C"` collation, which compares bytes as
/// SQLite does, so `ORDER BY id` (the export's order) is the same on both engines whatever
/// locale the server was made with.
///
/// Two steps differ in form, not in the result: the account tables appear at
/// `v4-account-state` directly in their v4 shape (SQLite's v1–v3 made a wide `account` table
/// that v4 replaced; no PostgreSQL store ever had it), and `v5-facts-without-lines` has
/// nothing to drop (the `canonical` columns were never made here). Frozen once shipped, as
/// SQLite's are: a change is a new migration.
enum PostgresSchema {
    /// Text compared as bytes, as SQLite compares it.
    static let text = #"TEXT COLLATE "C""#

    /// The key of the advisory lock every migration runs under (`pg_advisory_xact_lock`): two
    /// processes opening one database at once migrate it once, one after the other.
    static let migrationLock: Int64 = 0x6669_656C_6470_6C6E  // "fieldpln"

    /// The statements of a migration, one by one: postgres-nio sends each query through the
    /// extended protocol, which takes one statement at a time. Splits at `;` outside quotes and
    /// outside `$$ … $$` bodies (the trigger functions).
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false, inBody = false
        var characters = sql.makeIterator()
        var previous: Character = " "
        while let c = characters.next() {
            current.append(c)
            if c == "'" && !inBody { inQuote.toggle() }
            if c == "$" && previous == "$" && !inQuote { inBody.toggle() }
            if c == ";" && !inQuote && !inBody {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if statement != ";" { statements.append(String(statement.dropLast())) }
                current = ""
            }
            previous = c == "$" && previous == "$" ? " " : c
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    static let migrations: [(name: String, sql: String)] = [
        ("v1-accounts-agents-visits", """
            CREATE TABLE setting (
                key \(text) PRIMARY KEY NOT NULL,
                value \(text) NOT NULL
            );
            CREATE TABLE zone (
                id \(text) PRIMARY KEY NOT NULL,
                name \(text),
                agent_id \(text),
                locked BIGINT NOT NULL DEFAULT 0,
                updated_at BIGINT NOT NULL
            );
            CREATE TABLE agent (
                id \(text) PRIMARY KEY NOT NULL,
                name \(text) NOT NULL,
                base_lat DOUBLE PRECISION NOT NULL,
                base_lon DOUBLE PRECISION NOT NULL,
                shift_start \(text) NOT NULL,
                shift_end \(text) NOT NULL,
                phone \(text),
                days \(text),
                break_from \(text),
                break_to \(text),
                break_minutes BIGINT,
                max_visits BIGINT,
                active BIGINT,
                updated_at BIGINT NOT NULL
            );
            CREATE TABLE appointment (
                id \(text) PRIMARY KEY NOT NULL,
                account_id \(text) NOT NULL,
                date \(text) NOT NULL,
                from_time \(text) NOT NULL,
                to_time \(text) NOT NULL,
                agent_id \(text),
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX appointment_date ON appointment(date);
            CREATE TABLE outcome (
                id \(text) PRIMARY KEY NOT NULL,
                account_id \(text) NOT NULL,
                agent_id \(text) NOT NULL,
                visited_at \(text) NOT NULL,
                visited_epoch BIGINT NOT NULL,
                code \(text) NOT NULL,
                contact \(text),
                promise_amount BIGINT,
                promise_date \(text),
                collected_amount BIGINT,
                collected_receipt \(text),
                location_lat DOUBLE PRECISION,
                location_lon DOUBLE PRECISION,
                location_accuracy_m DOUBLE PRECISION,
                notes \(text),
                next_visit_date \(text),
                next_visit_from \(text),
                next_visit_to \(text),
                flagged \(text),
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX outcome_account ON outcome(account_id, visited_epoch);
            CREATE TABLE payment (
                id \(text) PRIMARY KEY NOT NULL,
                account_id \(text) NOT NULL,
                amount BIGINT NOT NULL,
                paid_at \(text) NOT NULL,
                paid_epoch BIGINT NOT NULL,
                reference \(text),
                channel \(text),
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX payment_account ON payment(account_id, paid_epoch);
            CREATE TABLE promise (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                account_id \(text) NOT NULL,
                outcome_id \(text) NOT NULL UNIQUE,
                amount BIGINT NOT NULL,
                due_date \(text) NOT NULL,
                state \(text) NOT NULL DEFAULT 'pending',
                paid BIGINT NOT NULL DEFAULT 0,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX promise_account ON promise(account_id);
            CREATE TABLE plan (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                date \(text) NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                seed BIGINT NOT NULL,
                summary \(text),
                UNIQUE (date, version)
            );
            CREATE TABLE plan_route (
                plan_id BIGINT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                agent_id \(text) NOT NULL,
                line \(text) NOT NULL,
                PRIMARY KEY (plan_id, agent_id)
            );
            CREATE TABLE plan_visit (
                plan_id BIGINT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                agent_id \(text) NOT NULL,
                seq BIGINT NOT NULL,
                account_id \(text),
                line \(text) NOT NULL,
                PRIMARY KEY (plan_id, agent_id, seq)
            );
            CREATE TABLE plan_unplanned (
                plan_id BIGINT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                account_id \(text) NOT NULL,
                reason \(text) NOT NULL
            );
            CREATE TABLE rejected_line (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                source \(text) NOT NULL,
                line BIGINT NOT NULL,
                field \(text) NOT NULL,
                reason \(text) NOT NULL,
                raw BYTEA NOT NULL,
                created_at BIGINT NOT NULL,
                resolved BIGINT NOT NULL DEFAULT 0
            );
            """),
        ("v2-sync-effects", """
            CREATE TABLE import_run (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                started_at BIGINT NOT NULL,
                sync BIGINT NOT NULL DEFAULT 0
            );
            ALTER TABLE outcome ADD COLUMN run BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE outcome ADD COLUMN source \(text);
            ALTER TABLE outcome ADD COLUMN source_line BIGINT;
            ALTER TABLE payment ADD COLUMN run BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE payment ADD COLUMN source \(text);
            ALTER TABLE payment ADD COLUMN source_line BIGINT;
            ALTER TABLE promise ADD COLUMN made_at \(text);
            ALTER TABLE promise ADD COLUMN partial BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE appointment ADD COLUMN outcome_id \(text);
            CREATE INDEX appointment_account ON appointment(account_id);
            CREATE INDEX promise_due ON promise(state, due_date);
            CREATE INDEX outcome_flagged ON outcome(flagged) WHERE flagged IS NOT NULL;
            CREATE TABLE clearance (
                account_id \(text) PRIMARY KEY NOT NULL,
                cleared_at \(text) NOT NULL,
                fact_id \(text) NOT NULL,
                state \(text) NOT NULL DEFAULT 'pending',
                confirmed_at BIGINT,
                confirmed_by \(text),
                created_at BIGINT NOT NULL
            );
            CREATE TABLE review (
                item \(text) PRIMARY KEY NOT NULL,
                resolved_at BIGINT NOT NULL,
                note \(text)
            );
            CREATE TABLE audit (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                at BIGINT NOT NULL,
                run BIGINT,
                account_id \(text) NOT NULL,
                source \(text),
                line BIGINT,
                fact_kind \(text),
                fact_id \(text),
                actor \(text),
                field \(text) NOT NULL,
                old \(text),
                new \(text)
            );
            CREATE INDEX audit_account ON audit(account_id, id);
            """),
        // SQLite's v3 made the wide account table's indexes lean; here the account tables
        // are made lean at v4.
        ("v3-lean-account-indexes", ""),
        ("v4-account-state", """
            CREATE TABLE account_record (
                id \(text) PRIMARY KEY NOT NULL,
                client \(text) NOT NULL,
                debtor_name \(text) NOT NULL,
                balance BIGINT NOT NULL,
                currency \(text),
                phone \(text),
                email \(text),
                national_id \(text),
                address \(text),
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                days_past_due BIGINT,
                status \(text) NOT NULL DEFAULT 'open',
                visit_window_from \(text),
                visit_window_to \(text),
                service_minutes BIGINT,
                notes \(text),
                no_visit_before \(text),
                max_visits_per_month BIGINT,
                zone_id \(text),
                updated_at BIGINT NOT NULL,
                balance_run BIGINT NOT NULL DEFAULT 0,
                status_run BIGINT NOT NULL DEFAULT 0,
                location_run BIGINT NOT NULL DEFAULT 0
            );
            CREATE TABLE account_state (
                account_id \(text) PRIMARY KEY NOT NULL,
                balance BIGINT NOT NULL,
                status \(text) NOT NULL,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                hold_until \(text),
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX account_zone ON account_record(zone_id) WHERE zone_id IS NOT NULL;
            CREATE VIEW account AS
            SELECT r.id, r.client, r.debtor_name, COALESCE(s.balance, r.balance) AS balance, r.currency, r.phone, r.email,
                r.national_id, r.address,
                CASE WHEN s.account_id IS NULL THEN r.lat ELSE s.lat END AS lat,
                CASE WHEN s.account_id IS NULL THEN r.lon ELSE s.lon END AS lon,
                r.days_past_due, COALESCE(s.status, r.status) AS status, r.visit_window_from, r.visit_window_to,
                r.service_minutes, r.notes, r.no_visit_before, r.max_visits_per_month, r.zone_id, s.hold_until AS hold_until,
                GREATEST(r.updated_at, COALESCE(s.updated_at, r.updated_at)) AS updated_at
            FROM account_record r LEFT JOIN account_state s ON s.account_id = r.id;
            CREATE FUNCTION account_record_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE account_state SET
                    balance = CASE WHEN NEW.balance IS NOT DISTINCT FROM OLD.balance THEN account_state.balance ELSE NEW.balance END,
                    status = CASE WHEN NEW.status IS NOT DISTINCT FROM OLD.status THEN account_state.status ELSE NEW.status END,
                    lat = CASE WHEN NEW.lat IS NOT DISTINCT FROM OLD.lat AND NEW.lon IS NOT DISTINCT FROM OLD.lon
                        THEN account_state.lat ELSE NEW.lat END,
                    lon = CASE WHEN NEW.lat IS NOT DISTINCT FROM OLD.lat AND NEW.lon IS NOT DISTINCT FROM OLD.lon
                        THEN account_state.lon ELSE NEW.lon END
                WHERE account_id = NEW.id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER account_record_snapshot AFTER UPDATE OF balance, status, lat, lon ON account_record
                FOR EACH ROW EXECUTE FUNCTION account_record_snapshot();
            CREATE FUNCTION account_record_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM account_state WHERE account_id = OLD.id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER account_record_delete AFTER DELETE ON account_record
                FOR EACH ROW EXECUTE FUNCTION account_record_delete();
            """),
        // SQLite's v5 dropped the facts' `canonical` lines, which were never made here.
        ("v5-facts-without-lines", ""),
        ("v6-client-file-audit", """
            CREATE TABLE import_source (
                id BIGINT PRIMARY KEY,
                run BIGINT NOT NULL,
                name \(text) NOT NULL
            );
            ALTER TABLE account_record ADD COLUMN source_id BIGINT;
            ALTER TABLE account_record ADD COLUMN source_line BIGINT;
            ALTER TABLE account_record ADD COLUMN changed_source_id BIGINT;
            ALTER TABLE account_record ADD COLUMN changed_line BIGINT;
            ALTER TABLE rejected_line ADD COLUMN kind \(text);
            ALTER TABLE rejected_line ADD COLUMN record_id \(text);
            CREATE INDEX rejected_line_open ON rejected_line(kind, record_id) WHERE resolved = 0;
            """),
        ("v7-plan-edits", """
            ALTER TABLE plan ADD COLUMN made_by \(text);
            ALTER TABLE plan_route ADD COLUMN travel_seconds BIGINT;
            ALTER TABLE plan_visit ADD COLUMN leg_seconds BIGINT;
            CREATE TABLE plan_lock (
                date \(text) NOT NULL,
                agent_id \(text) NOT NULL,
                locked_at BIGINT NOT NULL,
                PRIMARY KEY (date, agent_id)
            );
            """),
        // `user` is a reserved word in PostgreSQL: the table keeps SQLite's name, quoted.
        ("v8-users", """
            CREATE TABLE "user" (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                name \(text) NOT NULL UNIQUE,
                role \(text) NOT NULL CHECK (role IN ('supervisor', 'agent')),
                agent_id \(text),
                token_hash BYTEA NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            );
            """),
        ("v9-roads", """
            CREATE TABLE road_network (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                profile \(text) NOT NULL,
                source \(text) NOT NULL,
                imported_at BIGINT NOT NULL,
                vertices BIGINT NOT NULL,
                edges BIGINT NOT NULL,
                km DOUBLE PRECISION NOT NULL,
                graph BYTEA NOT NULL
            );
            """),
    ]
}
