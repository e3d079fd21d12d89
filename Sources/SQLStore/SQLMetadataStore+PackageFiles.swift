public import Gallery
import SQLKit

extension SQLMetadataStore {
    /// The nupkgs the blob store must hold (available versions: pending ones may have none yet, deleted
    /// ones had theirs removed), `limit` at a time in key order after `after`, for checks that page through
    /// a million versions without loading them all.
    public func availablePackageFiles(after: PackageVersionKey?, limit: Int) async throws -> [StoredPackageFile] {
        try await read { db in
            var query: SQLQueryString = "SELECT lower_id, lower_version, package_size, package_hash FROM package_versions WHERE state = 'available'"
            if let after {
                query += " AND (lower_id, lower_version) > (\(bind: after.lowerID), \(bind: after.lowerVersion))"
            }
            query += " ORDER BY lower_id, lower_version LIMIT \(literal: max(1, limit))"
            return try await db.raw(query).all().map { row in
                StoredPackageFile(
                    key: PackageVersionKey(
                        lowerID: try row.decode(column: "lower_id", as: String.self),
                        lowerVersion: try row.decode(column: "lower_version", as: String.self)
                    ),
                    size: try row.decode(column: "package_size", as: Int64.self),
                    sha512: try row.decode(column: "package_hash", as: String.self)
                )
            }
        }
    }
}
