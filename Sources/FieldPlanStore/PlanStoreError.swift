/// Why a plan command could not read or change the store's plans; the message names the
/// day, version or agent.
public enum PlanStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case noPlan(String)
    case noVersion(String, Int)
    case noRoute(String, String)
    case corrupt(String)
    /// An edit made against a version that is no longer the latest: (day, expected, latest).
    case staleVersion(String, Int, Int)

    public var description: String {
        switch self {
        case .noPlan(let day): "no plan for \(day); run fieldplan plan --date \(day)"
        case .noVersion(let day, let v): "no version \(v) of the plan for \(day) (fieldplan plan show --date \(day) lists the latest)"
        case .noRoute(let day, let agent): "agent \"\(agent)\" has no route on the plan for \(day)"
        case .corrupt(let what): "the store is damaged: \(what)"
        case .staleVersion(let day, let expected, let latest):
            "the plan for \(day) is at version \(latest), not \(expected): it changed meanwhile; nothing was stored (fieldplan plan show --date \(day))"
        }
    }
}
