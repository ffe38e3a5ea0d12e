import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanReports

/// The store as the application layer sees it: one operation per use case (import a batch,
/// read the planning input, save a plan, report facts, …), with two engines behind it, the
/// embedded SQLite file (`FieldPlanStore`) and a PostgreSQL server (`PostgresAgencyStore`,
/// SPEC §13). The pure core, the planner, the sync rules and the HTTP handlers see only this.
///
/// It sits at the level of use cases so that each engine keeps its own tuned paths (SQLite's
/// prepared statements and C-API batches, PostgreSQL's COPY and set-based SQL): a call costs
/// one existential dispatch per use case, never one per row. Every operation is synchronous
/// and is called from plain threads (the CLI's main thread, the server's store pool), never
/// from the Swift concurrency pool; each is one transaction, as SPEC §2 asks.
///
/// Requirements take every argument; the extension below gives them the defaults that
/// `FieldPlanStore`'s own methods have, so callers read the same on either engine. An engine
/// must implement every requirement itself (the defaulted forms call the requirements).
public protocol AgencyStore: Sendable {
    /// What messages call the store: the file's path, or the server's URL without password.
    var location: String { get }

    func appliedMigrations() throws -> [String]

    /// A watch on commits by anyone (the token cache's check); nil when the engine has none,
    /// and then every request looks its token up.
    func changes() throws -> StoreChanges?

    // Settings and users (SPEC §8).
    func settings() throws -> Settings
    @discardableResult func setSetting(_ key: String, to value: String) throws -> String
    @discardableResult func addUser(name: String, role: StoredUser.Role, agentID: String?, tokenHash: [UInt8], now: Int64?) throws -> StoredUser
    func users() throws -> [StoredUser]
    func revokeUser(name: String, now: Int64?) throws
    func user(tokenHash: [UInt8]) throws -> (user: StoredUser, tokenHash: [UInt8])?

    // Bringing data in and out (SPEC §3, §6).
    func importRecords(_ inputs: [ImportInput], dryRun: Bool, sync: Bool, ignoreUnknownColumns: Bool, now: Int64?,
                       onReject: (FieldPlanStore.Rejection) -> Void, onWarning: (String) -> Void, onProgress: (Int) -> Void) throws -> ImportSummary
    func syncRecords(_ inputs: [ImportInput], now: Int64?, maxWaits: Int, onWait: (Int) -> Void,
                     onReject: (FieldPlanStore.Rejection) -> Void, onProgress: (Int) -> Void) throws -> ImportSummary
    /// Several devices' syncs, each merged as `syncRecords` would merge it alone, answered
    /// one result each; an engine may store them in one transaction (SQLite does). Rejects
    /// come with the member's index.
    func syncGroup(_ members: [SyncGroupMember], maxWaits: Int, onReject: (Int, FieldPlanStore.Rejection) -> Void) throws -> [Result<ImportSummary, any Error>]
    func export(kinds: [RecordKind], since: Int64?, _ emit: (String) throws -> Void) throws
    func creatingLine(ofAccount id: String) throws -> (source: String, line: Int)?
    func backup(to path: String, overwrite: Bool) throws -> FieldPlanStore.StoreFileSummary

    // Reading accounts and agents.
    func accounts(_ filter: FieldPlanStore.AccountFilter, _ body: (Account) throws -> Void) throws
    func account(id: String) throws -> Account?
    func accountDetail(id: String, now: Int64?) throws -> AccountDetail?
    func accountPage(_ filter: FieldPlanStore.AccountFilter, zone: String?, after: String?, limit: Int) throws -> AccountPage
    func accountBriefs(_ ids: [String]) throws -> [String: FieldPlanStore.AccountBrief]
    func agents() throws -> [Agent]
    func counts() throws -> [(table: String, count: Int)]
    func rejectedLines(limit: Int) throws -> [(source: String, line: Int, field: String, reason: String)]
    func agencyToday(now: Int64?) throws -> CivilDate
    func promises(_ filter: PromiseList.Filter, now: Int64?) throws -> PromiseList
    func callbacks(date: CivilDate) throws -> CallbackList

