import Foundation

/// Wall-clock time of the phases of a long store call (the bulk sync's: read and validate,
/// COPY, look-ups, decide, insert, replay, apply, commit), written to stderr when
/// `FIELDPLAN_PG_PHASES` is set, so where the time goes can be measured on a real run
/// without a profiler. Names only phases and counts, never a value of a row.
struct PhaseTimer: Sendable {
    static let enabled = ProcessInfo.processInfo.environment["FIELDPLAN_PG_PHASES"] != nil

    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var phases: [(name: String, seconds: Double)] = []

    /// Ends the phase running since the last mark (or since the timer was made).
    mutating func mark(_ name: String) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - last) / 1e9))
        last = now
    }

    /// Adds `other`'s phases to this timer's, summed by name: the same phase of many chunks
    /// as one figure. With `prefix`, they become this timer's phases of that name.
    mutating func add(_ other: PhaseTimer, prefix: String? = nil) {
        guard Self.enabled else { return }
        for p in other.phases {
            let name = prefix.map { "\($0) (\(p.name))" } ?? p.name
            if let i = phases.firstIndex(where: { $0.name == name }) { phases[i].seconds += p.seconds } else { phases.append((name, p.seconds)) }
        }
    }

    /// Writes the phases as one line each (`phase NAME SECONDS`) under `title`.
    func report(_ title: String) {
        guard Self.enabled, !phases.isEmpty else { return }
        var text = "phases of \(title):\n"
        for p in phases { text += "  phase \(p.name) \(String(format: "%.3f", p.seconds))\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
