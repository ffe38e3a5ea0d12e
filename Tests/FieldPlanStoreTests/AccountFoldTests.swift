import FieldPlanCore
@testable import FieldPlanStore
import Testing

/// The fold alone, without a store: seeded random histories of outcomes and payments.
struct AccountFoldTests {
    typealias Fact = AccountEffects.Fact

    static let codes: [OutcomeCode] = [.ptp, .ptp, .paid, .partial, .claimsPaid, .refused, .dispute, .hardship, .callback,
                                       .notHome, .notHome, .moved, .wrongAddress, .notVisited, .deceased]

    /// An account with a client balance of 1,000.00 snapshotted in run 1, and facts of runs
    /// 1 to 3 (3 being the import that replays it) between 20 November and 9 December.
    static func history(seed: UInt64) -> AccountEffects.History {
        var rng = SeededGenerator(seed: seed)
        let snapshot = AccountEffects.State(balance: 1000_00, status: "open", lat: -1.29, lon: 36.82, holdUntil: nil)
        let account = AccountEffects.AccountRow(
            id: "A1", old: snapshot, clientBalance: 1000_00, clientStatus: "open", clientLat: -1.29, clientLon: 36.82,
            balanceRun: 1, statusRun: 1, locationRun: 1, zoneAgent: Bool.random(using: &rng) ? "G1" : nil, hasStoredFacts: true)
        var history = AccountEffects.History(account: account)
        func instant() -> Instant {
            let day = CivilDate("2026-11-20")!.adding(days: Int.random(in: 0...19, using: &rng))
            return Instant(date: day, secondsOfDay: Int.random(in: 8 * 60...18 * 60, using: &rng) * 60, offsetSeconds: 3 * 3600)
        }
        for i in 0..<Int.random(in: 1...12, using: &rng) {
            let at = instant()
            let code = codes.randomElement(using: &rng)!
            let run = Int64.random(in: 1...3, using: &rng)
            let day = String(at.text.prefix(10))
            var fact = Fact(id: "o\(i)", agent: Bool.random(using: &rng) ? "G1" : "G2", at: at.text, epoch: at.epochSeconds, day: day,
                            code: code, contact: Bool.random(using: &rng) ? "debtor" : nil, run: run, rowid: Int64(i))
            switch code {
            case .ptp:
                fact.promiseAmount = Int64.random(in: 1...40, using: &rng) * 10_00
                fact.promiseDate = CivilDate(day)!.adding(days: Int.random(in: 0...10, using: &rng))
            case .paid, .partial:
                fact.collected = Int64.random(in: 1...60, using: &rng) * 10_00
                fact.receipt = Bool.random(using: &rng) ? "R\(i)" : nil
            case .callback:
                fact.nextDate = CivilDate(day)!.adding(days: 2).description
            default: break
            }
            history.outcomes.append(fact)
        }
        for i in 0..<Int.random(in: 0...5, using: &rng) {
            let at = instant()
            history.payments.append(AccountEffects.PaymentRow(
                id: "p\(i)", amount: Int64.random(in: 1...40, using: &rng) * 10_00, at: at.text, epoch: at.epochSeconds,
                reference: Bool.random(using: &rng) ? "R\(Int.random(in: 0...12, using: &rng))" : nil,
                run: Int64.random(in: 1...3, using: &rng)))
        }
        return history
    }

    static func summary(_ f: AccountFold) -> [String] {
        ["state \(f.state.balance) \(f.state.status) \(String(describing: f.state.lat)) \(f.state.holdUntil ?? "-")",
         "zero \(f.zeroCredit?.id ?? "-") callback \(f.callback?.id ?? "-")"]
            + zip(f.outcomes, f.flags).map { "\($0.id): \($1.joined(separator: "; "))" }
            + f.promises.map { "\($0.outcome) \($0.state) \($0.paid) \($0.partial)" }
    }

    /// The store reads facts in no particular order: the fold depends on the set of facts
    /// only, and keeps what must always hold.
    @Test(arguments: Array(UInt64(1)...UInt64(60)))
    func foldIsAFunctionOfTheSetOfFacts(seed: UInt64) {
        let today = CivilDate("2026-12-10")!
        let history = Self.history(seed: seed)
        let fold = AccountFold(history, run: 3, today: today)
        var rng = SeededGenerator(seed: seed &+ 1000)
        var shuffled = history
        shuffled.outcomes.shuffle(using: &rng)
        shuffled.payments.shuffle(using: &rng)
        #expect(Self.summary(AccountFold(shuffled, run: 3, today: today)) == Self.summary(fold))

        #expect(fold.state.balance >= 0 && fold.state.balance <= history.account.clientBalance)
        #expect(zip(fold.outcomes, fold.outcomes.dropFirst()).allSatisfy { ($0.epoch, $0.id) <= ($1.epoch, $1.id) })
        // Visits happen in the past, so a newer promise has always cancelled a running one.
        #expect(fold.promises.filter { $0.state == "pending" }.count <= 1)
        #expect(fold.promises.allSatisfy { !$0.partial || $0.state == "broken" })
        if fold.zeroCredit != nil { #expect(fold.state.balance == 0 && fold.state.status == "paid") }
        if fold.state.status == "ptp" { #expect(fold.promises.last?.state == "pending") }
    }
}
