import FieldPlanStore
import Foundation
import PostgresNIO

extension PostgresAgencyStore {
    /// Adds a user, with `FieldPlanStore.addUser`'s rules and errors. Two instances adding the
    /// same name at once: the unique constraint lets one in, the other gets `nameTaken`.
    @discardableResult
    public func addUser(name: String, role: StoredUser.Role, agentID: String?, tokenHash: [UInt8], now: Int64?) throws -> StoredUser {
        guard FieldPlanStore.isValidUserName(name) else { throw UserStoreError.invalidName(name) }
        switch role {
        case .agent where agentID == nil: throw UserStoreError.agentNeedsAgentID(name)
        case .supervisor where agentID != nil: throw UserStoreError.supervisorWithAgent(name)
        default: break
        }
        let at = now ?? Self.now()
        do {
            return try write { connection in
                if let agentID {
                    let agents = try await connection.query("SELECT 1 FROM agent WHERE id = \(agentID)", logger: self.logger).collect()
                    if agents.isEmpty { throw UserStoreError.unknownAgent(agentID) }
                }
                let taken = try await connection.query(#"SELECT 1 FROM "user" WHERE name = \#(name)"#, logger: self.logger).collect()
                if !taken.isEmpty { throw UserStoreError.nameTaken(name) }
                try await connection.query(#"""
                    INSERT INTO "user" (name, role, agent_id, token_hash, created_at)
                    VALUES (\#(name), \#(role.rawValue), \#(agentID), \#(Data(tokenHash)), \#(at))
                    """#, logger: self.logger)
                return StoredUser(name: name, role: role, agentID: agentID, createdAt: at, revokedAt: nil)
            }
        } catch PostgresStoreError.server(_, sqlState: "23505", let message) where message.contains("name") {
            throw UserStoreError.nameTaken(name)
        }
    }

    /// Every user, revoked ones too, ordered by name. Neither tokens nor hashes.
    public func users() throws -> [StoredUser] {
        try read { connection in
            var users: [StoredUser] = []
            let rows = try await connection.query(#"SELECT name, role, agent_id, created_at, revoked_at FROM "user" ORDER BY name"#,
                                                  logger: self.logger)
            for try await (name, role, agentID, createdAt, revokedAt) in rows.decode((String, String, String?, Int64, Int64?).self) {
                users.append(StoredUser(name: name, role: StoredUser.Role(rawValue: role) ?? .agent, agentID: agentID,
                                        createdAt: createdAt, revokedAt: revokedAt))
            }
            return users
        }
    }

    /// Revokes a user's token from now on; the user stays listed.
    public func revokeUser(name: String, now: Int64?) throws {
        let at = now ?? Self.now()
        try write { connection in
            let rows = try await connection.query(#"SELECT revoked_at FROM "user" WHERE name = \#(name) FOR UPDATE"#,
                                                  logger: self.logger).collect()
            guard let row = rows.first else { throw UserStoreError.unknownUser(name) }
            if try row.decode(Int64?.self) != nil { throw UserStoreError.alreadyRevoked(name) }
            try await connection.query(#"UPDATE "user" SET revoked_at = \#(at) WHERE name = \#(name)"#, logger: self.logger)
        }
    }

    /// The user whose token hashes to `tokenHash`, revoked or not, with the stored hash for a
    /// constant-time comparison. One indexed read.
    public func user(tokenHash: [UInt8]) throws -> (user: StoredUser, tokenHash: [UInt8])? {
        let found = try read { connection -> (StoredUser, Data)? in
            var binds = PostgresBindings()
            try binds.append(Data(tokenHash))
            let rows = try await PreparedRun.rows(UserByTokenSQL.self, binds, on: connection, logger: self.logger)
            guard let row = rows.first else { return nil }
            let (name, role, agentID, createdAt, revokedAt, hash) = try row.decode((String, String, String?, Int64, Int64?, Data).self)
            return (StoredUser(name: name, role: StoredUser.Role(rawValue: role) ?? .agent, agentID: agentID,
                               createdAt: createdAt, revokedAt: revokedAt), hash)
        }
        return found.map { ($0.0, [UInt8]($0.1)) }
    }

    /// Seconds since 1970 now; the store's clock for `created_at` and `updated_at`.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
