/// A synthetic but realistic collections agency in Nairobi: debtors clustered around real
/// neighbourhoods (more in the dense estates), several clients with their own balance
/// profiles, agents with bases spread over the city, a few unlocated accounts, visit
/// windows and appointments. Seeded: the same options give the same records.
public struct SampleAgency: Sendable {
    public struct Options: Sendable {
        public var accounts = 3000
        public var agents = 10
        public var seed: UInt64 = 1
        /// The first planning day; appointments fall on the days after it.
        public var startDate = CivilDate(year: 2026, month: 12, day: 1)!
        /// Share of accounts without coordinates (the tracing list).
        public var unlocatedShare = 0.04
        public var appointments = 60
        public init() {}
    }

    /// A neighbourhood: its centre, how spread its debtors are (metres) and its weight.
    struct Neighbourhood {
        var name: String
        var lat: Double
        var lon: Double
        var spreadMetres: Double
        var weight: Double
    }

    static let neighbourhoods: [Neighbourhood] = [
        .init(name: "Kibera", lat: -1.3133, lon: 36.7876, spreadMetres: 900, weight: 9),
        .init(name: "Kawangware", lat: -1.2830, lon: 36.7480, spreadMetres: 900, weight: 7),
        .init(name: "Eastleigh", lat: -1.2743, lon: 36.8510, spreadMetres: 1000, weight: 8),
        .init(name: "Umoja", lat: -1.2833, lon: 36.8956, spreadMetres: 900, weight: 7),
        .init(name: "Kayole", lat: -1.2760, lon: 36.9140, spreadMetres: 900, weight: 7),
        .init(name: "Embakasi", lat: -1.3187, lon: 36.8946, spreadMetres: 1500, weight: 8),
        .init(name: "Dandora", lat: -1.2530, lon: 36.9010, spreadMetres: 900, weight: 6),
        .init(name: "Kasarani", lat: -1.2219, lon: 36.8969, spreadMetres: 1400, weight: 6),
        .init(name: "Roysambu", lat: -1.2192, lon: 36.8868, spreadMetres: 900, weight: 5),
        .init(name: "Githurai", lat: -1.1995, lon: 36.9107, spreadMetres: 1100, weight: 6),
        .init(name: "Buruburu", lat: -1.2870, lon: 36.8790, spreadMetres: 800, weight: 4),
        .init(name: "South B", lat: -1.3100, lon: 36.8340, spreadMetres: 800, weight: 4),
        .init(name: "Westlands", lat: -1.2676, lon: 36.8108, spreadMetres: 1000, weight: 3),
        .init(name: "Parklands", lat: -1.2630, lon: 36.8180, spreadMetres: 700, weight: 2),
        .init(name: "Kilimani", lat: -1.2921, lon: 36.7837, spreadMetres: 900, weight: 3),
        .init(name: "Langata", lat: -1.3508, lon: 36.7460, spreadMetres: 1500, weight: 3),
        .init(name: "Karen", lat: -1.3197, lon: 36.7073, spreadMetres: 1800, weight: 2),
        .init(name: "Ruaka", lat: -1.2050, lon: 36.7800, spreadMetres: 1000, weight: 3),
        .init(name: "Kariobangi", lat: -1.2560, lon: 36.8810, spreadMetres: 700, weight: 4),
        .init(name: "Mathare", lat: -1.2600, lon: 36.8590, spreadMetres: 700, weight: 5),
    ]

    struct Client {
        var name: String
        var prefix: String
        var balanceMedian: Double
        var weight: Double
    }

    static let clients: [Client] = [
        .init(name: "Jamii Bank", prefix: "JB", balanceMedian: 85_000, weight: 3),
        .init(name: "Umoja SACCO", prefix: "US", balanceMedian: 40_000, weight: 2),
        .init(name: "Haraka Loans", prefix: "HL", balanceMedian: 6_500, weight: 4),
        .init(name: "Mkopo Credit", prefix: "MC", balanceMedian: 22_000, weight: 2),
    ]

    static let firstNames = ["Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mutua", "Akinyi", "Kiprop", "Wambui", "Omondi",
                             "Chebet", "Mwangi", "Atieno", "Kiptoo", "Nyambura", "Ouma", "Jepkosgei", "Karanja", "Moraa", "Wafula",
                             "Auma", "Njoroge", "Wairimu", "Odhiambo", "Mumbi", "Barasa", "Nekesa", "Gitau", "Awino", "Kibet"]
    static let lastNames = ["Mwangi", "Otieno", "Kamau", "Ochieng", "Njoroge", "Wanjiku", "Mutiso", "Kiprono", "Onyango", "Kariuki",
                            "Odera", "Maina", "Kimani", "Were", "Chege", "Nyaga", "Rotich", "Okoth", "Wekesa", "Ndungu"]
    static let streets = ["Road", "Lane", "Close", "Avenue", "Drive", "Street"]

    public let options: Options

    public init(options: Options) { self.options = options }

    /// The agents, with bases placed in the busiest neighbourhoods.
    public func agents() -> [Agent] {
        var rng = SeededGenerator(seed: options.seed &+ 7)
        let ordered = Self.neighbourhoods.sorted { $0.weight > $1.weight }
        return (0..<options.agents).map { i in
            let n = ordered[i % ordered.count]
            let lat = n.lat + Double.random(in: -0.004...0.004, using: &rng)
            let lon = n.lon + Double.random(in: -0.004...0.004, using: &rng)
            let start = [7 * 60 + 30, 8 * 60, 8 * 60 + 30][i % 3]
            var agent = Agent(id: String(format3: "AG", i + 1),
                              name: "\(Self.firstNames[(i * 7) % Self.firstNames.count]) \(Self.lastNames[(i * 3 + 1) % Self.lastNames.count])",
                              base: Coordinate(lat: Self.round6(lat), lon: Self.round6(lon))!,
                              shift: TimeWindow(from: LocalTime(minutes: start), to: LocalTime(minutes: start + 9 * 60))!)
            agent.phone = "+2547\(10_000_000 + (i * 7_654_321) % 89_999_999)"
            agent.breakRule = BreakRule(window: TimeWindow(from: LocalTime(minutes: 12 * 60), to: LocalTime(minutes: 14 * 60))!, minutes: 45)
            agent.maxVisits = 14
            if i % 5 == 4 { agent.days = [.mon, .tue, .wed, .thu, .fri] }
            return agent
        }
    }