    // Plans (SPEC §4, §5).
    func planningInput(date: CivilDate, onlyAgents: Set<String>?, absent: Set<String>,
                       travel: (any TravelMatrixSource)?, fromTime: Int?) throws -> PlanningInput
    func savePlan(_ plan: DayPlan, seed: UInt64, madeBy: String) throws -> FieldPlanStore.PlanChanges
    /// With `agent`, only that agent's route is read (a phone's plan of the day).
    func storedPlan(date: CivilDate, version: Int?, agent: String?) throws -> StoredPlan?
    func planVersions(date: CivilDate) throws -> [Int]
    func planLines(date: CivilDate, kinds: Set<String>, agent: String?) throws -> (version: Int, lines: [String])?
    func unplannedVisits(date: CivilDate) throws -> [UnplannedVisit]
    func planDays(from: CivilDate, to: CivilDate) throws -> [PlanDay]
    /// The same days one at a time, as the store reads them (a streamed calendar).
    func planDays(from: CivilDate, to: CivilDate, _ each: (PlanDay) throws -> Void) throws
    func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int?,
                  travel: (any TravelMatrixSource)?, offRoad: [String: String]) throws -> FieldPlanStore.PlanEditResult
    func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int?) throws -> Bool
    func zoneNames(agent: String) throws -> [String]
    func zoneAgent(account: String) throws -> String?

    // Field sync (SPEC §6).
    func syncPacket(date: CivilDate, agent: String, now: Int64?) throws -> [String]
    func simulateFieldDay(date: CivilDate, seed: UInt64, until: Int?) throws -> [(agent: String, lines: [String])]

    // Rejects, review, clearances, audit.
    func rejections(includeResolved: Bool, limit: Int) throws -> [FieldPlanStore.StoredRejection]
    func clearRejections(before epochSeconds: Int64) throws -> Int
    func reviewItems(includeResolved: Bool) throws -> [FieldPlanStore.ReviewItem]
    func reviewItem(_ id: String) throws -> FieldPlanStore.ReviewItem?
    func resolveReview(_ id: String, note: String?, now: Int64?) throws -> Bool
    func audit(account: String?, _ body: (FieldPlanStore.AuditEntry) throws -> Void) throws
    func clearances(state: String?) throws -> [FieldPlanStore.Clearance]
    func confirmClearance(account: String, by: String?, now: Int64?) throws -> Bool

    // Reports (SPEC §7).
    func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool, detailsFrom: CivilDate?,
                     portfolio: Bool, attributionDays: Int) throws -> ReportFacts

    // Zones (SPEC §9).
    func zones() throws -> [StoredZone]
    func zones(since: Int64?) throws -> [StoredZone]
    func zoningAccounts() throws -> [FieldPlanStore.ZoningAccount]
    func saveZoning(zones: [StoredZone], removing: [String], assignments: [(accountID: String, zoneID: String)]) throws -> Int
    func assignZone(_ zoneID: String, to agentID: String?) throws
    func assignZones(_ agents: [String: String?]) throws
    func renameZone(_ zoneID: String, to name: String?) throws
    func setZoneLocked(_ zoneID: String, _ locked: Bool) throws

    // Roads (SPEC §11).
    func saveRoadNetwork(_ network: StoredRoadNetwork) throws
    func roadNetwork(withGraph: Bool) throws -> StoredRoadNetwork?
    func locatedPlaces() throws -> [(kind: String, id: String, at: Coordinate)]
}

/// The defaults of `FieldPlanStore`'s methods, for callers holding `any AgencyStore`. Each
/// form passes every argument on to the requirement, which the engine implements.
extension AgencyStore {
    /// The agency's clock as the store's settings say.
    public func clock() throws -> AgencyClock { FieldPlanStore.clock(timeZone: try settings().timeZone) }

    @discardableResult
    public func addUser(name: String, role: StoredUser.Role, agentID: String?, tokenHash: [UInt8], now: Int64? = nil) throws -> StoredUser {
        try addUser(name: name, role: role, agentID: agentID, tokenHash: tokenHash, now: now)
    }

    public func revokeUser(name: String, now: Int64? = nil) throws { try revokeUser(name: name, now: now) }

    public func importRecords(_ inputs: [ImportInput], dryRun: Bool = false, sync: Bool = false, ignoreUnknownColumns: Bool = false,
                              now: Int64? = nil, onReject: (FieldPlanStore.Rejection) -> Void = { _ in }, onWarning: (String) -> Void = { _ in },
                              onProgress: (Int) -> Void = { _ in }) throws -> ImportSummary {
        try importRecords(inputs, dryRun: dryRun, sync: sync, ignoreUnknownColumns: ignoreUnknownColumns, now: now,
                          onReject: onReject, onWarning: onWarning, onProgress: onProgress)
    }

    public func syncRecords(_ inputs: [ImportInput], now: Int64? = nil, maxWaits: Int = 20, onWait: (Int) -> Void = { _ in },
                            onReject: (FieldPlanStore.Rejection) -> Void = { _ in }, onProgress: (Int) -> Void = { _ in }) throws -> ImportSummary {
        try syncRecords(inputs, now: now, maxWaits: maxWaits, onWait: onWait, onReject: onReject, onProgress: onProgress)
    }

