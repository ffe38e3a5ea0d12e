import FieldPlanStore

/// Gathers the store's rejections of one import as the service reports them: the first
/// `limit` lines with field and reason (the summary counts them all).
final class RejectCollector: @unchecked Sendable {
    static let limit = 1000
    private(set) var lines: [RejectedLine] = []

    func add(_ rejection: FieldPlanStore.Rejection) {
        guard lines.count < Self.limit else { return }
        lines.append(RejectedLine(line: rejection.error.line, field: rejection.error.error.field, reason: rejection.error.error.reason))
    }
}
