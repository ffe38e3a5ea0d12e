import Synchronization

/// Who made the request, as far as the token check got: shared by every copy of one
/// request's context, so the request log (outside the token check) can name the user.
final class RequestIdentity: Sendable {
    private let name = Mutex<String?>(nil)

    var userName: String? {
        get { name.withLock { $0 } }
        set { name.withLock { $0 = newValue } }
    }
}
