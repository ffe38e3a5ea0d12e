/// Why a zone command could not change the store; the message names the zone or agent.
public enum ZoneStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownZone(String)
    case unknownAgent(String)
    case unknownAccount(String)

    public var description: String {
        switch self {
        case .unknownZone(let id): "zone \"\(id)\": no such zone (fieldplan zones list)"
        case .unknownAgent(let id): "agent \"\(id)\": no such agent (fieldplan agents list)"
        case .unknownAccount(let id): "account \"\(id)\": no such account"
        }
    }
}
