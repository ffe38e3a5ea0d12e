import FieldPlanStore

/// Reports rejected input lines the same way for `import` and `sync import`: the first
/// `limit` messages on stderr (one line each, `FILE:LINE: field: reason`), the rest counted,
/// and every rejected line written verbatim to the rejects file (CSV rows under their
/// file's header) so it can be corrected and imported again. Warnings (a repeated id, an
/// empty input) share the limit but are counted apart: nothing was refused, and
/// `fieldplan rejects` does not list them.
final class RejectReporter {
    private let limit: Int
    private let file: OutputFile?
    private var shown = 0
    private var hiddenRejects = 0
    private var hiddenWarnings = 0
    private var headersWritten = Set<String>()

    init(limit: Int, rejectsPath: String?) throws {
        self.limit = limit
        file = try rejectsPath.map { try OutputFile(path: $0) }
    }

    func reject(_ rejection: FieldPlanStore.Rejection) {
        if !show(rejection.error.description) { hiddenRejects += 1 }
        guard let file else { return }
        if let header = rejection.csvHeader, headersWritten.insert(rejection.error.source).inserted {
            file.writeLine(header)
        }
        if let raw = rejection.raw {
            file.write(bytes: raw)
            file.write("\n")
        }
    }

    func warning(_ text: String) {
        if !show("warning: " + text) { hiddenWarnings += 1 }
    }

    /// Prints `text` unless the limit is reached; false when it was not shown.
    private func show(_ text: String) -> Bool {
        guard shown < limit else { return false }
        Terminal.endProgress()
        Terminal.error(text)
        shown += 1
        return true
    }

    /// Closes the rejects file and says how many rejections and warnings were not shown.
    func finish() {
        file?.close()
        if hiddenRejects > 0 {
            Terminal.error("… and \(hiddenRejects) more rejected \(hiddenRejects == 1 ? "line" : "lines") (fieldplan rejects lists them all)")
        }
        if hiddenWarnings > 0 { Terminal.error("… and \(hiddenWarnings) more \(hiddenWarnings == 1 ? "warning" : "warnings")") }
    }
}
