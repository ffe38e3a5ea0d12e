import ArgumentParser
import FieldPlanServer
import FieldPlanStore
import Foundation
import Synchronization

extension FieldPlanCommand {
    /// `fieldplan serve`: the store over HTTP (SPEC §8, docs/service.md).
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store over HTTP: the JSON / NDJSON API of docs/service.md.",
            discussion: """
                Prints one line when it listens (with the port, useful with --port 0), then one log line per request \
                on stderr. SIGINT or SIGTERM stops it after the requests in flight are answered.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port (0: any free port).") var port = 8080

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, got \(port)") }
        }

        func run() throws {
            let host = self.host
            let path = store.path
            let name = store.displayName
            // Opened here, on the main thread: a PostgreSQL store is opened outside Swift tasks.
            let opened = try store.open()
            let configuration = ServerConfiguration(host: host, port: port, storePath: path, store: opened, onListening: { port in
                FileHandle.standardOutput.write(Data("fieldplan: serving \(name) on http://\(host):\(port)\n".utf8))
            })
            do {
                try Self.block { try await serve(configuration) }
            } catch let error as StoreFileError {
                throw CommandFailure(error.description)
            }
        }

        /// Runs `body` to its end from this synchronous command (the root command is not async).
        private static func block(_ body: @escaping @Sendable () async throws -> Void) throws {
            let done = DispatchSemaphore(value: 0)
            let failure = Mutex<(any Error)?>(nil)
            Task {
                do { try await body() } catch { failure.withLock { $0 = error } }
                done.signal()
            }
            done.wait()
            if let error = failure.withLock({ $0 }) { throw error }
        }
    }
}
