import GRDB

extension FieldPlanStore {
    /// A watch on the store's commits (`StoreChanges`); nil for a store in memory, which no
    /// other connection can change.
    public func changes() throws -> StoreChanges? {
        guard let pool = writer as? DatabasePool else { return nil }
        return try StoreChanges(path: pool.path)
    }
}
