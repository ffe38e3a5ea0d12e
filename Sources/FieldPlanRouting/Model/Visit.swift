/// One planned stop: the job, when the vehicle arrives, starts serving and leaves.
public struct Visit: Sendable, Hashable, Codable {
    public var job: Int
    public var arrival: Int
    public var serviceStart: Int
    public var departure: Int
    public init(job: Int, arrival: Int, serviceStart: Int, departure: Int) {
        self.job = job; self.arrival = arrival; self.serviceStart = serviceStart; self.departure = departure
    }
}