    /// Streams the accounts in id order.
    /// - Complexity: O(accounts) time, O(1) memory.
    public func forEachAccount(_ body: (Account) throws -> Void) rethrows {
        var rng = SeededGenerator(seed: options.seed)
        let totalWeight = Self.neighbourhoods.reduce(0) { $0 + $1.weight }
        let clientWeight = Self.clients.reduce(0) { $0 + $1.weight }
        for i in 0..<options.accounts {
            var pick = Double.random(in: 0..<totalWeight, using: &rng)
            var hood = Self.neighbourhoods[0]
            for n in Self.neighbourhoods { pick -= n.weight; if pick < 0 { hood = n; break } }
            var cpick = Double.random(in: 0..<clientWeight, using: &rng)
            var client = Self.clients[0]
            for c in Self.clients { cpick -= c.weight; if cpick < 0 { client = c; break } }
            let first = Self.firstNames[Int.random(in: 0..<Self.firstNames.count, using: &rng)]
            let last = Self.lastNames[Int.random(in: 0..<Self.lastNames.count, using: &rng)]
            let balance = max(500, client.balanceMedian * exp(0.8 * rng.nextGaussian()))
            var a = Account(id: "\(client.prefix)-\(String(100_000 + i))", client: client.name, debtorName: "\(first) \(last)",
                            balance: Money(minorUnits: Int64(balance.rounded()) * 100 + Int64.random(in: 0...1, using: &rng) * 50))
            a.currency = "KES"
            a.phone = "+2547\(String(10_000_000 + Int.random(in: 0..<89_999_999, using: &rng)))"
            if Double.random(in: 0..<1, using: &rng) < 0.3 { a.email = "\(first.lowercased()).\(last.lowercased())\(i % 97)@example.com" }
            a.nationalID = String(20_000_000 + Int.random(in: 0..<19_999_999, using: &rng))
            let houseNumber = Int.random(in: 1...400, using: &rng)
            a.address = "\(houseNumber) \(last) \(Self.streets[i % Self.streets.count]), \(hood.name)"
            if Double.random(in: 0..<1, using: &rng) >= options.unlocatedShare {
                let metresPerDegree = 111_320.0
                let dLat = rng.nextGaussian() * hood.spreadMetres / metresPerDegree
                let dLon = rng.nextGaussian() * hood.spreadMetres / (metresPerDegree * cos(hood.lat * Double.pi / 180))
                a.location = Coordinate(lat: Self.round6(hood.lat + dLat), lon: Self.round6(hood.lon + dLon))
            }
            a.daysPastDue = Int(30 + abs(rng.nextGaussian()) * 120)
            let statusRoll = Double.random(in: 0..<1, using: &rng)
            a.status = statusRoll < 0.86 ? .open : statusRoll < 0.93 ? .ptp : statusRoll < 0.96 ? .disputed : statusRoll < 0.98 ? .paid : .legalHold
            if Double.random(in: 0..<1, using: &rng) < 0.12 {
                // Works during the day: evenings only, or mornings before work.
                a.visitWindow = Bool.random(using: &rng)
                    ? TimeWindow(from: LocalTime(minutes: 17 * 60), to: LocalTime(minutes: 19 * 60))
                    : TimeWindow(from: LocalTime(minutes: 8 * 60), to: LocalTime(minutes: 10 * 60))
            }
            if Double.random(in: 0..<1, using: &rng) < 0.1 { a.serviceMinutes = 30 }
            if Double.random(in: 0..<1, using: &rng) < 0.05 { a.notes = "Gate code at the shop next door" }
            try body(a)
        }
    }

    /// Appointments over the first working days, on located, plannable accounts.
    public func appointments() -> [Appointment] {
        var eligible: [String] = []
        forEachAccount { a in
            if a.location != nil, a.status?.isPlannable ?? true, a.visitWindow == nil, eligible.count < options.appointments * 20 { eligible.append(a.id) }
        }
        var rng = SeededGenerator(seed: options.seed &+ 99)
        eligible.shuffle(using: &rng)
        var result: [Appointment] = []
        var day = options.startDate
        for (i, id) in eligible.prefix(options.appointments).enumerated() {
            if i > 0 && i % max(1, options.appointments / 5) == 0 {
                day = day.adding(days: 1)
                if day.weekday == .sun { day = day.adding(days: 1) }
            }
            let start = 9 * 60 + Int.random(in: 0..<16, using: &rng) * 30
            result.append(Appointment(id: "AP-\(String(1000 + i))", accountID: id, date: day,
                                      window: TimeWindow(from: LocalTime(minutes: start), to: LocalTime(minutes: start + 60))!))
        }
        return result.sorted { $0.id < $1.id }
    }

    static func round6(_ v: Double) -> Double { (v * 1_000_000).rounded() / 1_000_000 }
}

extension String {
    /// `AG01`-style ids.
    init(format3 prefix: String, _ n: Int) {
        self = prefix + (n < 10 ? "0" : "") + String(n)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
