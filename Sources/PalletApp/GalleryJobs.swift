import Gallery
import Logging
import ServiceLifecycle

/// Picks up ids another process (the admin CLI) changed and re-renders them here, every second, so owner
/// changes, deletions and reservations reach this server's caches and search index without a restart.
struct PendingChangesService: Service {
    let gallery: PackageGallery
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await gallery.applyPendingChanges()
                } catch {
                    logger.warning("could not apply changes made by another process", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// The daily job that mails users whose API keys expire within 7 days (once per key).
struct KeyExpiryReminderService: Service {
    let administration: GalleryAdministration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let sent = try await administration.remindExpiringKeys()
                    if sent > 0 { logger.info("sent API key expiry reminders", metadata: ["count": "\(sent)"]) }
                } catch {
                    logger.warning("API key expiry reminders failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(86_400))
            }
        }
    }
}
