import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan rejects`: the rejected input lines kept for correction; a line is resolved
    /// when its correction (same kind and id) is imported.
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List rejected input lines kept for correction (open ones unless --all), or clear old ones.",
            subcommands: [List.self, Clear.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List rejected lines: open ones by default, every one with its state with --all.")
            @OptionGroup var store: StoreOptions
            @Flag(help: "Also the resolved ones (corrected by a later import, or settled by review), each with its state.")
            var all = false
            @Option(help: "At most this many.")
            var limit = 1000
            @Option(help: "text (FILE:LINE: field: reason) or json (one object per line).")
            var format: Format = .text

            enum Format: String, ExpressibleByArgument { case text, json }

            func run() throws {
                let db = try store.open()
                let clock = try db.clock()
                for r in try db.rejections(includeResolved: all, limit: limit) {
                    let message = LineError(source: r.source, line: r.line, error: FieldError(r.field, r.reason)).description
                    switch format {
                    case .text:
                        print(all ? (r.resolved ? "resolved  " : "open      ") + message : message)
                    case .json:
                        var w = JSONWriter()
                        w.string("kind", "reject")
                        w.string("source", r.source)
                        w.int("line", r.line)
                        w.string("field", r.field)
                        w.string("reason", r.reason)
                        w.string("record_kind", r.kind)
                        w.string("record_id", r.recordID)
                        w.string("state", r.resolved ? "resolved" : "open")
                        w.string("rejected_at", clock.instant(r.createdAt).text)
                        print(w.finish())
                    }
                }
            }
        }

        struct Clear: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete the rejected lines (open or resolved) recorded before an instant, and say how many.")
            @OptionGroup var store: StoreOptions
            @Option(help: "An ISO 8601 instant with offset (2026-11-01T00:00:00+03:00), or a date: its start in the agency's time zone.")
            var before: String

            func validate() throws {
                if Instant(before) == nil && CivilDate(before) == nil {
                    throw ValidationError("--before: expected an instant like 2026-11-01T00:00:00+03:00 or a date YYYY-MM-DD, got \"\(before)\"")
                }
            }

            func run() throws {
                let db = try store.open()
                let clock = try db.clock()
                let instant: Instant
                if let i = Instant(before) {
                    instant = i
                } else {
                    let date = CivilDate(before)!
                    let utcMidnight = Int64(date.dayNumber) * 86_400
                    instant = Instant(date: date, secondsOfDay: 0, offsetSeconds: clock.offsetSeconds(at: utcMidnight))
                }
                let count = try db.clearRejections(before: instant.epochSeconds)
                print("deleted \(count) rejected \(count == 1 ? "line" : "lines") recorded before \(clock.instant(instant.epochSeconds).text)")
            }
        }
    }
}
