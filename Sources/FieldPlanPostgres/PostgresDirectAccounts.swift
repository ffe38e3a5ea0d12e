import FieldPlanCore

/// The accounts of an import into a store that has none, as `COPY` rows of `account_record`
/// itself (`PostgresImportSQL.directAccountColumns`): the first line of each id without a
/// zone (a zone is checked against the store, so such a line goes through staging), which
/// nothing can refuse any more and nothing stored can differ from. Written as the staging
/// path's `INSERT … SELECT` would store it: status `open` when left out, the run's number as
/// each snapshot's run, the line's input and line as where it came from. Skipping the
/// staging table and the set-based insert halves the server's work for such a file.
///
/// `keys` (kind, id, seq) are kept only when a rejection may need them (one of this run's
/// lines was refused before, or earlier runs left rejections open): the rows that resolve
/// those rejections (`PostgresImportSQL.createApplied`).
struct PostgresDirectAccounts: Sendable {
    var rows = CopyRows()
    var keys = CopyRows()
    let now: Int64
    let runID: Int64
    let sourceBase: Int64
    var keepKeys: Bool

    init(now: Int64, start: ImportFeed.Start) {
        self.now = now
        runID = start.runID
        sourceBase = start.sourceBase
        keepKeys = start.keepKeys
    }

    mutating func add(_ a: Account, seq: Int64, input: Int, line: Int) {
        rows.text(a.id); rows.text(a.client); rows.text(a.debtorName); rows.int(a.balance.minorUnits)
        rows.text(a.currency); rows.text(a.phone); rows.text(a.email); rows.text(a.nationalID)
        rows.text(a.address); rows.double(a.location?.lat); rows.double(a.location?.lon)
        rows.int(a.daysPastDue); rows.text(a.status?.rawValue ?? "open"); rows.text(a.visitWindow?.from.description)
        rows.text(a.visitWindow?.to.description); rows.int(a.serviceMinutes); rows.text(a.notes)
        rows.text(a.noVisitBefore?.description); rows.int(a.maxVisitsPerMonth)
        rows.int(now); rows.int(runID); rows.int(runID); rows.int(runID); rows.int(sourceBase + 1 + Int64(input)); rows.int(line)
        rows.end()
        if keepKeys {
            keys.text(a.id); keys.int(seq)
            keys.end()
        }
    }
}
