/// Why a stop is on the plan (SPEC §5 `reason`), strongest first.
public enum VisitReason: String, Sendable, Hashable, Codable, CaseIterable {
    case appointment
    case callback
    case brokenPromise = "broken_promise"
    case promiseDue = "promise_due"
    case priority
    case `break`
}
