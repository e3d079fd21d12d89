public import Gallery

extension InMemoryMetadataStore {
    /// Adds the batch to the versions' totals and to their row of `day`, together (one write).
    public func addDownloads(_ counts: [PackageVersionKey: Int64], onDay day: Int64) async throws {
        try write { state in
            for (key, count) in counts where state.versions[key] != nil {
                state.versions[key]?.record.downloads += count
                state.downloadDays[key.lowerID, default: [:]][day, default: [:]][key.lowerVersion, default: 0] += count
            }
        }
    }

    /// Every version's downloads of one id per day from `fromDay`, ascending; days without downloads absent.
    public func dailyDownloads(ofLowerID lowerID: String, fromDay: Int64) async throws -> [DailyDownloads] {
        try read { state in
            (state.downloadDays[lowerID] ?? [:])
                .filter { $0.key >= fromDay }
                .map { DailyDownloads(day: $0.key, downloads: $0.value.values.reduce(0, +)) }
                .filter { $0.downloads > 0 }
                .sorted { $0.day < $1.day }
        }
    }
}
