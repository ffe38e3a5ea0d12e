import FieldPlanOSRM
import FieldPlanPlanning
import FieldPlanRoads
import FieldPlanStore

/// Why a use case could not be done, typed by what the caller should do about it, so each
/// edge maps it once: the command line prints `fieldplan: <message>` and exits 1; the HTTP
/// service answers `404`, `400`, `422`, `409` or `500` with `{"error": message}`. The
/// message is one line and names what was wrong; it never holds a national id.
public enum AppError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the request names does not exist: an account, agent, zone, plan, version, route (404).
    case notFound(String)
    /// The request itself is malformed or out of range: a bad date, a range too long, a value
    /// over a cap (400).
    case invalid(String)
    /// The request is well formed but a rule of the product refuses it: a day that has
    /// started, an edit past the shift's end, nobody working (422).
    case refused(String)
    /// The request clashes with the state of the store: something already exists or changed
    /// meanwhile (409).
    case conflict(String)
    /// The use case failed for a reason that is not the caller's: the store is damaged, a
    /// file cannot be written, the planner broke a rule (500).
    case failed(String)

    public var message: String {
        switch self {
        case .notFound(let m), .invalid(let m), .refused(let m), .conflict(let m), .failed(let m): m
        }
    }

    public var description: String { message }

    /// Runs `body`, turning the errors the store and the planner throw into `AppError`s with
    /// the same messages, so no edge needs to know the lower layers' error types.
    @discardableResult
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do { return try body() }
        catch let e as AppError { throw e }
        catch let e as PlanStoreError {
            if case .corrupt = e { throw AppError.failed(e.description) }
            if case .staleVersion = e { throw AppError.conflict(e.description) }
            throw AppError.notFound(e.description)
        }
        catch let e as PlanEditRefusal { throw AppError.refused(e.description) }
        catch let e as PlanningRefusal { throw AppError.refused(e.message) }
        catch let e as ZoneStoreError { throw AppError.notFound(e.description) }
        catch let e as StoreEngineError { throw AppError.refused(e.description) }
        catch let e as FieldPlanStore.SyncError { throw AppError.notFound(e.message) }
        catch let e as OSRMError { throw AppError.failed(e.description) }
        catch let e as RoadError {
            if case .damagedNetwork = e { throw AppError.failed(e.description) }
            throw AppError.refused(e.description)
        }
    }
}
