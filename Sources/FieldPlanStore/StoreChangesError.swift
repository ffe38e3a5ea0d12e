/// The change counter could not be read (the file went away, or is not a database).
struct StoreChangesError: Error, CustomStringConvertible {
    let message: String
    var description: String { "cannot read the store's change counter: \(message)" }
}
