public import Foundation
public import Gallery
import Synchronization

/// A gallery clock that moves only when a test moves it, so leases and expiries are tested without sleeping.
public final class TestClock: GalleryClock {
    private let current: Mutex<Date>

    /// A clock reading `start` (microsecond-truncated).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = Mutex(start.truncatedToMicroseconds)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds).truncatedToMicroseconds }
    }
}
