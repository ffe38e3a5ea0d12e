import FieldPlanCore

extension AccountHistory {
    /// The history as the store would fold it the day after a planned visit on `day` was made
    /// with no outcome known yet (a plain NOT_HOME, no contact): the last visit moves to `day`,
    /// the month's count grows when `day` is in the month of `planning` (the day this history
    /// serves), and the holds that hang on the latest outcome end. Promises, payments and a
    /// booked call-back stay (the store keeps the latest CALLBACK's date whatever follows it).
    /// Used by the week plan so that a later day of the horizon knows the earlier days' visits
    /// exactly as `plan --date` day after day would.
    public func afterPlannedVisit(on day: CivilDate, planning: CivilDate) -> AccountHistory {
        var h = self
        h.lastVisit = day
        if day.description.prefix(7) == planning.description.prefix(7) { h.visitsThisMonth += 1 }
        h.latestCode = .notHome
        h.latestDate = day
        h.latestContact = ContactType.none
        h.paidSinceLatest = false
        h.updatedAfterLatest = false
        return h
    }
}
