import Foundation
import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanStore
import GRDB
import Testing

struct ImportTests {
    let folder = TempFolder()
    let now = Instant("2026-12-01T12:00:00+03:00")!.epochSeconds

    static let agent = #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#
    static func account(_ id: String, balance: String = "1500") -> String {
        #"{"kind":"account","id":"\#(id)","client":"Jamii Bank","debtor_name":"D \#(id)","balance":\#(balance),"lat":-1.29,"lon":36.82}"#
    }

    func run(_ store: FieldPlanStore, _ path: String, dryRun: Bool = false) throws -> (ImportSummary, [String]) {
        var errors: [String] = []
        let s = try store.importRecords([ImportInput(path: path, displayName: "in.ndjson")], dryRun: dryRun, now: now,
                                        onReject: { errors.append($0.error.description) })
        return (s, errors)
    }

    @Test func goodLinesAreKeptAroundBadOnes() throws {
        let store = try FieldPlanStore()
        let path = folder.write("in.ndjson", [Self.account("A1"), "{not json", Self.account("A2", balance: #""12,000""#),
                                              "", Self.account("A3")].joined(separator: "\n"))
        let (s, errors) = try run(store, path)
        #expect(s.byKind["account"]?.accepted == 2)
        #expect(s.total.rejected == 2)
        #expect(errors == ["in.ndjson:2: invalid JSON at column 2: expected a member name in quotes",
                           #"in.ndjson:3: balance: expected a number, got "12,000""#])
        let kept = try store.rejectedLines()
        #expect(kept.map(\.line) == [2, 3])
        #expect(try store.account(id: "A3") != nil)
    }

    @Test func reimportChangesNothingAndChangesAreSeen() throws {
        let store = try FieldPlanStore()
        let path = folder.write("in.ndjson", [Self.agent, Self.account("A1"), Self.account("A2")].joined(separator: "\n"))
        let (first, _) = try run(store, path)
        #expect(first.total.accepted == 3)
        let (second, _) = try run(store, path)
        #expect(second.total.accepted == 0 && second.total.unchanged == 3)
        let changed = folder.write("changed.ndjson", Self.account("A2", balance: "99.5"))
        let (third, _) = try run(store, changed)
        #expect(third.byKind["account"]?.accepted == 1)
        #expect(try store.account(id: "A2")?.balance.minorUnits == 9950)
    }

    /// A small file is parsed on the storing thread, a big one on its own thread while the
    /// store works (issue 13): the same lines, good and bad, give the same store either way.
    @Test func aBigFileAndItsSmallPiecesImportAlike() throws {
        var lines = [Self.agent]
        for i in 0..<3_000 {
            lines.append(i % 500 == 7 ? #"{"kind":"account","id":"BAD\#(i)","balance":"x"}"# : Self.account(String(format: "A%05d", i), balance: String(100 + i)))
        }
        let whole = folder.write("whole.ndjson", lines.joined(separator: "\n"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: whole)[.size] as? Int)
        #expect(size > FieldPlanStore.smallInputBytes && !FieldPlanStore.isSmall(ImportInput(path: whole)))
        let pieces = stride(from: 0, to: lines.count, by: 700).map { start in
            folder.write("piece\(start).ndjson", lines[start..<min(start + 700, lines.count)].joined(separator: "\n"))
        }
        #expect(pieces.allSatisfy { FieldPlanStore.isSmall(ImportInput(path: $0)) })
        let big = try FieldPlanStore(), small = try FieldPlanStore()
        var bigErrors: [String] = [], smallErrors: [String] = []
        let a = try big.importRecords([ImportInput(path: whole, displayName: "in.ndjson")], now: now, onReject: { bigErrors.append($0.error.error.reason) })
        let b = try small.importRecords(pieces.map { ImportInput(path: $0, displayName: "in.ndjson") }, now: now,
                                        onReject: { smallErrors.append($0.error.error.reason) })
        #expect(a.byKind["account"]?.accepted == 2_994 && a.total.rejected == 6)
        #expect(b.byKind == a.byKind && smallErrors == bigErrors)
        func exported(_ store: FieldPlanStore) throws -> [String] {
            var out: [String] = []
            try store.export(kinds: [.account, .agent]) { out.append($0) }
            return out
        }
        #expect(try exported(small) == exported(big))
    }

    @Test func duplicateIDInOneFileLastWins() throws {
        let store = try FieldPlanStore()
        var warnings: [String] = []
        let path = folder.write("in.ndjson", [Self.account("A1", balance: "1"), Self.account("A1", balance: "2")].joined(separator: "\n"))
        let s = try store.importRecords([ImportInput(path: path, displayName: "in.ndjson")], now: now, onWarning: { warnings.append($0) })
        #expect(s.duplicatesInRun == 1)
        #expect(warnings.first?.hasPrefix("in.ndjson:2: id:") == true)
        #expect(try store.account(id: "A1")?.balance.minorUnits == 200)
    }

    /// Accounts without a zone travel packed from the reading thread (issue 2 speed work);
    /// their texts must reach the store byte for byte across batch boundaries, empty and
    /// non-ASCII texts included, and the same as an account that takes the record path.
    @Test func textsReachTheStoreIntactPackedOrNot() throws {
        let store = try FieldPlanStore()
        var lines = [#"{"kind":"zone","id":"Z1","name":"Kibera"}"#]
        var expected: [String: (name: String, notes: String?)] = [:]
        for i in 0..<1_300 {   // more than two batches
            let name = i % 3 == 0 ? "Zoë Wanjirũ \(i)" : String(repeating: "n", count: 1 + i % 40)
            let notes: String? = i % 5 == 0 ? "" : (i % 5 == 1 ? nil : "gate \(i) 🚪")
            let zone = i % 7 == 0 ? #","zone_id":"Z1""# : ""
            let notesField = notes.map { #","notes":"\#($0)""# } ?? ""
            lines.append(#"{"kind":"account","id":"A\#(i)","client":"Jamii Bank","debtor_name":"\#(name)","balance":10\#(notesField)\#(zone)}"#)
            expected["A\(i)"] = (name, notes)
        }
        let (s, errors) = try run(store, folder.write("in.ndjson", lines.joined(separator: "\n")))
        #expect(errors.isEmpty)
        #expect(s.byKind["account"]?.accepted == 1_300)
        for (id, e) in expected {
            let a = try #require(try store.account(id: id))
            #expect(a.debtorName == e.name)
            #expect(a.notes == e.notes)
        }
        #expect(try store.account(id: "A7")?.zoneID == "Z1")
        #expect(try store.account(id: "A8")?.zoneID == nil)
    }

    @Test func referencesMayComeLaterInTheStreamButMustExist() throws {
        let store = try FieldPlanStore()
        let path = folder.write("in.ndjson", [
            #"{"kind":"appointment","id":"P1","account_id":"A1","date":"2026-12-02","from":"10:00","to":"11:00"}"#,
            #"{"kind":"appointment","id":"P2","account_id":"NOPE","date":"2026-12-02","from":"10:00","to":"11:00"}"#,
            Self.account("A1"),
        ].joined(separator: "\n"))
        let (s, errors) = try run(store, path)
        #expect(s.byKind["appointment"]?.accepted == 1)
        #expect(errors == [#"in.ndjson:2: account_id: no account "NOPE" in this input or the store"#])
    }

    @Test func dryRunChangesNothing() throws {
        let store = try FieldPlanStore()
        let path = folder.write("in.ndjson", Self.account("A1"))
        let (s, _) = try run(store, path, dryRun: true)
        #expect(s.total.accepted == 1)
        #expect(try store.account(id: "A1") == nil)
    }

    /// A failure of the store itself (here a trigger standing in for a full disk) is not a
    /// bad line: the import stops with the error and leaves nothing of itself, good lines
    /// before it included.
    @Test func aStoreFailureEndsTheImportAndLeavesNothing() throws {
        let store = try FieldPlanStore()
        try store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER no_room BEFORE INSERT ON agent BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        }
        let path = folder.write("in.ndjson", [Self.account("A1"), Self.agent, Self.account("A2")].joined(separator: "\n"))
        #expect(throws: DatabaseError.self) { try run(store, path) }
        #expect(try store.account(id: "A1") == nil && store.account(id: "A2") == nil)
        #expect(try store.rejectedLines().isEmpty)

        // The same while facts are stored at a flush.
        let facts = try FieldPlanStore()
        try facts.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER no_room BEFORE INSERT ON outcome BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        }
        let outcome = #"{"kind":"outcome","id":"u-1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-30T10:00:00+03:00","code":"NOT_HOME"}"#
        let withFacts = folder.write("facts.ndjson", [Self.agent, Self.account("A1"), outcome].joined(separator: "\n"))
        #expect(throws: DatabaseError.self) { try run(facts, withFacts) }
        #expect(try facts.account(id: "A1") == nil)
    }

    @Test func factsAreDuplicatesOrConflicts() throws {
        let store = try FieldPlanStore()
        let outcome = #"{"kind":"outcome","id":"u-1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-30T10:00:00+03:00","code":"NOT_HOME"}"#
        let path = folder.write("in.ndjson", [Self.agent, Self.account("A1"), outcome, outcome,
                                              outcome.replacingOccurrences(of: "NOT_HOME", with: "REFUSED")].joined(separator: "\n"))
        let (s, errors) = try run(store, path)
        #expect(s.byKind["outcome"]?.accepted == 1)
        #expect(s.byKind["outcome"]?.unchanged == 1)
        #expect(s.byKind["outcome"]?.rejected == 1)
        #expect(errors.first?.contains("in.ndjson:5: id: conflict") == true)
    }

    /// BOM, CRLF, blank lines, invalid UTF-8 and an over-long line: each is handled and
    /// none loses the good lines around it.
    @Test func survivesHostileBytes() throws {
        let store = try FieldPlanStore()
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((Self.account("A1") + "\r\n\r\n").utf8)
        bytes += Array(#"{"kind":"account","id":"A2","client":"Jamii"#.utf8) + [0xFF, 0xFE] + Array(#"","debtor_name":"x","balance":1}"#.utf8) + [0x0A]
        bytes += Array(#"{"kind":"account","id":"A3","client":"C","debtor_name":""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20) + Array(#"","balance":1}"#.utf8) + [0x0A]
        bytes += Array((Self.account("A4") + "\r\n").utf8)
        let path = folder.write("in.ndjson", bytes: bytes)
        let (s, errors) = try run(store, path)
        #expect(s.byKind["account"]?.accepted == 2)
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("in.ndjson:3: invalid JSON"))
        #expect(errors[0].contains("UTF-8"))
        #expect(errors[1].hasPrefix("in.ndjson:4: line is"))
        #expect(try store.account(id: "A4") != nil)
    }

    /// A line refused by the store (a reference that is missing) is kept byte for byte, like
    /// a line refused while reading, although valid lines no longer carry their bytes to the
    /// writing thread unless the store may still refuse them.
    @Test func linesRefusedByTheStoreAreKeptVerbatim() throws {
        let store = try FieldPlanStore()
        let appointment = #"{"kind":"appointment","id":"P2","account_id":"NOPE","date":"2026-12-02","from":"10:00","to":"11:00"}"#
        let zoned = #"{"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"D","balance":10,"zone_id":"Z9"}"#
        let ndjson = folder.write("in.ndjson", [Self.account("A1"), appointment, zoned].joined(separator: "\n"))
        let header = "id,client,debtor_name,balance,zone_id"
        let csv = folder.write("accounts.csv", [header, "A3,Jamii Bank,D3,10,", "A4,Jamii Bank,\"D, 4\",10,Z9"].joined(separator: "\n"))
        var rejected: [FieldPlanStore.Rejection] = []
        let s = try store.importRecords([ImportInput(path: ndjson, displayName: "in.ndjson"), ImportInput(path: csv, displayName: "accounts.csv")],
                                        now: now, onReject: { rejected.append($0) })
        #expect(s.byKind["account"]?.accepted == 2)
        #expect(rejected.map { $0.error.description } == [
            #"in.ndjson:2: account_id: no account "NOPE" in this input or the store"#,
            #"in.ndjson:3: zone_id: no zone "Z9" in this input or the store"#,
            #"accounts.csv:3: zone_id: no zone "Z9" in this input or the store"#,
        ])
        #expect(rejected.map { $0.raw.map { String(decoding: $0, as: UTF8.self) } } == [appointment, zoned, "A4,Jamii Bank,\"D, 4\",10,Z9"])
        #expect(rejected.last?.csvHeader == header)
    }

    @Test func csvImportsWithItsOwnLineNumbers() throws {
        let store = try FieldPlanStore()
        let path = folder.write("agents.csv", """
            id,name,base_lat,base_lon,shift_start,shift_end,days,break_from,break_to,break_minutes
            G1,Otieno,-1.3,36.8,08:00,17:00,mon tue wed,12:00,14:00,45
            G2,"Wanjiru, Jr",-1.31,36.81,08:00,07:00,,,,
            G3,"Multi
            line",-1.32,36.82,08:00,17:00,,,,
            """)
        var errors: [String] = []
        let s = try store.importRecords([ImportInput(path: path, displayName: "agents.csv")], now: now, onReject: { errors.append($0.error.description) })
        #expect(s.byKind["agent"]?.accepted == 2)
        #expect(errors == ["agents.csv:3: shift.end: 07:00 is before start 08:00"])
        let agents = try store.agents()
        #expect(agents.first?.days == [.mon, .tue, .wed])
        #expect(agents.first?.breakRule?.minutes == 45)
        #expect(agents.last?.name == "Multi\nline")
    }
}
