/// The text of a statement the service runs many times a second (a device's sync, the
/// token look-up), prepared once per connection and then only bound and run (`Prepared`).
/// PostgreSQL parses and plans an unnamed statement anew each time: for `POST /api/sync`
/// that was more of the server's time than running the statements.
///
/// The text takes its values only as parameters (`$1`, …), never spliced in, so it is the
/// same every time; the parameters' types are those of the first run's bindings, so a
/// statement always binds the same types in the same places.
protocol PreparedSQL: SendableMetatype {
    static var sql: String { get }
}
