@testable import FieldPlanStore
import FieldPlanInterchange
import Foundation
import GRDB
import Testing

/// Users of the HTTP service (SPEC §8): only a token's hash is kept; agent users name a real agent.
struct UserStoreTests {
    func store() throws -> FieldPlanStore {
        let folder = TempFolder()
        let store = try FieldPlanStore()
        let path = folder.write("a.ndjson", #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#)
        _ = try store.importRecords([ImportInput(path: path)])
        return store
    }

    static let hash1 = [UInt8](repeating: 1, count: 32), hash2 = [UInt8](repeating: 2, count: 32)

    @Test func addListAndFindByHash() throws {
        let store = try store()
        try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: Self.hash1, now: 100)
        try store.addUser(name: "g1", role: .agent, agentID: "G1", tokenHash: Self.hash2, now: 200)
        #expect(try store.users() == [
            StoredUser(name: "boss", role: .supervisor, agentID: nil, createdAt: 100, revokedAt: nil),
            StoredUser(name: "g1", role: .agent, agentID: "G1", createdAt: 200, revokedAt: nil),
        ])
        let found = try store.user(tokenHash: Self.hash2)
        #expect(found?.user.name == "g1")
        #expect(found?.tokenHash == Self.hash2)
        #expect(try store.user(tokenHash: [UInt8](repeating: 3, count: 32)) == nil)
    }

    @Test func refusals() throws {
        let store = try store()
        try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: Self.hash1)
        #expect(throws: UserStoreError.nameTaken("boss")) { try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: Self.hash2) }
        #expect(throws: UserStoreError.unknownAgent("G9")) { try store.addUser(name: "g9", role: .agent, agentID: "G9", tokenHash: Self.hash2) }
        #expect(throws: UserStoreError.agentNeedsAgentID("g")) { try store.addUser(name: "g", role: .agent, agentID: nil, tokenHash: Self.hash2) }
        #expect(throws: UserStoreError.supervisorWithAgent("s")) { try store.addUser(name: "s", role: .supervisor, agentID: "G1", tokenHash: Self.hash2) }
        for bad in ["", "two words", String(repeating: "x", count: 65), "semi;colon", "ümlaut"] {
            #expect(throws: UserStoreError.invalidName(bad)) { try store.addUser(name: bad, role: .supervisor, agentID: nil, tokenHash: Self.hash2) }
        }
        #expect(try store.users().count == 1)
    }

    @Test func revokedUsersStayListedAndFoundAsRevoked() throws {
        let store = try store()
        try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: Self.hash1)
        try store.revokeUser(name: "boss", now: 500)
        #expect(try store.users().first?.revokedAt == 500)
        #expect(try store.user(tokenHash: Self.hash1)?.user.isRevoked == true)
        #expect(throws: UserStoreError.alreadyRevoked("boss")) { try store.revokeUser(name: "boss") }
        #expect(throws: UserStoreError.unknownUser("nobody")) { try store.revokeUser(name: "nobody") }
    }

    @Test func theTableHoldsNoTokenText() throws {
        let store = try store()
        try store.addUser(name: "boss", role: .supervisor, agentID: nil, tokenHash: Self.hash1)
        let columns = try store.writer.read { db in try db.columns(in: "user").map(\.name) }
        #expect(columns == ["id", "name", "role", "agent_id", "token_hash", "created_at", "revoked_at"])
    }
}
