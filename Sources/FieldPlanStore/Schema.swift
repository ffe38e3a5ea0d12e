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
        return migrator
    }
}
