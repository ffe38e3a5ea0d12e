/// Why a user could not be added or changed; the message names the user or agent.
public enum UserStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidName(String)
    case nameTaken(String)
    case agentNeedsAgentID(String)
    case supervisorWithAgent(String)
    case unknownAgent(String)
    case unknownUser(String)
    case alreadyRevoked(String)

    public var description: String {
        switch self {
        case .invalidName(let name): "user \"\(name)\": a name is 1 to 64 letters, digits, '.', '_', '-' or '@'"
        case .nameTaken(let name): "user \"\(name)\": the name is taken (fieldplan users list)"
        case .agentNeedsAgentID(let name): "user \"\(name)\": an agent user needs --agent AGENT_ID"
        case .supervisorWithAgent(let name): "user \"\(name)\": --agent is only for --role agent"
        case .unknownAgent(let id): "agent \"\(id)\": no such agent (fieldplan agents list)"
        case .unknownUser(let name): "user \"\(name)\": no such user (fieldplan users list)"
        case .alreadyRevoked(let name): "user \"\(name)\": already revoked"
        }
    }
}
