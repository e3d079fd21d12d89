import Foundation
import Gallery
import Logging
import ServiceLifecycle

/// Picks up ids other processes changed (other nodes, the admin CLI), every second, so their pushes, owner
/// changes, deletions and reservations reach this node's caches and search index without a restart.
struct PendingChangesService: Service {
    let gallery: PackageGallery
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await gallery.follower.poll()
                } catch {
                    logger.warning("could not apply changes made by another process", metadata: ["error": "\(error)"])
                }
                do {
                    // The catalog's index and newest page are written behind, once a second (`CatalogPublisher`).
                    try await gallery.catalog.flush()
                } catch {
                    logger.warning("could not write the catalog's documents to the blob store", metadata: ["error": "\(error)"])
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

/// Removes pushes that claimed a version and never finished (their node died mid-push), with their blobs, and
/// temporary files older than the timeout (uploads and blob writes cut off by a crash), at start and then periodically.
/// A single node removes interrupted pushes at start; with a shared database a node cannot tell a dead push from
/// one in flight on another node, so claims whose lease lapsed more than the timeout ago are swept here, every minute.
struct PendingPushSweeperService: Service {
    let gallery: PackageGallery
    let timeout: TimeInterval
    /// Whether claims are swept here (a shared database) or only at start (a single node).
    let sweepsClaims: Bool
    let temporaryFiles: TemporaryFileSweeper
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // First the leftovers of the previous run (its interrupted pushes were removed by `start()`), off
            // the start path: walking a large blob folder takes a while.
            await temporaryFiles.sweep(olderThan: timeout, includingBlobs: true)
            var lastBlobSweep = Date()
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(min(60, max(1, timeout / 2))))
                // Shutting down: a sweep now would take claims over and be cut off before abandoning them.
                if Task.isCancelled { break }
                if sweepsClaims {
                    do {
                        let removed = try await gallery.publisher.recoverClaims(olderThan: timeout)
                        if removed > 0 { logger.info("removed interrupted pushes", metadata: ["count": "\(removed)"]) }
                    } catch {
                        logger.warning("sweeping interrupted pushes failed", metadata: ["error": "\(error)"])
                    }
                }
                // Walking every blob folder is costly, so `.tmp-` blobs are swept hourly; uploads every round.
                let sweepBlobs = Date().timeIntervalSince(lastBlobSweep) >= 3_600
                if sweepBlobs { lastBlobSweep = Date() }
                await temporaryFiles.sweep(olderThan: timeout, includingBlobs: sweepBlobs)
            }
        }
    }
}
