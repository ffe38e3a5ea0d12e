import FieldPlanCore

/// One row's figures (SPEC §7). Every stored field is additive, so a period's figures are
/// the sum of its days' and a total is the sum of its rows; the rates are derived on demand
/// and are nil when their denominator is zero.
public struct ReportFigures: Sendable, Hashable {
    public var planned = 0
    public var visits = 0
    public var plannedVisited = 0
    public var unplannedVisits = 0
    public var notVisited = 0
    public var noReport = 0
    public var contacts = 0
    public var rpc = 0
    public var ptp = 0
    public var ptpMinor: Int64 = 0
    public var kept = 0
    public var partial = 0
    public var broken = 0
    public var cancelled = 0
    public var pending = 0
    /// Σ promised over kept, partial and broken promises: `kept_amount_rate`'s denominator.
    public var settledPromisedMinor: Int64 = 0
    /// Σ min(paid by the date, promised) over the same promises: its numerator.
    public var settledPaidMinor: Int64 = 0
    public var collectedMinor: Int64 = 0
    public var kmPlannedMetres = 0
    /// Outcomes per code in `OutcomeCode.allCases` order, `NOT_VISITED` included (a fixed
    /// array: counting half a million outcomes should not hash each code).
    var outcomeCounts = [Int](repeating: 0, count: OutcomeCode.allCases.count)

    public init() {}

    public var promisesDue: Int { kept + partial + broken + cancelled + pending }

    public var completion: Double? { Self.ratio(plannedVisited, planned) }
    public var contactRate: Double? { Self.ratio(contacts, visits) }
    public var rpcRate: Double? { Self.ratio(rpc, visits) }
    public var ptpRate: Double? { Self.ratio(ptp, rpc) }
    public var keptRate: Double? { Self.ratio(kept, kept + partial + broken) }
    public var keptAmountRate: Double? {
        settledPromisedMinor == 0 ? nil : Double(settledPaidMinor) / Double(settledPromisedMinor)
    }
    /// `collected ÷ visits` in minor units, rounded half away from zero; nil without visits.
    public var collectedPerVisitMinor: Int64? {
        guard visits > 0 else { return nil }
        let v = Int64(visits)
        return (2 * collectedMinor + v) / (2 * v)
    }

    public func count(of code: OutcomeCode) -> Int { outcomeCounts[code.index] }

    mutating func countOutcome(_ code: OutcomeCode) { outcomeCounts[code.index] += 1 }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }

    public static func + (a: ReportFigures, b: ReportFigures) -> ReportFigures {
        var r = a
        r += b
        return r
    }

    public static func += (a: inout ReportFigures, b: ReportFigures) {
        a.planned += b.planned; a.visits += b.visits; a.plannedVisited += b.plannedVisited
        a.unplannedVisits += b.unplannedVisits; a.notVisited += b.notVisited; a.noReport += b.noReport
        a.contacts += b.contacts; a.rpc += b.rpc; a.ptp += b.ptp; a.ptpMinor += b.ptpMinor
        a.kept += b.kept; a.partial += b.partial; a.broken += b.broken; a.cancelled += b.cancelled; a.pending += b.pending
        a.settledPromisedMinor += b.settledPromisedMinor; a.settledPaidMinor += b.settledPaidMinor
        a.collectedMinor += b.collectedMinor; a.kmPlannedMetres += b.kmPlannedMetres
        for i in a.outcomeCounts.indices { a.outcomeCounts[i] += b.outcomeCounts[i] }
    }
}

extension OutcomeCode {
    /// The code's place in `allCases`.
    var index: Int {
        switch self {
        case .ptp: 0
        case .paid: 1
        case .partial: 2
        case .claimsPaid: 3
        case .refused: 4
        case .dispute: 5
        case .hardship: 6
        case .callback: 7
        case .notHome: 8
        case .moved: 9
        case .wrongAddress: 10
        case .deceased: 11
        case .legal: 12
        case .doNotReturn: 13
        case .notVisited: 14
        }
    }
}
