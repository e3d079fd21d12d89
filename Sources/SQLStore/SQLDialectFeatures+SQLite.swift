import Gallery
import SQLiteNIO

extension SQLDialectFeatures {
    /// SQLite 3.35+ (the bundled library is newer): one connection, writers serialized by the file lock.
    public static let sqlite = SQLDialectFeatures(
        name: "sqlite",
        booleanType: "INTEGER",
        bigintType: "INTEGER",
        bytesType: "BLOB",
        autoincrementKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
        beginWriteTransaction: "BEGIN IMMEDIATE",
        migrationLock: nil,
        catalogAppendLock: nil,
        lockRowsForUpdate: "",
        // julianday has millisecond precision, enough for a one-process database.
        currentMicroseconds: "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)",
        lockRowsAgainstDelete: "",
        serializesCallers: true,
        classify: classifySQLiteError,
        // An explicit key larger than any before moves `sqlite_sequence` along.
        resetIdentitySQL: nil,
        // json() keeps the tags an array (json_extract answers it as text); an absent summary or title becomes
        // null, which decodes as nil.
        versionTextsBackfill: """
            UPDATE package_versions SET feed_texts = json_object(
                'authors', json_extract(metadata_json, '$.authors'), 'description', json_extract(metadata_json, '$.description'),
                'summary', json_extract(metadata_json, '$.summary'), 'tags', json(json_extract(metadata_json, '$.tags')),
                'title', json_extract(metadata_json, '$.title'))
            WHERE instr(metadata_json, '\\u0000') = 0
            """
    )
}

/// Unique and primary-key violations (extended codes 2067 and 1555, or plain 19 from an old library)
/// become `.alreadyExists`; a locked, unreadable or closed database becomes `.unavailable`.
@Sendable
func classifySQLiteError(_ error: any Error) -> StoreError? {
    guard let error = error as? SQLiteError else { return nil }
    switch error.reason {
    case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraint:
        return .alreadyExists(error.message)
    case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .cantOpen, .cantOpenDirectory,
         .cantOpenInvalidPath, .ioError, .readOnly, .readonlyCantLock, .readonlyDirectory, .full,
         .notADatabase, .corrupt, .misuse:
        // `.misuse` is also what SQLiteNIO reports when its thread pool is shut down.
        return .unavailable(error.message)
    default:
        return nil
    }
}
