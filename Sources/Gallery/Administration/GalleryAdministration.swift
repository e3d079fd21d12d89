import Foundation
import Logging

/// The site-admin and account-management actions: organizations, owners, prefix reservations,
/// account deletion, hard delete and the key-expiry reminder. The admin CLI and the web gallery call the
/// same methods, each with its principal; `AuthorizationPolicy` decides, through `authorizer`.
///
/// Every action commits its audit event in the same transaction as the change (`MetadataStore.apply`);
/// notifications go out after the change is committed.
public struct GalleryAdministration: Sendable {
    let store: any MetadataStore
    let clock: any GalleryClock
    let accounts: AccountService
    let authorizer: Authorizer
    let audit: AuditLog
    let notifier: GalleryNotifier
    let changes: ChangeRecorder
    let logger: Logger
    /// Re-render documents and search here (a server process); false in the admin CLI, which leaves the ids
    /// marked dirty for the running server to pick up (`PackageGallery.applyPendingChanges`), so the
    /// server's caches and search index stay the single source of what readers see.
    let rendersChanges: Bool

    /// Publishes what changed for these ids: now when this process serves, else left dirty for the server.
    func publish(_ lowerIDs: [String]) async throws {
        guard rendersChanges else { return }
        for lowerID in Set(lowerIDs) {
            try await changes.reindex(lowerID: lowerID, records: try await changes.documents.refresh(lowerID: lowerID))
        }
    }
}

extension PackageGallery {
    /// The administrative services, sending notifications through `mailer`.
    /// `rendersChanges: false` in a process that does not serve (the admin CLI): see `GalleryAdministration.rendersChanges`.
    public func administration(mailer: any Mailer, rendersChanges: Bool = true) -> GalleryAdministration {
        GalleryAdministration(
            store: store, clock: clock, accounts: accounts, authorizer: authorizer, audit: AuditLog(store: store, clock: clock, logger: logger),
            notifier: GalleryNotifier(mailer: mailer, store: store, logger: logger, baseURL: urls.base), changes: changes, logger: logger,
            rendersChanges: rendersChanges
        )
    }

    /// Re-renders and re-indexes every id another process (the admin CLI) changed, and the catalog pages.
    /// `serve` runs this every second. Returns how many ids were refreshed.
    @discardableResult
    public func applyPendingChanges() async throws -> Int {
        let dirty = try await store.dirtyLowerIDs()
        guard !dirty.isEmpty else { return 0 }
        for lowerID in dirty {
            try await changes.reindex(lowerID: lowerID, records: try await documents.refresh(lowerID: lowerID))
        }
        try await catalog.refresh()
        return dirty.count
    }
}
