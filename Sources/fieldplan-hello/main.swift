// Not part of the product: Hummingbird's minimal route, the framework's ceiling on this
// machine for `scripts/bench-serve` to compare the service with. Usage: fieldplan-hello PORT
import Hummingbird

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8081
let router = Router()
router.get("/hello") { _, _ in "hello" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
