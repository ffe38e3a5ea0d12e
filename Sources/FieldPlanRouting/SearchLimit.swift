/// How long a search runs: wall-clock seconds, a number of iterations (per search thread),
/// or both (whichever comes first). With `iterations` only, a run is reproducible.
public struct SearchLimit: Sendable {
    public var seconds: Double?
    public var iterations: Int?
    public init(seconds: Double?, iterations: Int?) { self.seconds = seconds; self.iterations = iterations }
}
