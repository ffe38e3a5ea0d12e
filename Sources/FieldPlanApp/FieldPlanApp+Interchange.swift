import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanApp {
    /// `import`: every valid line applied (upsert by id), every invalid one reported to
    /// `onReject` and kept in the store; one transaction (`FieldPlanStore.importRecords`).
    /// - Throws: `AppError.invalid` when the input cannot be read at all, a CSV header does not
    ///   fit its kind, or no input holds a record (nothing applied).
    /// - Parameter ignoreUnknownColumns: warn about CSV columns no field has and import the
    ///   rest, instead of stopping the run.
    public func importRecords(_ inputs: [ImportInput], dryRun: Bool = false, ignoreUnknownColumns: Bool = false,
                              onReject: (FieldPlanStore.Rejection) -> Void = { _ in },
                              onWarning: (String) -> Void = { _ in },
                              onProgress: (Int) -> Void = { _ in }) throws -> ImportResult {
        do {
            let summary = try store.importRecords(inputs, dryRun: dryRun, ignoreUnknownColumns: ignoreUnknownColumns,
                                                  onReject: onReject, onWarning: onWarning, onProgress: onProgress)
            return ImportResult(summary: summary, dryRun: dryRun)
        } catch let error as ImportError {
            throw AppError.invalid(error.message)
        }
    }

    /// `sync import` / `POST /api/sync`: outcomes and payments merged exactly once (SPEC §6),
    /// waiting its turn while another import holds the store (`FieldPlanStore.syncRecords`).
    /// - Parameter now: the import's clock (nil: now); visits after it are refused as in the
    ///   future.
    /// - Throws: `AppError.invalid` when the input cannot be read at all (nothing applied).
    public func syncImport(_ inputs: [ImportInput], now: Int64? = nil,
                           onWait: (Int) -> Void = { _ in },
                           onReject: (FieldPlanStore.Rejection) -> Void = { _ in },
                           onProgress: (Int) -> Void = { _ in }) throws -> SyncSummary {
        do {
            return SyncSummary(try store.syncRecords(inputs, now: now, onWait: onWait, onReject: onReject, onProgress: onProgress))
        } catch let error as ImportError {
            throw AppError.invalid(error.message)
        }
    }

    /// `export` / `GET /api/export`: the store as NDJSON that `import` takes back, each line
    /// handed to `line` as it is read: zones first (with figures computed from the accounts
    /// now), then the other kinds in dependency order, then the day's plan (each route line
    /// followed by its visits).
    /// - Throws: `AppError.invalid` for plan kinds without a date; `AppError.notFound` when
    ///   the day has no plan (before any line is written).
    /// - Complexity: streams every kind but zones and the plan, which are small.
    public func export(_ request: ExportRequest, line: (String) throws -> Void) throws {
        try exportStream(request).write(line)
    }

    /// `export` as a stream an edge writes as it reads (`GET /api/export`): the request is
    /// checked and the day's plan read now, so a refusal comes before the first line; the
    /// zones' figures and every other kind are read when the stream is written, the records
    /// through the store's cursors, never held whole.
    /// - Throws: as `export(_:line:)`, when the stream is made.
    public func exportStream(_ request: ExportRequest) throws -> LineStream {
        var kinds = request.kinds
        let planKinds = Set(kinds.filter { $0 == .visit || $0 == .route }.map(\.rawValue))
        kinds.removeAll { $0 == .visit || $0 == .route }
        var planLines: [String] = []
        if !planKinds.isEmpty {
            guard let day = request.date else { throw AppError.invalid("kind visit,route needs a date (YYYY-MM-DD)") }
            guard let plan = try store.planLines(date: day, kinds: planKinds) else {
                throw AppError.notFound("no plan for \(day); run fieldplan plan --date \(day)")
            }
            planLines = plan.lines
        }
        let recordKinds = kinds, dayLines = planLines, since = request.since
        return LineStream { [self] line in
            var kinds = recordKinds
            if kinds.contains(.zone) {
                for l in try zoneFigures(changedSince: since).exportLines() { try line(l) }
                kinds.removeAll { $0 == .zone }
            }
            try store.export(kinds: kinds, since: since, line)
            for l in dayLines { try line(l) }
        }
    }
}
