import FieldPlanCore
import PostgresNIO

/// One result row read column after column, as `Row+Records` reads SQLite's: each record is
/// selected with its columns in a fixed order (`PostgresColumns.account` …) and rebuilt here.
/// A value that no longer parses is read as absent rather than trusted.
///
/// The cells are walked in order: a `PostgresRandomAccessRow` would first copy every cell
/// of the row into an array of its own, an allocation and a retain per cell on every row,
/// which the service's sync pays on each of the hundreds of history rows it reads per post.
struct PostgresColumns {
    private var cells: PostgresRow.Iterator

    /// A read past the row's last column: a select and its reader disagree.
    struct NoMoreColumns: Error {}

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    private mutating func next() throws -> PostgresCell {
        guard let cell = cells.next() else { throw NoMoreColumns() }
        return cell
    }

    mutating func text() throws -> String? { try next().decode(String?.self) }
    mutating func int64() throws -> Int64? { try next().decode(Int64?.self) }
    mutating func int() throws -> Int? { try int64().map { Int($0) } }
    mutating func double() throws -> Double? { try next().decode(Double?.self) }

    mutating func window() throws -> TimeWindow? {
        let from = try text(), to = try text()
        guard let from, let to, let a = LocalTime(from), let b = LocalTime(to) else { return nil }
        return TimeWindow(from: a, to: b)
    }

    static let account = """
        id, client, debtor_name, balance, currency, phone, email, national_id, address, lat, lon, days_past_due, status,
        visit_window_from, visit_window_to, service_minutes, notes, no_visit_before, max_visits_per_month, zone_id
        """

    mutating func account() throws -> Account {
        var a = Account(id: try text() ?? "", client: try text() ?? "", debtorName: try text() ?? "",
                        balance: Money(minorUnits: try int64() ?? 0))
        a.currency = try text()
        a.phone = try text()
        a.email = try text()
        a.nationalID = try text()
        a.address = try text()
        let lat = try double(), lon = try double()
        if let lat, let lon { a.location = Coordinate(lat: lat, lon: lon) }
        a.daysPastDue = try int()
        a.status = AccountStatus(rawValue: try text() ?? "open")
        a.visitWindow = try window()
        a.serviceMinutes = try int()
        a.notes = try text()
        a.noVisitBefore = try text().flatMap { CivilDate($0) }
        a.maxVisitsPerMonth = try int()
        a.zoneID = try text()
        return a
    }

    static let agent = """
        id, name, base_lat, base_lon, shift_start, shift_end, phone, days, break_from, break_to, break_minutes, max_visits, active
        """

    mutating func agent() throws -> Agent {
        let id = try text() ?? "", name = try text() ?? ""
        let base = Coordinate(lat: try double() ?? 0, lon: try double() ?? 0) ?? Coordinate(lat: 0, lon: 1e-9)!
        let shift = try window() ?? TimeWindow(from: LocalTime(minutes: 0), to: LocalTime(minutes: 0))!
        var a = Agent(id: id, name: name, base: base, shift: shift)
        a.phone = try text()
        a.days = try text().map { $0.split(separator: ",").compactMap { Weekday(rawValue: String($0)) } }
        let breakWindow = try window(), minutes = try int()
        if let breakWindow, let minutes { a.breakRule = BreakRule(window: breakWindow, minutes: minutes) }
        a.maxVisits = try int()
        a.active = try int64().map { $0 != 0 }
        return a
    }

    static let appointment = "id, account_id, date, from_time, to_time, agent_id"

    mutating func appointment() throws -> Appointment? {
        let id = try text() ?? "", accountID = try text() ?? "", date = try text().flatMap { CivilDate($0) }
        let window = try window(), agentID = try text()
        guard let date, let window else { return nil }
        return Appointment(id: id, accountID: accountID, date: date, window: window, agentID: agentID)
    }

    static let zone = "id, name, agent_id"

    mutating func zone() throws -> Zone { Zone(id: try text() ?? "", name: try text(), agentID: try text()) }

    static let outcome = """
        id, account_id, agent_id, visited_at, code, contact, promise_amount, promise_date, collected_amount, collected_receipt,
        location_lat, location_lon, location_accuracy_m, notes, next_visit_date, next_visit_from, next_visit_to
        """

    mutating func outcome() throws -> Outcome? {
        let id = try text() ?? "", accountID = try text() ?? "", agentID = try text() ?? ""
        let visitedAt = try text().flatMap { Instant($0) }, code = try text().flatMap(OutcomeCode.init(rawValue:))
        let contact = try text().flatMap(ContactType.init(rawValue:))
        let promiseAmount = try int64(), promiseDate = try text().flatMap { CivilDate($0) }
        let collected = try int64(), receipt = try text()
        let lat = try double(), lon = try double(), accuracy = try double()
        let notes = try text()
        let nextDate = try text().flatMap { CivilDate($0) }, nextWindow = try window()
        guard let visitedAt, let code else { return nil }
        var o = Outcome(id: id, accountID: accountID, agentID: agentID, visitedAt: visitedAt, code: code)
        o.contact = contact
        if let promiseAmount, let promiseDate { o.promise = Outcome.Promise(amount: Money(minorUnits: promiseAmount), date: promiseDate) }
        if let collected { o.collected = Outcome.Collection(amount: Money(minorUnits: collected), receipt: receipt) }
        if let lat, let lon, let coordinate = Coordinate(lat: lat, lon: lon) {
            o.location = Outcome.ReportedLocation(coordinate: coordinate, accuracyMetres: accuracy)
        }
        o.notes = notes
        if let nextDate { o.nextVisit = Outcome.NextVisit(date: nextDate, window: nextWindow) }
        return o
    }

    static let payment = "id, account_id, amount, paid_at, reference, channel"

    mutating func payment() throws -> Payment? {
        let id = try text() ?? "", accountID = try text() ?? "", amount = try int64() ?? 0
        let paidAt = try text().flatMap { Instant($0) }, reference = try text(), channel = try text()
        guard let paidAt else { return nil }
        var p = Payment(id: id, accountID: accountID, amount: Money(minorUnits: amount), paidAt: paidAt)
        p.reference = reference
        p.channel = channel
        return p
    }
}
