/// Everything Pallet remembers apart from blobs, as one store: SQLite by default, PostgreSQL for scale-out,
/// memory in tests. Services that need one part take the narrower protocol.
public protocol MetadataStore: PackageVersionStore, RenderingLedger, CatalogStore, AccountStore, AuditStore,
    DownloadHistoryStore,
    DeprecationStore,
    AdvisoryStore,
    TrustedPublishingStore,
    WebAccountStore,
    AccountSecurityStore,
    ManagementRequestStore,
    SupportDeskStore,
    ExternalLoginStore {
    /// Creates or upgrades the schema. Idempotent; safe while another process uses the store.
    func migrate() async throws
    /// Closes connections; the store is unusable afterwards.
    func shutdown() async throws
}

/// Errors every store maps its driver errors to.
public enum StoreError: Error, Sendable, Equatable {
    /// A unique constraint refused the write.
    case alreadyExists(String)
    /// The database cannot be reached.
    case unavailable(String)
}
