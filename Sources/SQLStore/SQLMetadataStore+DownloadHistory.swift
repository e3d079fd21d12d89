public import Gallery
import SQLKit

extension SQLMetadataStore {
    public func addDownloads(_ counts: [PackageVersionKey: Int64], onDay day: Int64) async throws {
        guard !counts.isEmpty else { return }
        try await write { db in
            try await Self.addDownloadTotals(counts, in: db) { key, count in
                // Only for a version that exists (as the total's UPDATE); ON CONFLICT … DO UPDATE is the same
                // SQL on SQLite (3.24+; the WHERE keeps its parser from reading ON as a join) and PostgreSQL.
                try await db.raw("""
                    INSERT INTO download_days (lower_id, lower_version, day, downloads)
                    SELECT lower_id, lower_version, \(bind: day), \(bind: count) FROM package_versions
                    WHERE lower_id = \(bind: key.lowerID) AND lower_version = \(bind: key.lowerVersion)
                    ON CONFLICT (lower_id, day, lower_version)
                    DO UPDATE SET downloads = download_days.downloads + excluded.downloads
                    """).run()
            }
        }
    }

    // PostgreSQL sums BIGINT into NUMERIC; the cast keeps one decodable type on both databases.
    public func dailyDownloads(ofLowerID lowerID: String, fromDay: Int64) async throws -> [DailyDownloads] {
        try await read { db in
            try await db.raw("""
                SELECT day, CAST(SUM(downloads) AS BIGINT) AS downloads FROM download_days
                WHERE lower_id = \(bind: lowerID) AND day >= \(bind: fromDay)
                GROUP BY day ORDER BY day
                """).all().map {
                DailyDownloads(day: try $0.decode(column: "day", as: Int64.self),
                               downloads: try $0.decode(column: "downloads", as: Int64.self))
            }
        }
    }
}
