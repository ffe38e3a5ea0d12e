/// `$1` a token's hash: its user. Prepared: the service looks the token of every request up.
enum UserByTokenSQL: PreparedSQL {
    static let sql = #"SELECT name, role, agent_id, created_at, revoked_at, token_hash FROM "user" WHERE token_hash = $1"#
}
