/// What a zone build moves, zone by zone: the accounts each zone gains and loses against the
/// zones the accounts had before it. It is what `zones build --dry-run` shows before anything
/// is stored, counted from the accounts in one pass.
public struct ZoneMoves: Sendable, Hashable {
    /// One zone's change; a zone the build removes loses every account it had.
    public struct Zone: Sendable, Hashable {
        public var zoneID: String
        /// Accounts that were in another zone, or in none, and are in this one now.
        public var gained: Int
        /// Accounts that were in this zone and are in another one now.
        public var lost: Int
    }

    /// Every zone that gains or loses an account, by id.
    public var zones: [Zone]
    /// Accounts that had a zone and now have another one (the build's `moved`).
    public var moved: Int
    /// Accounts that had no zone and now have one.
    public var newlyZoned: Int

    /// Compares each account's zone before (`before`, nil: no zone) with its zone after
    /// (`after`, same order).
    /// - Complexity: O(n + z log z) for n accounts in z zones.
    public init(before: [String?], after: [String]) {
        var gained: [String: Int] = [:], lost: [String: Int] = [:]
        var moved = 0, newlyZoned = 0
        for (old, new) in zip(before, after) where old != new {
            gained[new, default: 0] += 1
            if let old {
                lost[old, default: 0] += 1
                moved += 1
            } else {
                newlyZoned += 1
            }
        }
        zones = Set(gained.keys).union(lost.keys).sorted().map { Zone(zoneID: $0, gained: gained[$0] ?? 0, lost: lost[$0] ?? 0) }
        self.moved = moved
        self.newlyZoned = newlyZoned
    }
}
