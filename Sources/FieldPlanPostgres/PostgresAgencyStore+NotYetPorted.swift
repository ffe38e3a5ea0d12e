import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanReports
import FieldPlanStore

/// The use cases not yet ported to PostgreSQL (docs/postgres.md keeps the list): each throws
/// `StoreEngineError.notYetPorted` before touching the database, never a silent no-op. Each
/// is here as its own method (not left to the protocol extension's defaulted forms, which
/// call the requirement and would call themselves).
extension PostgresAgencyStore: AgencyStore {
    private func notYet<T>(_ operation: String) throws -> T {
        throw StoreEngineError.notYetPorted(operation: operation, engine: "PostgreSQL")
    }

    public func syncRecords(_ inputs: [ImportInput], now: Int64?, maxWaits: Int, onWait: (Int) -> Void,
                            onReject: (FieldPlanStore.Rejection) -> Void, onProgress: (Int) -> Void) throws -> ImportSummary {
        try notYet("sync import")
    }
    public func backup(to path: String, overwrite: Bool) throws -> FieldPlanStore.StoreFileSummary {
        try notYet("backup (use pg_dump)")
    }

    public func accountBriefs(_ ids: [String]) throws -> [String: FieldPlanStore.AccountBrief] { try notYet("route sheets") }
    public func promises(_ filter: PromiseList.Filter, now: Int64?) throws -> PromiseList { try notYet("promises") }
    public func callbacks(date: CivilDate) throws -> CallbackList { try notYet("callbacks") }

    public func planningInput(date: CivilDate, onlyAgents: Set<String>?, absent: Set<String>,
                              travel: (any TravelMatrixSource)?, fromTime: Int?) throws -> PlanningInput { try notYet("plan") }
    public func savePlan(_ plan: DayPlan, seed: UInt64, madeBy: String) throws -> FieldPlanStore.PlanChanges { try notYet("plan") }
    public func storedPlan(date: CivilDate, version: Int?, agent: String?) throws -> StoredPlan? { try notYet("plan show") }
    public func planVersions(date: CivilDate) throws -> [Int] { try notYet("plan show") }
    public func planLines(date: CivilDate, kinds: Set<String>, agent: String?) throws -> (version: Int, lines: [String])? {
        try notYet("plan show")
    }
    public func unplannedVisits(date: CivilDate) throws -> [UnplannedVisit] { try notYet("plan show") }
    public func planDays(from: CivilDate, to: CivilDate) throws -> [PlanDay] { try notYet("plan list") }
    public func planDays(from: CivilDate, to: CivilDate, _ each: (PlanDay) throws -> Void) throws { try notYet("plan list") as Void }
    public func editPlan(date: CivilDate, _ edit: PlanEdit, expectedVersion: Int?,
                         travel: (any TravelMatrixSource)?, offRoad: [String: String]) throws -> FieldPlanStore.PlanEditResult { try notYet("plan edit") }
    public func setRouteLocked(date: CivilDate, agent: String, _ locked: Bool, expectedVersion: Int?) throws -> Bool {
        try notYet("plan lock")
    }
    public func zoneNames(agent: String) throws -> [String] { try notYet("route sheets") }
    public func zoneAgent(account: String) throws -> String? { try notYet("zones") }

    public func syncPacket(date: CivilDate, agent: String, now: Int64?) throws -> [String] { try notYet("sync packet") }
    public func simulateFieldDay(date: CivilDate, seed: UInt64, until: Int?) throws -> [(agent: String, lines: [String])] {
        try notYet("sync simulate")
    }

    public func reviewItems(includeResolved: Bool) throws -> [FieldPlanStore.ReviewItem] { try notYet("review") }
    public func reviewItem(_ id: String) throws -> FieldPlanStore.ReviewItem? { try notYet("review") }
    public func resolveReview(_ id: String, note: String?, now: Int64?) throws -> Bool { try notYet("review resolve") }
    public func audit(account: String?, _ body: (FieldPlanStore.AuditEntry) throws -> Void) throws { try notYet("audit") as Void }
    public func clearances(state: String?) throws -> [FieldPlanStore.Clearance] { try notYet("clearances") }
    public func confirmClearance(account: String, by: String?, now: Int64?) throws -> Bool { try notYet("clearances confirm") }

    public func saveZoning(zones: [StoredZone], removing: [String], assignments: [(accountID: String, zoneID: String)]) throws -> Int {
        try notYet("zones build")
    }
    public func assignZone(_ zoneID: String, to agentID: String?) throws { try notYet("zones assign") as Void }
    public func assignZones(_ agents: [String: String?]) throws { try notYet("zones assign") as Void }
    public func renameZone(_ zoneID: String, to name: String?) throws { try notYet("zones rename") as Void }
    public func setZoneLocked(_ zoneID: String, _ locked: Bool) throws { try notYet("zones lock") as Void }

    public func saveRoadNetwork(_ network: StoredRoadNetwork) throws { try notYet("roads import") as Void }
    public func roadNetwork(withGraph: Bool) throws -> StoredRoadNetwork? { try notYet("roads") }
    public func locatedPlaces() throws -> [(kind: String, id: String, at: Coordinate)] { try notYet("roads") }
}
