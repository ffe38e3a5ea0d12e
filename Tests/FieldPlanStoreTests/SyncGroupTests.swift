import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanStore
import GRDB
import Testing

/// Several devices' syncs stored in one transaction (issue 13) give what the same syncs
/// give one after the other; a member that fails is rolled back alone.
struct SyncGroupTests {
    let folder = TempFolder()
    let now = Instant("2026-12-10T12:00:00+03:00")!.epochSeconds

    static let agents = #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#
    static func account(_ id: String) -> String {
        #"{"kind":"account","id":"\#(id)","client":"Jamii Bank","debtor_name":"D \#(id)","balance":5000,"lat":-1.29,"lon":36.82}"#
    }
    static func outcome(_ id: String, _ account: String, hour: Int, code: String = "NOT_HOME", promise: String = "") -> String {
        #"{"kind":"outcome","id":"\#(id)","account_id":"\#(account)","agent_id":"G1","visited_at":"2026-12-09T\#(hour):00:00+03:00","code":"\#(code)"\#(promise)}"#
    }

    func store() throws -> FieldPlanStore {
        let store = try FieldPlanStore()
        let base = folder.write("base-\(UInt64.random(in: 0...UInt64.max)).ndjson", ([Self.agents] + (1...4).map { Self.account("A\($0)") }).joined(separator: "\n"))
        _ = try store.importRecords([ImportInput(path: base)], now: now)
        return store
    }

    func export(_ store: FieldPlanStore) throws -> [String] {
        var lines: [String] = []
        try store.export(kinds: RecordKind.allCases) { lines.append($0) }
        return lines
    }

    @Test func aGroupStoresWhatTheSyncsStoreOneAfterAnother() throws {
        let devices: [[String]] = [
            [Self.outcome("o1", "A1", hour: 10), Self.outcome("o2", "A2", hour: 11, code: "PROMISE",
                                                             promise: #","contact":"debtor","promise":{"amount":1000,"due":"2026-12-20"}"#)],
            [Self.outcome("o3", "A3", hour: 12), "{broken", Self.outcome("o4", "NOPE", hour: 12)],
            [Self.outcome("o1", "A1", hour: 10)],                 // a repeat: a duplicate
            [Self.outcome("o3", "A3", hour: 13)],                 // same id, other content: a conflict
            [#"{"kind":"payment","id":"p1","account_id":"A2","amount":400,"paid_at":"2026-12-10T09:00:00+03:00"}"#],
        ]
        let files = devices.enumerated().map { i, lines in folder.write("device\(i).ndjson", lines.joined(separator: "\n")) }
        let members = files.map { SyncGroupMember(inputs: [ImportInput(path: $0, displayName: "sync")], now: now) }

        let alone = try store()
        var aloneSummaries: [ImportSummary] = [], aloneRejects: [[String]] = []
        for member in members {
            var rejects: [String] = []
            aloneSummaries.append(try alone.syncRecords(member.inputs, now: now, onReject: { rejects.append($0.error.description) }))
            aloneRejects.append(rejects)
        }

        let grouped = try store()
        var groupRejects = Array(repeating: [String](), count: members.count)
        let results = try grouped.syncGroup(members) { index, rejection in groupRejects[index].append(rejection.error.description) }
        let groupSummaries = try results.map { try $0.get() }

        #expect(groupSummaries == aloneSummaries)
        #expect(groupRejects == aloneRejects)
        #expect(aloneSummaries[2].total.unchanged == 1 && aloneSummaries[3].conflicts == 1 && aloneRejects[1].count == 2)
        #expect(try export(grouped) == export(alone))
    }

    @Test func aFailingMemberIsRolledBackAloneAndTheOthersKept() throws {
        let good = folder.write("good.ndjson", Self.outcome("o1", "A1", hour: 10))
        let alsoGood = folder.write("also.ndjson", Self.outcome("o2", "A2", hour: 11))
        let store = try store()
        let members = [SyncGroupMember(inputs: [ImportInput(path: good)], now: now),
                       SyncGroupMember(inputs: [ImportInput(path: alsoGood), ImportInput(path: folder.path + "/missing.ndjson")], now: now),
                       SyncGroupMember(inputs: [ImportInput(path: alsoGood)], now: now)]
        let results = try store.syncGroup(members)
        #expect(try results[0].get().total.accepted == 1)
        #expect(throws: (any Error).self) { try results[1].get() }
        // The second's o2 was rolled back with it, so the third stores o2 as new.
        #expect(try results[2].get().total.accepted == 1)
        let ids = try store.writer.read { try String.fetchAll($0, sql: "SELECT id FROM outcome ORDER BY id") }
        #expect(ids == ["o1", "o2"])
    }
}
