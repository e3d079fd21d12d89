public import Foundation

/// The source of "now" for the gallery, so tests can fix time.
public protocol GalleryClock: Sendable {
    /// The current instant, truncated to whole microseconds so it round-trips through every store.
    func now() -> Date
}

/// Wall-clock time.
public struct SystemClock: GalleryClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Date { Date().truncatedToMicroseconds }
}

extension Date {
    /// This instant without sub-microsecond digits (stores keep microseconds; equality after a round trip needs this).
    public var truncatedToMicroseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000)
    }
}
