import Foundation
import GRDB

extension FieldPlanStore {
    /// Adds a user who will present the token whose SHA-256 is `tokenHash` (SPEC §8). The
    /// token itself never reaches the store. An agent user must name an existing agent.
    @discardableResult
    public func addUser(name: String, role: StoredUser.Role, agentID: String?, tokenHash: [UInt8], now: Int64? = nil) throws -> StoredUser {
        guard Self.isValidUserName(name) else { throw UserStoreError.invalidName(name) }
        switch role {
        case .agent where agentID == nil: throw UserStoreError.agentNeedsAgentID(name)
        case .supervisor where agentID != nil: throw UserStoreError.supervisorWithAgent(name)
        default: break
        }
        let at = now ?? Self.now()
        return try writer.write { db in
            if let agentID, try Int.fetchOne(db, sql: "SELECT 1 FROM agent WHERE id = ?", arguments: [agentID]) == nil {
                throw UserStoreError.unknownAgent(agentID)
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [name]) != nil {
                throw UserStoreError.nameTaken(name)
            }
            try db.execute(sql: "INSERT INTO user (name, role, agent_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, role.rawValue, agentID, Data(tokenHash), at])
            return StoredUser(name: name, role: role, agentID: agentID, createdAt: at, revokedAt: nil)
        }
    }

    /// Every user, revoked ones too, ordered by name. Neither tokens nor hashes.
    public func users() throws -> [StoredUser] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, agent_id, created_at, revoked_at FROM user ORDER BY name").map(Self.user)
        }
    }

    /// Revokes a user's token from now on; the user stays listed.
    public func revokeUser(name: String, now: Int64? = nil) throws {
        try writer.write { db in
            guard let revoked = try Row.fetchOne(db, sql: "SELECT revoked_at FROM user WHERE name = ?", arguments: [name]) else {
                throw UserStoreError.unknownUser(name)
            }
            if (revoked["revoked_at"] as Int64?) != nil { throw UserStoreError.alreadyRevoked(name) }
            try db.execute(sql: "UPDATE user SET revoked_at = ? WHERE name = ?", arguments: [now ?? Self.now(), name])
        }
    }

    /// The user whose token hashes to `tokenHash`, revoked or not, with the stored hash so the
    /// caller can compare the two in constant time. One indexed read.
    public func user(tokenHash: [UInt8]) throws -> (user: StoredUser, tokenHash: [UInt8])? {
        try writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT name, role, agent_id, created_at, revoked_at, token_hash FROM user WHERE token_hash = ?"),
                             arguments: [Data(tokenHash)]).map { (Self.user($0), [UInt8]($0["token_hash"] as Data)) }
        }
    }

    /// The rule every engine applies to a user name (SPEC §8).
    public static func isValidUserName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || ".-_@".unicodeScalars.contains($0)
        }
    }

    private static func user(_ row: Row) -> StoredUser {
        StoredUser(name: row["name"], role: StoredUser.Role(rawValue: row["role"]) ?? .agent, agentID: row["agent_id"],
                   createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
