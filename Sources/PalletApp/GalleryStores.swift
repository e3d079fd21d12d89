public import Gallery
public import Logging
import BlobFileSystem
import Foundation
import S3BlobStore
public import SQLStore

/// Opens the stores a configuration names: SQLite + the data folder's blob folder by default,
/// PostgreSQL (`database`) and S3 (`storage`) when set. `serve` and every admin command go through here.
public enum GalleryStores {
    /// The metadata store: PostgreSQL when `config.database` is set, else the SQLite file in the data folder.
    public static func openMetadataStore(config: ServerConfig, logger: Logger) async throws -> SQLMetadataStore {
        if let url = config.database {
            return try await SQLMetadataStore.openPostgres(url: url, logger: logger, maxConnections: config.databaseConnections)
        }
        let data = try DataDirectory(config.dataDirectory)
        return try await SQLMetadataStore.openSQLite(path: data.database, logger: logger)
    }

    /// The blob store: S3 when `config.storage` is set (credentials from the AWS_* variables), else the blob folder.
    public static func openBlobStore(config: ServerConfig, logger: Logger) throws -> any BlobStore {
        if let storage = config.storage {
            let location = try S3Location(parsing: storage)
            let credentials = try S3Credentials.fromEnvironment()
            return S3BlobStore(location: location, credentials: credentials, presignDownloads: config.downloadRedirect, logger: logger)
        }
        return try FileSystemBlobStore(root: DataDirectory(config.dataDirectory).blobs)
    }
}
