import Foundation
import ZIPFoundation

/// The readme, icon and license files a nuspec names, matched to archive entries.
struct NamedPackageFiles {
    /// Entry path → the kinds it serves (one file may be both readme and license) and the tightest cap.
    var byPath: [String: (kinds: [PackageFileKind], cap: Int)] = [:]

    init(nuspec: Nuspec, entries: [Entry], limits: NupkgLimits) throws {
        var named: [(PackageFileKind, String, Int)] = []
        if let readme = nuspec.readme { named.append((.readme, readme, limits.maxReadmeBytes)) }
        if let icon = nuspec.icon { named.append((.icon, icon, limits.maxIconBytes)) }
        if let license = nuspec.license, license.kind == .file {
            named.append((.license, license.value, limits.maxLicenseBytes))
        }
        for (kind, written, cap) in named {
            let wanted = NupkgEntryPath.fromNuspec(written)
            // Exact match first; then ignoring case, as NuGet's pack resolves on case-insensitive file systems.
            let entry = entries.first { $0.type == .file && $0.path == wanted }
                ?? entries.first { $0.type == .file && $0.path.lowercased() == wanted.lowercased() }
            guard let entry else { throw NupkgError.missingFile(kind: kind, path: written) }
            guard entry.uncompressedSize <= UInt64(cap) else {
                throw NupkgError.fileTooLarge(kind: kind, path: written, limit: cap)
            }
            let previous = byPath[entry.path]
            byPath[entry.path] = ((previous?.kinds ?? []) + [kind], min(previous?.cap ?? cap, cap))
        }
        // An MCP server package's `.mcp/server.json` sits at a fixed path; it is optional. Its cap is in
        // characters (checked by `PackageValidator`): four UTF-8 bytes each at most.
        let mcpPath = PackageFileRules.mcpServerJSONPath
        if let entry = entries.first(where: { $0.type == .file && $0.path.lowercased() == mcpPath }) {
            let cap = PackageFileRules.maxMCPServerJSONCharacters * 4
            guard entry.uncompressedSize <= UInt64(cap) else {
                throw NupkgError.fileTooLarge(kind: .mcpServer, path: entry.path, limit: cap)
            }
            byPath[entry.path, default: ([], cap)].kinds.append(.mcpServer)
        }
    }
}

/// The work one `NupkgReader.read` did: what bounds a hostile archive's cost, countable instead of timed.
final class NupkgReadWork {
    /// Entries whose inflating started (the nuspec included).
    var entriesStarted = 0
    /// Uncompressed bytes handed out by inflating, over all entries.
    var inflatedBytes: Int64 = 0
    /// Compressed bytes read from the file for deflated entries.
    var compressedBytesRead: Int64 = 0
}

/// Inflates entries through ZIPFoundation's streaming consumer, counting bytes as they arrive.
///
/// Deflated entries are fed to ZIPFoundation's `Data.decompress` by our own provider, bounded by the entry's
/// compressed size: ZIPFoundation 0.9.20's `Archive.extract` keeps reading past the entry and, at end of file,
/// loops forever on a deflate stream that never ends (a 3 KB upload hung a thread; found by Fuzz/FuzzNupkg).
struct EntryInflater {
    let archive: Archive
    let file: FileHandle
    let locations: [String: ZipDirectoryProbe.Record]
    let limits: NupkgLimits
    let work: NupkgReadWork
    static let bufferSize = 64 * 1024

    /// Thrown from inside the consumer to stop inflating the moment a cap is passed.
    private struct CapReached: Error {}

    /// The nuspec's bytes, at most `maxNuspecBytes`.
    func nuspec(_ entry: Entry) throws -> Data {
        var data = Data()
        let completed = try inflate(entry, cap: Int64(limits.maxNuspecBytes)) { data.append($0) }
        guard completed else { throw NuspecError.tooLarge(limit: limits.maxNuspecBytes) }
        return data
    }

    /// Inflates every file entry (verifying checksums and the size caps) and keeps the named files' bytes.
    func inflateAll(
        _ entries: [Entry], skipping nuspec: Entry, capturing named: NamedPackageFiles
    ) throws -> [PackageFileKind: Data] {
        var captured: [PackageFileKind: Data] = [:]
        var total = Int64(nuspec.uncompressedSize)
        for entry in entries where entry.type == .file && entry.path != nuspec.path {
            let wanted = named.byPath[entry.path]
            let cap = min(limits.maxEntryUncompressedBytes, wanted.map { Int64($0.cap) } ?? .max)
            var data = Data()
            var count: Int64 = 0
            let completed = try inflate(entry, cap: cap) { chunk in
                count += Int64(chunk.count)
                if total + count > limits.maxTotalUncompressedBytes { throw NupkgError.totalTooLarge }
                if wanted != nil { data.append(chunk) }
            }
            guard completed else {
                if let wanted, let kind = wanted.kinds.first {
                    throw NupkgError.fileTooLarge(kind: kind, path: entry.path, limit: wanted.cap)
                }
                throw NupkgError.entryTooLarge(entry.path)
            }
            total += count
            for kind in wanted?.kinds ?? [] { captured[kind] = data }
        }
        return captured
    }

    /// Streams one entry to `consume`; returns false when it inflated past `cap` (and stops right there).
    private func inflate(_ entry: Entry, cap: Int64, consume: (Data) throws -> Void) throws -> Bool {
        var count: Int64 = 0
        let work = self.work
        work.entriesStarted += 1
        do {
            let consumer: Consumer = { chunk in
                count += Int64(chunk.count)
                work.inflatedBytes += Int64(chunk.count)
                if count > cap { throw CapReached() }
                try consume(chunk)
            }
            let checksum: CRC32
            if entry.isCompressed, let location = locations[entry.path] {
                checksum = try inflateDeflated(location, consumer: consumer)
            } else {
                checksum = try archive.extract(entry, bufferSize: Self.bufferSize, skipCRC32: false, consumer: consumer)
            }
            guard checksum == entry.checksum, UInt64(count) == entry.uncompressedSize else {
                throw NupkgError.corruptEntry(entry.path)
            }
            return true
        } catch is CapReached {
            return false
        } catch let error as NuspecError {
            throw error
        } catch let error as NupkgError {
            throw error
        } catch {
            // zlib data errors, short reads, unknown compression methods.
            throw NupkgError.corruptEntry(entry.path)
        }
    }

    /// Thrown by the provider when the deflate stream runs past the entry's compressed bytes.
    private struct StreamOverrun: Error {}

    private func inflateDeflated(_ location: ZipDirectoryProbe.Record, consumer: Consumer) throws -> CRC32 {
        let start = try ZipDirectoryProbe.dataOffset(of: location, in: file)
        let size = location.compressedSize
        try file.seek(toOffset: start)
        return try Data.decompress(size: Int64(size), bufferSize: Self.bufferSize, skipCRC32: false, provider: { position, chunk in
            let remaining = size - min(size, UInt64(position))
            guard remaining > 0 else { throw StreamOverrun() }
            let data = try file.read(upToCount: Int(min(UInt64(chunk), remaining))) ?? Data()
            guard !data.isEmpty else { throw StreamOverrun() }
            work.compressedBytesRead += Int64(data.count)
            return data
        }, consumer: consumer)
    }
}
