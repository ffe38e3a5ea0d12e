import GRDB

/// The store's migrations. Each is named and frozen once shipped: a change to the schema
/// is a new migration, never an edit of an old one. They use SQL only, no app types, so
/// that they mean the same forever.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts-agents-visits") { db in
            try db.execute(sql: """
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE zone (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT,
                    agent_id TEXT,
                    locked INTEGER NOT NULL DEFAULT 0,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE agent (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    base_lat REAL NOT NULL,
                    base_lon REAL NOT NULL,
                    shift_start TEXT NOT NULL,
                    shift_end TEXT NOT NULL,
                    phone TEXT,
                    days TEXT,
                    break_from TEXT,
                    break_to TEXT,
                    break_minutes INTEGER,
                    max_visits INTEGER,
                    active INTEGER,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    client TEXT NOT NULL,
                    debtor_name TEXT NOT NULL,
                    balance INTEGER NOT NULL,            -- minor units
                    currency TEXT,
                    phone TEXT,
                    email TEXT,
                    national_id TEXT,
                    address TEXT,
                    lat REAL,
                    lon REAL,
                    days_past_due INTEGER,
                    status TEXT NOT NULL DEFAULT 'open',
                    visit_window_from TEXT,
                    visit_window_to TEXT,
                    service_minutes INTEGER,
                    notes TEXT,
                    no_visit_before TEXT,
                    max_visits_per_month INTEGER,
                    zone_id TEXT,
                    hold_until TEXT,                     -- set by outcomes (CLAIMS_PAID, HARDSHIP)
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX account_zone ON account(zone_id);
                CREATE INDEX account_status ON account(status);
                CREATE TABLE appointment (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL,
                    date TEXT NOT NULL,
                    from_time TEXT NOT NULL,
                    to_time TEXT NOT NULL,
                    agent_id TEXT,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX appointment_date ON appointment(date);
                CREATE TABLE outcome (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    visited_at TEXT NOT NULL,
                    visited_epoch INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    contact TEXT,
                    promise_amount INTEGER,
                    promise_date TEXT,
                    collected_amount INTEGER,
                    collected_receipt TEXT,
                    location_lat REAL,
                    location_lon REAL,
                    location_accuracy_m REAL,
                    notes TEXT,
                    next_visit_date TEXT,
                    next_visit_from TEXT,
                    next_visit_to TEXT,
                    canonical TEXT NOT NULL,             -- the line as exported, to tell duplicates from conflicts
                    flagged TEXT,                        -- why it needs a supervisor's review
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX outcome_account ON outcome(account_id, visited_epoch);
                CREATE TABLE payment (
                    id TEXT PRIMARY KEY NOT NULL,
                    account_id TEXT NOT NULL,
                    amount INTEGER NOT NULL,
                    paid_at TEXT NOT NULL,
                    paid_epoch INTEGER NOT NULL,
                    reference TEXT,
                    channel TEXT,
                    canonical TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX payment_account ON payment(account_id, paid_epoch);
                CREATE TABLE promise (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL,
                    outcome_id TEXT NOT NULL UNIQUE,
                    amount INTEGER NOT NULL,
                    due_date TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending', -- pending, kept, broken, cancelled
                    paid INTEGER NOT NULL DEFAULT 0,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX promise_account ON promise(account_id);
                CREATE TABLE plan (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    date TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    seed INTEGER NOT NULL,
                    summary TEXT,
                    UNIQUE(date, version)
                );
                CREATE TABLE plan_route (
                    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                    agent_id TEXT NOT NULL,
                    line TEXT NOT NULL,                  -- the exported route record
                    PRIMARY KEY (plan_id, agent_id)
                );
                CREATE TABLE plan_visit (
                    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                    agent_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    account_id TEXT,
                    line TEXT NOT NULL,                  -- the exported visit record
                    PRIMARY KEY (plan_id, agent_id, seq)
                );
                CREATE TABLE plan_unplanned (
                    plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                    account_id TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TABLE rejected_line (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    field TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    resolved INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        // Issue 6, offline sync: what lets outcomes and payments drive accounts while staying
        // order-independent (each account is a client snapshot plus the facts stored after it),
        // and the review, clearance and audit records.
        migrator.registerMigration("v2-sync-effects") { db in
            try db.execute(sql: """
                CREATE TABLE import_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at INTEGER NOT NULL,
                    sync INTEGER NOT NULL DEFAULT 0
                );
                ALTER TABLE account ADD COLUMN client_balance INTEGER;  -- the balance as the client last sent it
                ALTER TABLE account ADD COLUMN client_status TEXT;
                ALTER TABLE account ADD COLUMN client_lat REAL;
                ALTER TABLE account ADD COLUMN client_lon REAL;
                ALTER TABLE account ADD COLUMN balance_run INTEGER NOT NULL DEFAULT 0;  -- facts of later runs apply on top
                ALTER TABLE account ADD COLUMN status_run INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN location_run INTEGER NOT NULL DEFAULT 0;
                UPDATE account SET client_balance = balance, client_status = status, client_lat = lat, client_lon = lon;
                ALTER TABLE outcome ADD COLUMN run INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE outcome ADD COLUMN source TEXT;
                ALTER TABLE outcome ADD COLUMN source_line INTEGER;
                ALTER TABLE payment ADD COLUMN run INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE payment ADD COLUMN source TEXT;
                ALTER TABLE payment ADD COLUMN source_line INTEGER;
                ALTER TABLE promise ADD COLUMN made_at TEXT;
                ALTER TABLE promise ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE appointment ADD COLUMN outcome_id TEXT;     -- made by this CALLBACK outcome
                CREATE INDEX appointment_account ON appointment(account_id);
                CREATE INDEX promise_due ON promise(state, due_date);
                CREATE INDEX outcome_flagged ON outcome(flagged) WHERE flagged IS NOT NULL;
                CREATE TABLE clearance (
                    account_id TEXT PRIMARY KEY NOT NULL,
                    cleared_at TEXT NOT NULL,            -- the instant of the payment or collection that cleared it
                    fact_id TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending', -- pending, confirmed
                    confirmed_at INTEGER,
                    confirmed_by TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE review (
                    item TEXT PRIMARY KEY NOT NULL,      -- an outcome id, or conflict-<rejected_line id>
                    resolved_at INTEGER NOT NULL,
                    note TEXT
                );
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    run INTEGER,
                    account_id TEXT NOT NULL,
                    source TEXT,
                    line INTEGER,
                    fact_kind TEXT,
                    fact_id TEXT,
                    actor TEXT,
                    field TEXT NOT NULL,
                    old TEXT,
                    new TEXT
                );
                CREATE INDEX audit_account ON audit(account_id, id);
                """)
        }
        // Issue 2, import speed: every account line paid for two index entries that no query
        // needs at that moment. Most accounts have no zone when they arrive, so the zone index
        // keeps only those that have one (`zone_id = ?` still uses it); and status has a handful
        // of values, most of them `open`, so the planner scans rather than use an index on it.
        migrator.registerMigration("v3-lean-account-indexes") { db in
            try db.execute(sql: """
                DROP INDEX account_status;
                DROP INDEX account_zone;
                CREATE INDEX account_zone ON account(zone_id) WHERE zone_id IS NOT NULL;
                """)
        }
        // Issue 6, sync speed: what facts derive (balance, status, location, hold) moves out of
        // the wide account row into a narrow table. A sync replays accounts all over the store;
        // updating their wide rows dirtied nearly every page of the account table (160 MiB
        // written twice, to the WAL and back), the narrow rows a few hundred pages. The
        // account row keeps exactly what the client last sent (its snapshot), and `account`
        // becomes a view of the two, read as before. A state row exists only for an account
        // that facts have moved away from its snapshot; a new snapshot value replaces the
        // derived one (trigger), as it did in the row before.
        migrator.registerMigration("v4-account-state") { db in
            try db.execute(sql: """
                CREATE TABLE account_record (
                    id TEXT PRIMARY KEY NOT NULL,
                    client TEXT NOT NULL,
                    debtor_name TEXT NOT NULL,
                    balance INTEGER NOT NULL,            -- minor units, as the client last sent it
                    currency TEXT,
                    phone TEXT,
                    email TEXT,
                    national_id TEXT,
                    address TEXT,
                    lat REAL,                            -- as the client last sent it
                    lon REAL,
                    days_past_due INTEGER,
                    status TEXT NOT NULL DEFAULT 'open', -- as the client last sent it
                    visit_window_from TEXT,
                    visit_window_to TEXT,
                    service_minutes INTEGER,
                    notes TEXT,
                    no_visit_before TEXT,
                    max_visits_per_month INTEGER,
                    zone_id TEXT,
                    updated_at INTEGER NOT NULL,
                    balance_run INTEGER NOT NULL DEFAULT 0,  -- the run of the snapshot value: facts of later runs apply on top
                    status_run INTEGER NOT NULL DEFAULT 0,
                    location_run INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO account_record(rowid, id, client, debtor_name, balance, currency, phone, email, national_id, address,
                    lat, lon, days_past_due, status, visit_window_from, visit_window_to, service_minutes, notes, no_visit_before,
                    max_visits_per_month, zone_id, updated_at, balance_run, status_run, location_run)
                SELECT rowid, id, client, debtor_name, COALESCE(client_balance, balance), currency, phone, email, national_id, address,
                    client_lat, client_lon, days_past_due, COALESCE(client_status, status), visit_window_from, visit_window_to,
                    service_minutes, notes, no_visit_before, max_visits_per_month, zone_id, updated_at, balance_run, status_run,
                    location_run
                FROM account;
                CREATE TABLE account_state (
                    account_id TEXT PRIMARY KEY NOT NULL,
                    balance INTEGER NOT NULL,            -- minor units
                    status TEXT NOT NULL,
                    lat REAL,                            -- NULL when a visit found the debtor gone
                    lon REAL,
                    hold_until TEXT,                     -- set by outcomes (CLAIMS_PAID, HARDSHIP)
                    updated_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO account_state(account_id, balance, status, lat, lon, hold_until, updated_at)
                SELECT id, balance, status, lat, lon, hold_until, updated_at FROM account
                WHERE balance IS NOT client_balance OR status IS NOT client_status OR lat IS NOT client_lat
                    OR lon IS NOT client_lon OR hold_until IS NOT NULL;
                DROP TABLE account;
                CREATE INDEX account_zone ON account_record(zone_id) WHERE zone_id IS NOT NULL;
                CREATE VIEW account AS
                SELECT r.id, r.client, r.debtor_name, IFNULL(s.balance, r.balance) AS balance, r.currency, r.phone, r.email,
                    r.national_id, r.address,
                    CASE WHEN s.account_id IS NULL THEN r.lat ELSE s.lat END AS lat,
                    CASE WHEN s.account_id IS NULL THEN r.lon ELSE s.lon END AS lon,
                    r.days_past_due, IFNULL(s.status, r.status) AS status, r.visit_window_from, r.visit_window_to,
                    r.service_minutes, r.notes, r.no_visit_before, r.max_visits_per_month, r.zone_id, s.hold_until AS hold_until,
                    MAX(r.updated_at, IFNULL(s.updated_at, r.updated_at)) AS updated_at
                FROM account_record r LEFT JOIN account_state s ON s.account_id = r.id;
                CREATE TRIGGER account_record_snapshot AFTER UPDATE OF balance, status, lat, lon ON account_record
                BEGIN
                    UPDATE account_state SET
                        balance = CASE WHEN new.balance IS old.balance THEN balance ELSE new.balance END,
                        status = CASE WHEN new.status IS old.status THEN status ELSE new.status END,
                        lat = CASE WHEN new.lat IS old.lat AND new.lon IS old.lon THEN lat ELSE new.lat END,
                        lon = CASE WHEN new.lat IS old.lat AND new.lon IS old.lon THEN lon ELSE new.lon END
                    WHERE account_id = new.id;
                END;
                CREATE TRIGGER account_record_delete AFTER DELETE ON account_record
                BEGIN
                    DELETE FROM account_state WHERE account_id = old.id;
                END;
                """)
        }
        // Issue 6, sync speed: an outcome or payment kept its exported line beside the columns
        // that hold every one of its fields, doubling the row. The line is now rebuilt from the
        // columns, for the export and to tell a duplicate from a conflict.
        migrator.registerMigration("v5-facts-without-lines") { db in
            try db.execute(sql: """
                ALTER TABLE outcome DROP COLUMN canonical;
                ALTER TABLE payment DROP COLUMN canonical;
                """)
        }
        // Issue 11, client files: every change a client file makes to an account is audited
        // with the line it came from, and a rejected line remembers its kind and id so that
        // its correction resolves it. A new account carries the line that created it
        // (`source_id`, `source_line`; an audit row per new account made bench-import 75 %
        // slower); the upsert's update sets `changed_source_id` / `changed_line`, which the
        // import's audit trigger (`ClientFileAudit`) reads. Files are named once per run in
        // `import_source`, so an account row holds two small integers, not a path.
        migrator.registerMigration("v6-client-file-audit") { db in
            try db.execute(sql: """
                CREATE TABLE import_source (
                    id INTEGER PRIMARY KEY,
                    run INTEGER NOT NULL,
                    name TEXT NOT NULL                   -- the file as messages name it
                );
                ALTER TABLE account_record ADD COLUMN source_id INTEGER;         -- the client-file line that created it
                ALTER TABLE account_record ADD COLUMN source_line INTEGER;
                ALTER TABLE account_record ADD COLUMN changed_source_id INTEGER; -- the line of its latest change by a client file
                ALTER TABLE account_record ADD COLUMN changed_line INTEGER;
                ALTER TABLE rejected_line ADD COLUMN kind TEXT;
                ALTER TABLE rejected_line ADD COLUMN record_id TEXT;
                CREATE INDEX rejected_line_open ON rejected_line(kind, record_id) WHERE resolved = 0;
                """)
        }
        // Issue 11, manual plan edits: a plan version says what made it, the exact travel
        // seconds are kept (the lines round them to tenths of minutes) so a stored route can
        // be rechecked and kept as it is, and a supervisor's locks survive re-plans.
        migrator.registerMigration("v7-plan-edits") { db in
            try db.execute(sql: """
                ALTER TABLE plan ADD COLUMN made_by TEXT;
                ALTER TABLE plan_route ADD COLUMN travel_seconds INTEGER;
                ALTER TABLE plan_visit ADD COLUMN leg_seconds INTEGER;
                CREATE TABLE plan_lock (
                    date TEXT NOT NULL,
                    agent_id TEXT NOT NULL,
                    locked_at INTEGER NOT NULL,
                    PRIMARY KEY (date, agent_id)
                );
                """)
        }
        // Issue 13, the HTTP service: the users who hold bearer tokens. Only the SHA-256 of a
        // token is kept; a revoked user stays listed with the moment it was revoked.
        migrator.registerMigration("v8-users") { db in
            try db.execute(sql: """
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('supervisor', 'agent')),
                    agent_id TEXT,
                    token_hash BLOB NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                """)
        }
        // Issue 15, road travel: the imported road network of one profile, as one blob the
        // road model reads back whole (a plan on roads loads it in one read).
        migrator.registerMigration("v9-roads") { db in
            try db.execute(sql: """
                CREATE TABLE road_network (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    profile TEXT NOT NULL,
                    source TEXT NOT NULL,
                    imported_at INTEGER NOT NULL,
                    vertices INTEGER NOT NULL,
                    edges INTEGER NOT NULL,
                    km REAL NOT NULL,
                    graph BLOB NOT NULL
                );
                """)
        }
        return migrator
    }
}
