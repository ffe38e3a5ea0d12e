import FieldPlanCore
import FieldPlanPostgres
import FieldPlanStore
import Testing

/// The store contract: the same test body on each engine (SQLite, and PostgreSQL when a test
/// server is given), for every use case the PostgreSQL store has been ported for. Both
/// engines must give the same results and throw the same errors.
@Suite("Store contract")
struct StoreContractTests {
    @Test("a new store has every migration, named and ordered as on SQLite", arguments: StoreEngine.available)
    func migrations(_ engine: StoreEngine) async throws {
        let sqlite = try await withFreshStore(.sqlite) { try $0.appliedMigrations() }
        let applied = try await withFreshStore(engine) { try $0.appliedMigrations() }
        #expect(applied == sqlite)
        #expect(applied.first == "v1-accounts-agents-visits" && applied.last == "v9-roads" && applied.count == 9)
    }

    @Test("settings: the defaults, a value kept as normalized, an overwrite, read back", arguments: StoreEngine.available)
    func settings(_ engine: StoreEngine) async throws {
        let (before, kept, after) = try await withFreshStore(engine) { store in
            let before = try store.settings()
            let kept = try store.setSetting("visit_days", to: "sat,mon,tue")
            try store.setSetting("time_zone", to: "Europe/Berlin")
            try store.setSetting("time_zone", to: "Africa/Kampala")
            try store.setSetting("road_factor", to: "1.45")
            return (before, kept, try store.settings())
        }
        #expect(before == Settings())
        #expect(kept == "mon,tue,sat")
        #expect(after.visitDays == [.mon, .tue, .sat])
        #expect(after.timeZone == "Africa/Kampala")
        #expect(after.roadFactor == 1.45)
        #expect(after.currency == Settings().currency, "keys not set keep their defaults")
    }

    @Test("settings: a refused value is the same error, and nothing is stored", arguments: StoreEngine.available)
    func settingsRefused(_ engine: StoreEngine) async throws {
        let (messages, after) = try await withFreshStore(engine) { store in (Self.refusedSettings(store), try store.settings()) }
        let sqlite = try await withFreshStore(.sqlite) { store in Self.refusedSettings(store) }
        #expect(messages == sqlite)
        #expect(messages.count == 3 && !messages.contains("stored"))
        #expect(messages[0].hasPrefix("time_zone:") && messages[1].hasPrefix("service_minutes:") && messages[2].hasPrefix("no_such_key:"))
        #expect(after == Settings())
    }

    static func refusedSettings(_ store: any AgencyStore) -> [String] {
        [("time_zone", "Mars/Olympus"), ("service_minutes", "-3"), ("no_such_key", "1")].map { key, value in
            do {
                try store.setSetting(key, to: value)
                return "stored"
            } catch {
                return (error as? SettingsError)?.description ?? "\(error)"
            }
        }
    }

    @Test("users: add, list by name, find by token hash, revoke, with the same refusals", arguments: StoreEngine.available)
    func users(_ engine: StoreEngine) async throws {
        let report = try await withFreshStore(engine) { store in try Self.userScenario(store) }
        let sqlite = try await withFreshStore(.sqlite) { store in try Self.userScenario(store) }
        #expect(report == sqlite)
        #expect(report.users == ["anna supervisor - 100 -", "zed supervisor - 100 103"])
        #expect(report.found == "anna supervisor 32")
        #expect(report.revokedFound == "zed revoked at 103")
        #expect(report.missing == "nil")
        #expect(report.errors == [
            UserStoreError.nameTaken("anna").description,
            UserStoreError.unknownAgent("G9").description,
            UserStoreError.agentNeedsAgentID("bob").description,
            UserStoreError.supervisorWithAgent("carl").description,
            UserStoreError.invalidName("no spaces").description,
            UserStoreError.alreadyRevoked("zed").description,
            UserStoreError.unknownUser("nobody").description,
        ])
    }

    struct UserReport: Equatable, Sendable {
        var users: [String] = []
        var found = "", revokedFound = "", missing = ""
        var errors: [String] = []
    }

    static func userScenario(_ store: any AgencyStore) throws -> UserReport {
        var report = UserReport()
        let annaHash = [UInt8](repeating: 1, count: 32), zedHash = [UInt8](repeating: 2, count: 32)
        try store.addUser(name: "zed", role: .supervisor, agentID: nil, tokenHash: zedHash, now: 100)
        try store.addUser(name: "anna", role: .supervisor, agentID: nil, tokenHash: annaHash, now: 100)
        func refusal(_ body: () throws -> Void) {
            do { try body(); report.errors.append("accepted") } catch { report.errors.append((error as? UserStoreError)?.description ?? "\(error)") }
        }
        refusal { try store.addUser(name: "anna", role: .supervisor, agentID: nil, tokenHash: [9], now: 101) }
        refusal { try store.addUser(name: "gina", role: .agent, agentID: "G9", tokenHash: [8], now: 101) }
        refusal { try store.addUser(name: "bob", role: .agent, agentID: nil, tokenHash: [7], now: 101) }
        refusal { try store.addUser(name: "carl", role: .supervisor, agentID: "G1", tokenHash: [6], now: 101) }
        refusal { try store.addUser(name: "no spaces", role: .supervisor, agentID: nil, tokenHash: [5], now: 101) }
        try store.revokeUser(name: "zed", now: 103)
        refusal { try store.revokeUser(name: "zed", now: 104) }
        refusal { try store.revokeUser(name: "nobody", now: 104) }
        report.users = try store.users().map {
            "\($0.name) \($0.role.rawValue) \($0.agentID ?? "-") \($0.createdAt) \($0.revokedAt.map(String.init) ?? "-")"
        }
        if let found = try store.user(tokenHash: annaHash) {
            report.found = "\(found.user.name) \(found.user.role.rawValue) \(found.tokenHash.count)"
        }
        if let found = try store.user(tokenHash: zedHash) { report.revokedFound = "\(found.user.name) revoked at \(found.user.revokedAt ?? 0)" }
        report.missing = try store.user(tokenHash: [3, 3, 3]) == nil ? "nil" : "found"
        return report
    }

    @Test("the agency's date comes from the settings' time zone", arguments: StoreEngine.available)
    func agencyToday(_ engine: StoreEngine) async throws {
        // 2026-12-01 22:30 UTC: already the 2nd in Nairobi (UTC+3), still the 1st in UTC.
        let moment: Int64 = 1_796_164_200
        let (nairobi, utc) = try await withFreshStore(engine) { store in
            let nairobi = try store.agencyToday(now: moment)
            try store.setSetting("time_zone", to: "UTC")
            return (nairobi, try store.agencyToday(now: moment))
        }
        #expect(nairobi.description == "2026-12-02")
        #expect(utc.description == "2026-12-01")
    }
}
