/// Why a `RoutingProblem` could not be made; names the offending item.
public enum RoutingProblemError: Error, Equatable, CustomStringConvertible {
    case matrixSize(String)
    case negativeMatrixEntry(String)
    case vehicle(Int, String)
    case job(Int, String)
    case objective(String)

    public var description: String {
        switch self {
        case .matrixSize(let m): return "matrix: \(m)"
        case .negativeMatrixEntry(let m): return "matrix: \(m)"
        case .vehicle(let i, let m): return "vehicle \(i): \(m)"
        case .job(let i, let m): return "job \(i): \(m)"
        case .objective(let m): return "objective: \(m)"
        }
    }
}
