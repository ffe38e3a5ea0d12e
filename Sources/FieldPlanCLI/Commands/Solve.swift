import ArgumentParser
import FieldPlanInterchange
import FieldPlanRouting
import Foundation

extension FieldPlanCommand {
    /// `fieldplan solve FILE`: the daily planner's routing engine on a standard benchmark
    /// instance (SPEC §9), so its quality can be compared with other solvers'.
    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve a Solomon, VRPLIB or TSPLIB benchmark instance with the planning engine; prints one JSON object.")

        @Argument(help: "The instance file.") var file: String
        @Option(help: "solomon, vrplib or tsplib (default: detected from the content).") var format: String?
        @Option(help: "Time limit in seconds (default 10 unless --iterations is given).") var seconds: Double?
        @Option(help: "Iteration budget instead of a time limit: the same seed and budget give the same answer.") var iterations: Int?
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Search threads (independent seeded searches; the best wins).") var threads = 2

        func validate() throws {
            if let seconds, !(seconds > 0) { throw ValidationError("--seconds must be more than 0") }
            if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1") }
            if threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            var instanceFormat: InstanceFormat?
            if let format {
                guard let f = InstanceFormat(rawValue: format) else {
                    throw ValidationError("--format: expected solomon, vrplib or tsplib, got \"\(format)\"")
                }
                instanceFormat = f
            }
            let text = try FileSystem.read(file)
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let instance: BenchmarkInstance
            do {
                instance = try BenchmarkInstance.parse(text, name: name, format: instanceFormat)
            } catch let error as InstanceParseError {
                throw CommandFailure(error.line.map { "\(file):\($0): \(error.message)" } ?? "\(file): \(error.message)")
            }
            let limit = SearchLimit(seconds: iterations == nil ? (seconds ?? 10) : seconds, iterations: iterations)
            let solution = BenchmarkRunner.solve(instance, limit: limit, seed: seed, threads: threads)
            // SPEC §9's keys, in its order.
            var w = JSONWriter()
            w.string("instance", solution.instance)
            w.string("format", solution.format)
            w.int("vehicles", solution.vehicles)
            w.raw("distance", String(solution.distance))
            w.raw("seconds", String((solution.seconds * 1000).rounded() / 1000))
            w.raw("routes", "[" + solution.routes.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]")
            print(w.finish())
        }
    }
}
