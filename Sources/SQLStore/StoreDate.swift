import Foundation

/// Dates are stored as whole microseconds since 1970 (a 64-bit integer in every dialect).
///
/// Gallery passes dates already truncated to microseconds (`GalleryClock.now()`), and such a date
/// comes back equal (`==`) after a round trip. Other dates come back rounded to the nearest microsecond.
enum StoreDate {
    /// The stored form of `date`.
    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date of a stored value; the same arithmetic as `Date.truncatedToMicroseconds`, so values agree exactly.
    static func date(_ microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }
}
