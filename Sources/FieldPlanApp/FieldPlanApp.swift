import FieldPlanStore

/// The application layer: every use case once, called the same way by the command line and
/// by the HTTP service. A use case reads and writes through the store and computes with the
/// pure modules; the edges only translate arguments in and results out. The store is either
/// engine (SQLite or PostgreSQL, SPEC §13): a use case cannot tell which.
public struct FieldPlanApp: Sendable {
    public let store: any AgencyStore

    public init(store: any AgencyStore) { self.store = store }
}
