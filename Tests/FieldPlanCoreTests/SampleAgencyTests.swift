import FieldPlanCore
import Testing

struct SampleAgencyTests {
    func collect(_ options: SampleAgency.Options) -> [Account] {
        var out: [Account] = []
        SampleAgency(options: options).forEachAccount { out.append($0) }
        return out
    }

    @Test func sameSeedSameAgency() {
        var o = SampleAgency.Options()
        o.accounts = 500
        #expect(collect(o) == collect(o))
        var other = o
        other.seed = 2
        #expect(collect(o) != collect(other))
    }

    @Test func accountsAreRealisticAndInNairobi() {
        var o = SampleAgency.Options()
        o.accounts = 2000
        let accounts = collect(o)
        #expect(Set(accounts.map(\.id)).count == accounts.count)
        let located = accounts.compactMap(\.location)
        #expect(located.count < accounts.count, "some accounts must be unlocated for the tracing list")
        #expect(Double(located.count) > 0.9 * Double(accounts.count))
        for c in located { #expect((-1.5 ... -1.0).contains(c.lat) && (36.5...37.1).contains(c.lon)) }
        #expect(Set(accounts.map(\.client)).count >= 3)
        #expect(accounts.allSatisfy { $0.balance.minorUnits > 0 })
    }

    @Test func appointmentsFallOnWorkingDaysOnLocatedAccounts() {
        var o = SampleAgency.Options()
        o.accounts = 1000
        let sample = SampleAgency(options: o)
        let byID = Dictionary(uniqueKeysWithValues: collect(o).map { ($0.id, $0) })
        let appointments = sample.appointments()
        #expect(appointments.count == o.appointments)
        for a in appointments {
            #expect(byID[a.accountID]?.location != nil)
            #expect(a.date.weekday != .sun)
            #expect(a.date >= o.startDate)
        }
        #expect(sample.agents().count == o.agents)
    }
}
