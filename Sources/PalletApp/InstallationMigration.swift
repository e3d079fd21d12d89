import Gallery
public import Logging
import SQLStore

/// Copies an installation (every metadata table and every blob) to another database and blob store, then
/// verifies counts, rows and nupkg hashes: `pallet admin migrate`.
///
/// Safe to re-run: rows already in the target are skipped (`ON CONFLICT DO NOTHING`) and so are blobs
/// already there with the same size, so a second run after an interruption completes the copy. The source
/// must not be written to meanwhile (stop `pallet serve`); verification reports any drift.
/// Without a target storage the blobs stay where they are (the target database is meant to be used with
/// the source's blob store) and only their hashes are verified.
public struct InstallationMigration: Sendable {
    /// What the migration reports as it goes. The handler may throw to stop (tests simulate an interruption).
    public enum Event: Sendable, Equatable {
        /// A page of a table was committed in the target; `rows` copied from it so far.
        case tableBatch(table: String, rows: Int64)
        /// A table is copied.
        case tableCopied(table: String, rows: Int64)
        /// `done` of `total` blobs handled.
        case blobs(done: Int, total: Int)
        /// `done` nupkgs checked against their recorded SHA-512.
        case packagesVerified(done: Int)
    }

    public let sourceDatabase: DatabaseLocation
    public let sourceStorage: StorageLocation
    public let targetDatabase: DatabaseLocation
    /// nil: keep the blobs in the source store.
    public let targetStorage: StorageLocation?
    /// Rows per page and transaction, and nupkgs per hash-check page.
    public var batchSize = 500
    /// Blob progress is reported every this many blobs.
    public var blobProgressInterval = 1000
    /// The most nupkg problems listed; the rest are counted.
    static let reportedProblems = 10

    /// Migrates from the installation `config` runs on to the given targets; refuses a target that is the source.
    public init(config: ServerConfig, toDatabase: String, toStorage: String?) throws {
        sourceDatabase = try .configured(config)
        sourceStorage = try .configured(config)
        targetDatabase = try DatabaseLocation(url: toDatabase)
        targetStorage = try toStorage.map(StorageLocation.init(url:))
        guard targetDatabase != sourceDatabase else {
            throw StoreLocationError("The target database is the installation's own database (\(sourceDatabase)).")
        }
        guard targetStorage != sourceStorage else {
            throw StoreLocationError("The target storage is the installation's own storage (\(sourceStorage)); leave --to-storage out to keep it.")
        }
    }

    /// Copies everything and verifies it; the report says whether the target is complete.
    public func run(logger: Logger, progress: @escaping @Sendable (Event) async throws -> Void = { _ in }) async throws -> MigrationReport {
        let source = try await sourceDatabase.open(logger: logger)
        var stores = OpenStores(metadata: [source])
        do {
            let target = try await targetDatabase.open(logger: logger)
            stores.metadata.append(target)
            let sourceBlobs = try sourceStorage.open(logger: logger)
            stores.blobs.append(sourceBlobs)
            var blobs: BlobCopier?
            if let targetStorage {
                let targetBlobs = try targetStorage.open(logger: logger)
                stores.blobs.append(targetBlobs)
                blobs = BlobCopier(
                    from: sourceBlobs, to: targetBlobs, temporaryDirectory: targetStorage.temporaryDirectory,
                    progressInterval: blobProgressInterval)
            }
            let report = try await migrate(
                metadata: SQLStoreCopier(from: source, to: target, batchSize: batchSize),
                blobs: blobs, hashesIn: blobs?.target ?? sourceBlobs, progress: progress
            )
            try await stores.shutdown()
            return report
        } catch {
            try? await stores.shutdown()
            throw error
        }
    }

    private func migrate(
        metadata: SQLStoreCopier, blobs: BlobCopier?, hashesIn hashStore: any BlobStore,
        progress: @escaping @Sendable (Event) async throws -> Void
    ) async throws -> MigrationReport {
        try await metadata.copy { event in
            switch event {
            case .batch(let table, let rows): try await progress(.tableBatch(table: table, rows: rows))
            case .table(let table, let rows): try await progress(.tableCopied(table: table, rows: rows))
            }
        }
        var report = MigrationReport()
        if let blobs {
            report.blobs = try await blobs.copy { event in
                if case .blobs(let done, let total) = event { try await progress(.blobs(done: done, total: total)) }
            }
        }
        let tables = try await metadata.verify()
        report.tables = tables.counts.map { .init(table: $0.table, sourceRows: $0.sourceRows, targetRows: $0.targetRows) }
        report.mismatches = tables.mismatches
        if let blobs { report.mismatches += try await blobs.missingKeys() }
        let (checked, hashProblems) = try await verifyPackages(from: metadata.source, in: hashStore, progress: progress)
        report.packagesVerified = checked
        report.mismatches += hashProblems
        return report
    }

    /// Checks every available version's nupkg in the target blob store, a page at a time.
    private func verifyPackages(
        from store: SQLMetadataStore, in blobs: any BlobStore, progress: @Sendable (Event) async throws -> Void
    ) async throws -> (Int, [String]) {
        var checked = 0
        var failed = 0
        var problems: [String] = []
        var after: PackageVersionKey?
        while true {
            let page = try await store.availablePackageFiles(after: after, limit: batchSize)
            guard let last = page.last else { break }
            // Only the first lines are kept: an empty target would otherwise fill memory with a line per version.
            let found = try await BlobCopier.verify(page, in: blobs)
            failed += found.count
            problems += found.prefix(max(0, Self.reportedProblems - problems.count))
            checked += page.count
            try await progress(.packagesVerified(done: checked))
            after = last.key
        }
        if failed > problems.count { problems.append("\(failed - problems.count) more nupkgs differ") }
        return (checked, problems)
    }
}

/// The stores a migration opened, shut down together at the end.
private struct OpenStores {
    var metadata: [SQLMetadataStore]
    var blobs: [any BlobStore] = []

    func shutdown() async throws {
        for store in metadata { try await store.shutdown() }
        for store in blobs { try await store.shutdown() }
    }
}
