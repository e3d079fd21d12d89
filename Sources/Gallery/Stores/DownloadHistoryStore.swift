/// Downloads per version per day (UTC), for the package page's history chart (gallery.md §4, §8).
///
/// Written by `DownloadCounter`'s buffered flush, one upsert per version and day touched by a batch,
/// never a row per download. Days are whole days since 1970-01-01 UTC.
public protocol DownloadHistoryStore: Sendable {
    /// Adds a flushed batch to the versions' totals **and** to their row of `day`, in one transaction,
    /// so a retried batch never counts twice in one place and once in the other.
    func addDownloads(_ counts: [PackageVersionKey: Int64], onDay day: Int64) async throws
    /// Downloads of every version of one id per day, for days `>= fromDay`, ascending; days without
    /// downloads are absent.
    func dailyDownloads(ofLowerID lowerID: String, fromDay: Int64) async throws -> [DailyDownloads]
}

/// One day's downloads of a package id (all versions).
public struct DailyDownloads: Sendable, Equatable {
    /// Days since 1970-01-01 UTC.
    public var day: Int64
    public var downloads: Int64

    /// Creates a day's count.
    public init(day: Int64, downloads: Int64) {
        self.day = day
        self.downloads = downloads
    }
}

extension DailyDownloads {
    /// The UTC day number of an instant.
    public static func day(of seconds: Double) -> Int64 {
        Int64((seconds / 86_400).rounded(.down))
    }
}
