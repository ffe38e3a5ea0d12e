import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation

/// A small agency in a private in-memory store for the use-case tests: agents G1 and G2 in
/// Nairobi, six located accounts A1…A6 (phones and national ids included, so tests can
/// check what is never shown) and an appointment for A6 two days on. Nothing is zoned.
struct AppFixture {
    static let day = CivilDate("2026-11-24")!
    static let city = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"},"max_visits":4,"break":{"from":"12:00","to":"14:00","minutes":30}}
        {"kind":"agent","id":"G2","name":"Wanjiku","base":{"lat":-1.31,"lon":36.81},"shift":{"start":"08:00","end":"17:00"},"max_visits":4}
        {"kind":"account","id":"A1","client":"C","debtor_name":"One","balance":80000,"phone":"+254711000101","national_id":"NID-SECRET-1","lat":-1.301,"lon":36.801}
        {"kind":"account","id":"A2","client":"C","debtor_name":"Two","balance":70000,"phone":"+254711000102","national_id":"NID-SECRET-2","lat":-1.302,"lon":36.802}
        {"kind":"account","id":"A3","client":"C","debtor_name":"Three","balance":60000,"phone":"+254711000103","national_id":"NID-SECRET-3","lat":-1.303,"lon":36.803}
        {"kind":"account","id":"A4","client":"C","debtor_name":"Four","balance":50000,"national_id":"NID-SECRET-4","lat":-1.309,"lon":36.809}
        {"kind":"account","id":"A5","client":"C","debtor_name":"Five","balance":40000,"national_id":"NID-SECRET-5","lat":-1.308,"lon":36.808}
        {"kind":"account","id":"A6","client":"C","debtor_name":"Six","balance":30000,"national_id":"NID-SECRET-6","lat":-1.307,"lon":36.807}
        {"kind":"appointment","id":"AP2","account_id":"A6","date":"2026-11-26","from":"09:00","to":"10:00"}
        """

    let folder = TempFolder()
    let app: FieldPlanApp
    private var files = 0

    /// The SQLite store the app was made with (tests read its tables directly).
    let store: FieldPlanStore

    init() throws {
        store = try FieldPlanStore()
        app = FieldPlanApp(store: store)
        let result = try app.importRecords([ImportInput(path: folder.write("city.ndjson", Self.city), displayName: "city.ndjson")])
        precondition(!result.hasRejections)
    }


    /// A reproducible plan of `day` (an iteration budget, not time), stored as the next version.
    @discardableResult
    func plan(_ day: CivilDate = Self.day, force: Bool = false, iterations: Int = 60) throws -> PlanDayResult {
        try app.planDay(PlanDayRequest(date: day, iterations: iterations, force: force, today: Self.day))
    }

    /// Writes `lines` as one NDJSON file and returns it as an input.
    mutating func input(_ lines: [String], name: String? = nil) -> ImportInput {
        files += 1
        let file = name ?? "input\(files).ndjson"
        return ImportInput(path: folder.write(file, lines.joined(separator: "\n")), displayName: file)
    }
}

/// A scratch folder removed at the end of the test.
final class TempFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-app-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = path + "/" + name
        precondition(FileManager.default.createFile(atPath: p, contents: Data(text.utf8)), "cannot write \(p)")
        return p
    }
}

/// The `AppError` `body` throws (nil when it throws nothing or another error), so a test
/// can name the case and message it expects.
func appError(_ body: () throws -> Void) -> AppError? {
    do { try body() } catch let e as AppError { return e } catch { return nil }
    return nil
}
