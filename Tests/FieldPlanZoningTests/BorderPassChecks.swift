import Testing

/// The properties every pass over the zones' borders keeps (`BorderExchange`,
/// `BorderSmoothing`, `SpreadRefinement`), checked the same way for each: no zone's load moves
/// further out of the band, accounts that may not move stay put, the same input gives the
/// same zones. `pass` runs the pass on a start, with the accounts that may move.
enum BorderPassChecks {
    typealias Start = BorderExchangeTests.Start
    typealias Pass = (Start, [Bool]?) -> [Int32]

    static func loadsStayInTheBand(_ s: Start, _ pass: Pass) {
        let before = BorderExchangeTests.loads(s.zone, s)
        let after = BorderExchangeTests.loads(pass(s, nil), s)
        func excess(_ l: Double) -> Double { max(l - s.band.upperBound, s.band.lowerBound - l, 0) }
        for z in 0..<s.zoneCount { #expect(excess(after[z]) <= excess(before[z]) + 1e-9) }
        #expect(abs(after.reduce(0, +) - before.reduce(0, +)) < 1e-6, "the pass moves accounts, it never loses one")
    }

    /// Every `every`-th account may move; the others must end where they were. Returns how
    /// many accounts moved.
    @discardableResult
    static func fixedAccountsStayPut(_ s: Start, every: Int, _ pass: Pass) -> Int {
        let movable = s.zone.indices.map { $0 % every == 0 }
        let zone = pass(s, movable)
        for i in s.zone.indices where !movable[i] { #expect(zone[i] == s.zone[i]) }
        return s.zone.indices.filter { zone[$0] != s.zone[$0] }.count
    }

    static func sameInputSameOutput(_ s: Start, _ pass: Pass) {
        #expect(pass(s, nil) == pass(s, nil))
    }
}