    /// For an engine without a grouped path: each member alone, one transaction each.
    public func syncGroup(_ members: [SyncGroupMember], maxWaits: Int, onReject: (Int, FieldPlanStore.Rejection) -> Void) throws -> [Result<ImportSummary, any Error>] {
        members.enumerated().map { index, member in
            Result { try syncRecords(member.inputs, now: member.now, maxWaits: maxWaits, onWait: { _ in }, onReject: { onReject(index, $0) }, onProgress: { _ in }) }
        }
    }

    public func export(kinds: [RecordKind], since: Int64? = nil, _ emit: (String) throws -> Void) throws {
        try export(kinds: kinds, since: since, emit)
    }

    public func accountDetail(id: String, now: Int64? = nil) throws -> AccountDetail? { try accountDetail(id: id, now: now) }

    public func accountPage(_ filter: FieldPlanStore.AccountFilter, zone: String? = nil, after: String? = nil, limit: Int) throws -> AccountPage {
        try accountPage(filter, zone: zone, after: after, limit: limit)
    }

    public func rejectedLines(limit: Int = 1000) throws -> [(source: String, line: Int, field: String, reason: String)] {
        try rejectedLines(limit: limit)
    }

    public func agencyToday(now: Int64? = nil) throws -> CivilDate { try agencyToday(now: now) }

    public func promises(_ filter: PromiseList.Filter, now: Int64? = nil) throws -> PromiseList { try promises(filter, now: now) }

    public func planningInput(date: CivilDate, onlyAgents: Set<String>? = nil, absent: Set<String> = [],
                              travel: (any TravelMatrixSource)? = nil, fromTime: Int? = nil) throws -> PlanningInput {
        try planningInput(date: date, onlyAgents: onlyAgents, absent: absent, travel: travel, fromTime: fromTime)
    }

    public func savePlan(_ plan: DayPlan, seed: UInt64, madeBy: String = "plan") throws -> FieldPlanStore.PlanChanges {
        try savePlan(plan, seed: seed, madeBy: madeBy)
    }

    public func storedPlan(date: CivilDate, version: Int? = nil, agent: String? = nil) throws -> StoredPlan? {
        try storedPlan(date: date, version: version, agent: agent)
    }

    public func planLines(date: CivilDate, kinds: Set<String> = ["route", "visit"], agent: String? = nil) throws -> (version: Int, lines: [String])? {
        try planLines(date: date, kinds: kinds, agent: agent)
    }

    public func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int? = nil,
                         travel: (any TravelMatrixSource)? = nil, offRoad: [String: String] = [:]) throws -> FieldPlanStore.PlanEditResult {
        try editPlan(date: date, edit, expectedVersion: expectedVersion, travel: travel, offRoad: offRoad)
    }

    public func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int? = nil) throws -> Bool {
        try setRouteLocked(date: date, agent: agent, locked, expectedVersion: expectedVersion)
    }

    public func syncPacket(date: CivilDate, agent: String, now: Int64? = nil) throws -> [String] {
        try syncPacket(date: date, agent: agent, now: now)
    }

    public func simulateFieldDay(date: CivilDate, seed: UInt64, until: Int? = nil) throws -> [(agent: String, lines: [String])] {
        try simulateFieldDay(date: date, seed: seed, until: until)
    }

    public func rejections(includeResolved: Bool = false, limit: Int = 1000) throws -> [FieldPlanStore.StoredRejection] {
        try rejections(includeResolved: includeResolved, limit: limit)
    }

    public func reviewItems(includeResolved: Bool = false) throws -> [FieldPlanStore.ReviewItem] { try reviewItems(includeResolved: includeResolved) }

    public func resolveReview(_ id: String, note: String?, now: Int64? = nil) throws -> Bool { try resolveReview(id, note: note, now: now) }

    public func audit(account: String? = nil, _ body: (FieldPlanStore.AuditEntry) throws -> Void) throws { try audit(account: account, body) }

    public func clearances(state: String? = nil) throws -> [FieldPlanStore.Clearance] { try clearances(state: state) }

    public func confirmClearance(account: String, by: String?, now: Int64? = nil) throws -> Bool {
        try confirmClearance(account: account, by: by, now: now)
    }

    public func reportFacts(from: CivilDate, to: CivilDate, accountDetails: Bool = true, detailsFrom: CivilDate? = nil,
                            portfolio: Bool = false, attributionDays: Int = 30) throws -> ReportFacts {
        try reportFacts(from: from, to: to, accountDetails: accountDetails, detailsFrom: detailsFrom, portfolio: portfolio,
                        attributionDays: attributionDays)
    }

    public func roadNetwork(withGraph: Bool = true) throws -> StoredRoadNetwork? { try roadNetwork(withGraph: withGraph) }
}
