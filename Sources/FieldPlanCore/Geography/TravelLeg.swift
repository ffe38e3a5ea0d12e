/// One trip as the travel model counts it: whole seconds and whole metres.
public struct TravelLeg: Hashable, Sendable {
    public var seconds: Int
    public var metres: Int

    public init(seconds: Int, metres: Int) {
        self.seconds = seconds
        self.metres = metres
    }
}
