extension ReportFacts {
    /// Whether the facts are numbered (`accountIDs`): every fact carries the key of its own
    /// account, and every key has its details slot. Only then does a builder count by the
    /// keys; otherwise it numbers the ids itself, so facts put together by hand, or changed
    /// after the store numbered them, still give the right figures.
    /// - Complexity: O(f) integer checks and comparisons of short strings' bits for f facts,
    ///   much cheaper than hashing each id.
    public var carriesAccountKeys: Bool {
        let ids = accountIDs
        guard !ids.isEmpty, accountInfo.count == ids.count else { return false }
        func holds(_ k: Int32, _ id: String) -> Bool { k >= 0 && Int(k) < ids.count && ids[Int(k)] == id }
        for r in routes {
            guard r.stopKeys.count == r.stops.count else { return false }
            for (stop, k) in zip(r.stops, r.stopKeys) where !holds(k, stop.accountID) { return false }
        }
        for o in outcomes where !holds(o.accountKey, o.accountID) { return false }
        for p in payments where !holds(p.accountKey, p.accountID) { return false }
        for p in promises where !holds(p.accountKey, p.accountID) { return false }
        for r in receipts where !holds(r.accountKey, r.accountID) { return false }
        return true
    }
}
