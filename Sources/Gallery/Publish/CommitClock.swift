public import Foundation

/// Hands out catalog commit time stamps that strictly increase (protocol §6: mirrors keep a
/// cursor on `commitTimeStamp`, so two commits must never share one or go back in time).
public actor CommitClock {
    private let clock: any GalleryClock
    private var last: Date

    /// Starts after the newest stamp already in the catalog.
    public init(clock: any GalleryClock, after latest: Date?) {
        self.clock = clock
        self.last = latest ?? .distantPast
    }

    /// The next stamp: now, or one microsecond after the previous one when the clock has not moved on.
    public func next() -> Date {
        let now = clock.now()
        last = now > last ? now : Date(timeIntervalSince1970: last.timeIntervalSince1970 + 0.000_001).truncatedToMicroseconds
        return last
    }
}
