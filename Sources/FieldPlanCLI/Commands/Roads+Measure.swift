import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import Foundation

extension FieldPlanCommand.Roads {
    /// `roads measure FILE [--matrix]`: the built-in model on given points, for
    /// `scripts/bench-roads` to compare with osrm-routed on exactly the same ones.
    struct Measure: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Built-in road figures for the points of FILE (one LAT,LON a line): each pair of lines, or --matrix (for scripts/bench-roads).",
            shouldDisplay: false)
        @OptionGroup var store: StoreOptions
        @Argument(help: "A file of LAT,LON lines.") var file: String
        @Flag(help: "One N × N matrix between all the points, timed, instead of the pairs.") var matrix = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("\(file): cannot read the file") }
            var points: [Coordinate] = []
            for (n, line) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
                points.append(try Route.point(String(line), "\(file):\(n + 1)"))
            }
            let app = try FieldPlanApp(store: store.open())
            if matrix {
                let (m, seconds) = try app.measureRoadMatrix(points)
                print("\(m.rows)x\(m.columns) matrix in \(String(format: "%.3f", seconds)) s")
                return
            }
            guard points.count % 2 == 0 else { throw CommandFailure("\(file): expected pairs of lines, got \(points.count) lines") }
            let pairs = stride(from: 0, to: points.count, by: 2).map { (points[$0], points[$0 + 1]) }
            let (legs, seconds) = try app.measureRoadPairs(pairs)
            var out = "seconds,metres\n"
            for leg in legs { out += leg.map { "\($0.seconds),\($0.metres)\n" } ?? "off,off\n" }
            print(out, terminator: "")
            FileHandle.standardError.write(Data("\(pairs.count) pairs in \(String(format: "%.3f", seconds)) s\n".utf8))
        }
    }
}
