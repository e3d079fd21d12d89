public import NIOCore
import Synchronization

/// What a `FastPathResponder` remembers for one event loop (issue 13): read and written only on that loop's
/// thread, so without a lock and without touching what the other loops share. Every connection on the loop sees
/// the same memo (a restore asks each document once per connection, so a memo per connection would rarely hit).
///
/// The responder decides what it keeps and when it is still true (`V3FastPath` keeps prepared answers for one
/// `DocumentCache` generation).
public final class FastPathLoopMemo: @unchecked Sendable {  // confined to one event loop (see above)
    private var object: AnyObject?

    init() {}

    /// The memo's object, made by `make` the first time (or when it held another type).
    public func object<Object: AnyObject>(_ make: () -> Object) -> Object {
        if let object, ObjectIdentifier(type(of: object)) == ObjectIdentifier(Object.self) {
            return unsafeDowncast(object, to: Object.self)
        }
        let made = make()
        object = made
        return made
    }
}

/// The memos of one `FastPath`, one per event loop.
final class FastPathLoopMemos: Sendable {
    private let memos = Mutex<[ObjectIdentifier: FastPathLoopMemo]>([:])

    /// The memo of `loop` (asked once per connection, when its handlers are added).
    func memo(for loop: any EventLoop) -> FastPathLoopMemo {
        memos.withLock { memos in
            if let memo = memos[ObjectIdentifier(loop)] { return memo }
            let memo = FastPathLoopMemo()
            memos[ObjectIdentifier(loop)] = memo
            return memo
        }
    }
}
