import Foundation

/// Per-worker results, written once each from `concurrentPerform`.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [RoutingSolution?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: RoutingSolution) { lock.withLock { values[i] = v } }
}
