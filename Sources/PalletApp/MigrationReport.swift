public import Gallery

/// What `InstallationMigration.run` copied and what verification found.
public struct MigrationReport: Sendable, Equatable {
    /// Row counts of one table in the source and the target.
    public struct TableCount: Sendable, Equatable {
        public let table: String
        public let sourceRows: Int64
        public let targetRows: Int64
    }

    /// Every copied table, in copy order.
    public var tables: [TableCount] = []
    /// The blob copy, or nil when the blobs stayed in the source store.
    public var blobs: BlobCopier.Summary?
    /// How many nupkgs were checked against their recorded size and SHA-512.
    public var packagesVerified = 0
    /// One line per difference; empty when the target is complete.
    public var mismatches: [String] = []

    /// Whether the target holds everything the source does.
    public var isComplete: Bool { mismatches.isEmpty }
}
