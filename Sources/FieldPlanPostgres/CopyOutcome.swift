import Synchronization

/// The result of the store task a whole-store copy waits for on a thread of its own, handed
/// to the thread that reads the source. Success until a failure is set.
final class CopyOutcome: Sendable {
    private let result = Mutex<Result<Void, any Error>>(.success(()))

    func set(_ value: Result<Void, any Error>) { result.withLock { $0 = value } }

    func get() throws { try result.withLock { $0 }.get() }
}
