import FieldPlanCore
import FieldPlanInterchange
import FieldPlanReports
@testable import FieldPlanStore
import GRDB
import Testing

/// The second connection of a split read sees the main transaction's moment, and says so
/// only when it does.
struct SnapshotPartnerTests {
    static func store(in folder: TempFolder) throws -> FieldPlanStore {
        let store = try FieldPlanStore(path: folder.path + "/s.db")
        try store.setSetting("currency", to: "KES")
        return store
    }

    static func settingRows(_ db: Database) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM setting")! }

    @Test func joinsWhenNothingIsCommittedAndThenKeepsTheMomentThroughLaterCommits() throws {
        let folder = TempFolder()
        let store = try Self.store(in: folder)
        let pool = try #require(store.writer as? DatabasePool)
        let partner = try SnapshotPartner(path: pool.path)
        defer { partner.close() }
        try pool.read { db in
            let seen = try Self.settingRows(db)
            #expect(try partner.join())
            // A commit after the join is seen by neither transaction.
            try store.setSetting("time_zone", to: "Africa/Nairobi")
            let partnerSees = try partner.start { try Self.settingRows($0) }.wait()
            #expect(partnerSees == seen)
            #expect(try Self.settingRows(db) == seen)
        }
        #expect(try store.writer.read(Self.settingRows) == 2)
    }

    @Test func refusesToJoinWhenACommitCameBetween() throws {
        let folder = TempFolder()
        let store = try Self.store(in: folder)
        let pool = try #require(store.writer as? DatabasePool)
        let partner = try SnapshotPartner(path: pool.path)
        defer { partner.close() }
        try store.setSetting("time_zone", to: "Africa/Nairobi")
        try pool.read { db in
            _ = try Self.settingRows(db)
            #expect(try partner.join() == false)
        }
    }

    @Test func aSplitPortfolioEqualsOneRead() throws {
        let folder = TempFolder()
        let store = try Self.store(in: folder)
        var lines: [String] = []
        for i in 0..<500 {
            let dpd = i % 7 == 0 ? "" : #","days_past_due":\#(i % 1100)"#
            let status = i % 11 == 0 ? #","status":"paid""# : ""
            lines.append(#"{"kind":"account","id":"A\#(i)","client":"C\#(i % 3)","debtor_name":"D","balance":\#(100 + i)\#(dpd)\#(status),"lat":1,"lon":36}"#)
        }
        let file = folder.write("a.ndjson", lines.joined(separator: "\n"))
        #expect(try store.importRecords([ImportInput(path: file)]).total.rejected == 0)
        let pool = try #require(store.writer as? DatabasePool)
        func portfolio(split: Bool) throws -> [ReportFacts.PortfolioSlice] {
            let partner = split ? try SnapshotPartner(path: pool.path) : nil
            defer { partner?.close() }
            return try pool.read { db in
                _ = try Self.settingRows(db)
                if let partner { #expect(try partner.join()) }
                var keys = AccountKeyTable(capacity: 16)
                var info: [ReportFacts.AccountInfo?] = []
                return try FieldPlanStore.portfolio(db, partner: partner, keys: &keys, details: [], into: &info)
            }
        }
        let alone = try portfolio(split: false)
        #expect(try portfolio(split: true) == alone)
        #expect(alone.reduce(0) { $0 + $1.accounts } == (0..<500).filter { $0 % 11 != 0 }.count)
    }
}
