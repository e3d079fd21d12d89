public import Gallery
public import Logging
public import SQLStore

/// Opens the stores a configuration names: SQLite + the data folder's blob folder by default,
/// PostgreSQL (`database`) and S3 (`storage`) when set. `serve` and every admin command go through here;
/// `pallet admin migrate` opens its targets through the same `DatabaseLocation`/`StorageLocation`.
public enum GalleryStores {
    /// The metadata store, not yet migrated (`PackageGallery.open` migrates it).
    public static func openMetadataStore(config: ServerConfig, logger: Logger) async throws -> SQLMetadataStore {
        try await DatabaseLocation.configured(config).open(
            logger: logger, maxConnections: config.databaseConnections, migrating: false)
    }

    /// The blob store (S3 credentials from the AWS_* variables).
    public static func openBlobStore(config: ServerConfig, logger: Logger) throws -> any BlobStore {
        try StorageLocation.configured(config).open(logger: logger, presignDownloads: config.downloadRedirect)
    }
}
