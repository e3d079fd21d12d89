import BlobFileSystem
import Foundation
import Gallery
import Logging

/// Deletes temporary files a crash left behind: uploads staged in the data folder (`upload-*.nupkg`) and the
/// filesystem blob store's half-written `.tmp-` files. Only files older than a bound go, so a write in flight
/// (whose file is younger) is never touched.
struct TemporaryFileSweeper: Sendable {
    let data: DataDirectory
    let blobs: any BlobStore
    let logger: Logger

    /// The youngest a leftover may be. An upload's file stops changing when its body has arrived, but stays in use
    /// while the push validates, claims and stores it (longer on a loaded machine or a slow object store), so a
    /// short pending-push timeout must not make the sweeper delete the file of a push still running.
    static let minimumAge: TimeInterval = 3_600

    /// Removes the leftovers last modified more than `age` seconds ago (never less than `minimumAge`); failures
    /// are skipped, never thrown. `includingBlobs` also walks the whole blob folder (costly with many packages,
    /// so not every minute).
    func sweep(olderThan age: TimeInterval, includingBlobs: Bool = true) async {
        let bound = Date().addingTimeInterval(-max(age, Self.minimumAge))
        var removed = await TemporaryFiles.remove(in: data.temporary, olderThan: bound, recursive: false) {
            $0.hasPrefix("upload-") && $0.hasSuffix(".nupkg")
        }
        if includingBlobs, let fileSystem = blobs as? FileSystemBlobStore {
            removed += await fileSystem.removeTemporaryFiles(olderThan: bound)
        }
        if removed > 0 {
            logger.info("removed leftover temporary files", metadata: ["count": "\(removed)"])
        }
    }
}
