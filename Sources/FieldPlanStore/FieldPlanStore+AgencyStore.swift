/// The SQLite engine of the store interface: its methods are the requirements themselves,
/// so a call through `any AgencyStore` is one dispatch and then exactly the tuned SQLite path.
extension FieldPlanStore: AgencyStore {
    /// The file's path (`:memory:` for a test store).
    public var location: String { writer.path }
}
