import Foundation
import Testing

/// Compares rendered output byte for byte with a committed file under `Golden/`, found next
/// to this source file through `#filePath` (no resource bundle needed).
///
/// `FIELDPLAN_UPDATE_GOLDEN=1 swift test --filter FieldPlanRenderingTests` rewrites the files
/// instead; review the diff before committing it.
enum GoldenFile {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["FIELDPLAN_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        guard expected != Data(actual.utf8) else { return }
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(want.count, got.count)).first { want[$0] != got[$0] } ?? min(want.count, got.count)
        let wantLine = line < want.count ? String(want[line]) : "<end of file>"
        let gotLine = line < got.count ? String(got[line]) : "<end of file>"
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1) \
            (set FIELDPLAN_UPDATE_GOLDEN=1 to regenerate):
              golden: \(wantLine)
              actual: \(gotLine)
            """, sourceLocation: sourceLocation)
    }
}
