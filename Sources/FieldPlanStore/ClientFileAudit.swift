import GRDB

/// The audit of client files (issue 11): every change an import makes to an account that
/// existed, one `audit` row per field, old → new, with the file and line it came from.
///
/// A trigger does it, before the row changes, so the value the account showed (facts
/// included, in `account_state`) is still there to read; the upsert hands it the line in
/// `changed_source_id` / `changed_line` (migration `v6-client-file-audit`). The trigger is
/// a TEMP one, made by the import for its own transaction and dropped after it: its mere
/// presence on `account_record` made every insert of a first import about 5 % slower
/// (bench-import, 100,000 accounts), and an import into a store without accounts has
/// nothing to audit. Such an import still changes accounts it created itself when an id
/// comes twice (the last line wins, and the warning names both lines); those changes are
/// not audited field by field.
enum ClientFileAudit {
    /// Makes the trigger when the store holds accounts.
    /// - Complexity: one lookup.
    static func install(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account_record)") == true else { return }
        try db.execute(sql: """
            CREATE TEMP TRIGGER account_record_audit BEFORE UPDATE OF changed_source_id, changed_line ON main.account_record
            BEGIN
                INSERT INTO audit(at, run, account_id, source, line, actor, field, old, new)
                SELECT new.updated_at, i.run, new.id, i.name, new.changed_line, 'import', f, o, n
                FROM (
                    SELECT 'client' AS f, old.client AS o, new.client AS n, 1 AS c
                    UNION ALL SELECT 'debtor_name', old.debtor_name, new.debtor_name, 1
                    -- Money as Money.decimalText writes it: 1500, 1200.5, 12.05.
                    UNION ALL SELECT 'balance',
                        (SELECT CASE WHEN b IS NULL THEN NULL WHEN b % 100 = 0 THEN CAST(b / 100 AS TEXT)
                                WHEN b % 10 = 0 THEN printf('%d.%d', b / 100, (b % 100) / 10) ELSE printf('%d.%02d', b / 100, b % 100) END
                            FROM (SELECT IFNULL((SELECT balance FROM account_state WHERE account_id = old.id), old.balance) AS b)),
                        (SELECT CASE WHEN b IS NULL THEN NULL WHEN b % 100 = 0 THEN CAST(b / 100 AS TEXT)
                                WHEN b % 10 = 0 THEN printf('%d.%d', b / 100, (b % 100) / 10) ELSE printf('%d.%02d', b / 100, b % 100) END
                            FROM (SELECT new.balance AS b)),
                        old.balance IS NOT new.balance
                    UNION ALL SELECT 'currency', old.currency, new.currency, 1
                    UNION ALL SELECT 'phone', old.phone, new.phone, 1
                    UNION ALL SELECT 'email', old.email, new.email, 1
                    UNION ALL SELECT 'national_id', CASE WHEN old.national_id IS NULL THEN NULL ELSE '(masked)' END,
                        CASE WHEN new.national_id IS NULL THEN NULL ELSE '(masked)' END, old.national_id IS NOT new.national_id
                    UNION ALL SELECT 'address', old.address, new.address, 1
                    UNION ALL SELECT 'location',
                        CASE WHEN EXISTS (SELECT 1 FROM account_state WHERE account_id = old.id)
                            THEN (SELECT lat || ',' || lon FROM account_state WHERE account_id = old.id)
                            ELSE old.lat || ',' || old.lon END,
                        new.lat || ',' || new.lon, old.lat IS NOT new.lat OR old.lon IS NOT new.lon
                    UNION ALL SELECT 'days_past_due', old.days_past_due, new.days_past_due, 1
                    UNION ALL SELECT 'status', IFNULL((SELECT status FROM account_state WHERE account_id = old.id), old.status),
                        new.status, old.status IS NOT new.status
                    UNION ALL SELECT 'visit_window', old.visit_window_from || '-' || old.visit_window_to,
                        new.visit_window_from || '-' || new.visit_window_to, 1
                    UNION ALL SELECT 'service_minutes', old.service_minutes, new.service_minutes, 1
                    UNION ALL SELECT 'notes', old.notes, new.notes, 1
                    UNION ALL SELECT 'no_visit_before', old.no_visit_before, new.no_visit_before, 1
                    UNION ALL SELECT 'max_visits_per_month', old.max_visits_per_month, new.max_visits_per_month, 1
                    UNION ALL SELECT 'zone_id', old.zone_id, new.zone_id, 1
                ) LEFT JOIN import_source i ON i.id = new.changed_source_id
                -- A national id shows masked on both sides, so its own test says that it changed.
                WHERE c AND (o IS NOT n OR f = 'national_id');
            END;
            """)
    }

    /// Drops the trigger (a no-op when none was made).
    static func remove(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER IF EXISTS temp.account_record_audit")
    }
}
