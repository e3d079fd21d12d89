public import Foundation
import NIOPosix

/// Finds and removes leftover temporary files by name and age (the sweeper's part of crash recovery).
public enum TemporaryFiles {
    /// Removes the regular files in `folder` (and below it when `recursive`) whose name `matches` and that were
    /// last modified before `bound`, on NIO's blocking thread pool (a walk of a large blob folder takes a while).
    /// Returns how many went; unreadable entries are skipped.
    @discardableResult
    public static func remove(
        in folder: String, olderThan bound: Date, recursive: Bool, matching matches: @escaping @Sendable (String) -> Bool
    ) async -> Int {
        (try? await NIOThreadPool.singleton.runIfActive {
            removeBlocking(in: folder, olderThan: bound, recursive: recursive, matching: matches)
        }) ?? 0
    }

    private static func removeBlocking(
        in folder: String, olderThan bound: Date, recursive: Bool, matching matches: (String) -> Bool
    ) -> Int {
        let manager = FileManager.default
        let root = URL(fileURLWithPath: folder)
        let keys: [URLResourceKey] = [.contentModificationDateKey, .isRegularFileKey]
        let urls: [URL]
        if recursive {
            guard let enumerator = manager.enumerator(at: root, includingPropertiesForKeys: keys) else { return 0 }
            urls = enumerator.compactMap { $0 as? URL }
        } else {
            urls = (try? manager.contentsOfDirectory(at: root, includingPropertiesForKeys: keys)) ?? []
        }
        var removed = 0
        for url in urls where matches(url.lastPathComponent) {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true,
                  let modified = values.contentModificationDate, modified < bound else { continue }
            if (try? manager.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}

extension FileSystemBlobStore {
    /// Removes `.tmp-` files (writes cut off by a crash) last modified before `bound`, anywhere below the root.
    @discardableResult
    public func removeTemporaryFiles(olderThan bound: Date) async -> Int {
        await TemporaryFiles.remove(in: root, olderThan: bound, recursive: true) { $0.hasPrefix(Self.temporaryPrefix) }
    }
}
