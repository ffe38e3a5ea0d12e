import FieldPlanReports
import GRDB

/// The pass over the account records that the monthly report's portfolio needs: every
/// account not paid or closed, counted and summed by days past due, and the zone, client and
/// days past due of the accounts the facts name. It reads only: one range of records can
/// run on the store's read transaction while another runs on a `SnapshotPartner`, each on
/// its core, and `merged` adds the parts up.
struct PortfolioScan: Sendable {
    /// An account's derived state: whether it is still worked, and its balance.
    struct State: Sendable {
        var worked = true
        var balance: Int64 = 0
        var known = false
    }

    /// What one range of records gives.
    struct Part: Sendable {
        /// Sums by days past due 0…1023 (a million records, two hashes each otherwise).
        var dense = [Sum](repeating: Sum(), count: 1_024)
        /// Any other value, and none.
        var other: [Int?: Sum] = [:]
        /// The details of the named accounts in the range, by key.
        var details: [(key: Int32, info: ReportFacts.AccountInfo)] = []
    }

    /// Accounts and balance of one days-past-due value.
    struct Sum: Sendable {
        var accounts = 0
        var balance: Int64 = 0
    }

    /// The accounts numbered so far (the facts' and the derived states').
    let keys: AccountKeyTable
    /// The derived states by key, where facts moved an account.
    let states: [State]
    /// The keys whose details are wanted.
    let details: [Bool]

    /// The records whose rowid is above `after` (nil: from the first) and at most `upTo`
    /// (nil: to the last), in table order, each looked up by its id's bytes.
    func part(_ db: Database, after: Int64? = nil, upTo: Int64? = nil) throws -> Part {
        var part = Part()
        let records = try QueryStatement(db, """
            SELECT id, days_past_due, status NOT IN ('paid', 'closed'), balance, zone_id, client FROM account_record
            WHERE rowid > ?1 AND rowid <= ?2
            """).bind(after ?? Int64.min, upTo ?? Int64.max)
        while try records.step() {
            let dpd = records.int64(1).map { Int($0) }
            var worked = records.int64(2) == 1, balance = records.int64(3)!
            if let found = keys.find(records, 0).map({ Int($0) }) {
                if found < states.count, states[found].known { (worked, balance) = (states[found].worked, states[found].balance) }
                if found < details.count, details[found] {
                    part.details.append((Int32(found), .init(zoneID: records.text(4), client: records.text(5)!, daysPastDue: dpd)))
                }
            }
            guard worked else { continue }
            if let d = dpd, d >= 0, d < part.dense.count {
                part.dense[d].accounts += 1
                part.dense[d].balance += balance
            } else {
                part.other[dpd, default: Sum()].accounts += 1
                part.other[dpd, default: Sum()].balance += balance
            }
        }
        return part
    }

    /// The slices of `parts` together, by days past due (none first), and their details into `info`.
    static func merged(_ parts: [Part], into info: inout [ReportFacts.AccountInfo?]) -> [ReportFacts.PortfolioSlice] {
        var sums: [Int?: Sum] = [:]
        for part in parts {
            for (d, sum) in part.dense.enumerated() where sum.accounts > 0 {
                sums[d, default: Sum()].accounts += sum.accounts
                sums[d, default: Sum()].balance += sum.balance
            }
            for (d, sum) in part.other {
                sums[d, default: Sum()].accounts += sum.accounts
                sums[d, default: Sum()].balance += sum.balance
            }
            for (key, details) in part.details { info[Int(key)] = details }
        }
        return sums.keys.sorted { ($0 ?? -1) < ($1 ?? -1) }.map {
            ReportFacts.PortfolioSlice(daysPastDue: $0, accounts: sums[$0]!.accounts, balanceMinor: sums[$0]!.balance)
        }
    }
}
