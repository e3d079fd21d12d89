import Foundation
import ZIPFoundation

/// Opens an uploaded `.nupkg` safely: checks every entry path, inflates every file while counting bytes
/// against the limits, parses the root nuspec, reads the files it names, and hashes the whole file.
///
/// The archive is never trusted: entry counts come from the end record and the iteration, sizes are counted
/// as bytes inflate (ZIPFoundation 0.9.20 keeps inflating past a header's declared size), and checksums are
/// verified, so a zip bomb or a lying header fails with a limit error after at most the limit's worth of work.
public enum NupkgReader {
    /// Reads the package at `path`.
    /// - Throws: `NupkgError` for archive problems, `NuspecError` for manifest problems.
    public static func read(fileAt path: String, limits: NupkgLimits = .default) throws -> NupkgContents {
        try read(fileAt: path, limits: limits, work: NupkgReadWork())
    }

    /// `read(fileAt:limits:)`, counting the work done into `work` (also when it throws), so tests can assert
    /// that hostile archives are refused after bounded work instead of timing them.
    static func read(fileAt path: String, limits: NupkgLimits, work: NupkgReadWork) throws -> NupkgContents {
        let url = URL(fileURLWithPath: path)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let fileSize = Int64(try handle.seekToEnd())
        guard fileSize > 0 else { throw NupkgError.empty }
        let directory = try ZipDirectoryProbe.inspect(handle, fileSize: fileSize)
        let declaredCount = directory.declaredCount
        guard declaredCount <= UInt64(limits.maxEntries) else { throw NupkgError.tooManyEntries(limit: limits.maxEntries) }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw NupkgError.notAZip
        }
        let entries = try listEntries(of: archive, declaredCount: declaredCount, fileSize: fileSize, limits: limits)
        guard directory.records.count == entries.count else { throw NupkgError.truncated }
        let nuspecEntry = try rootNuspec(in: entries)
        let locations = Dictionary(zip(entries.map(\.path), directory.records), uniquingKeysWith: { first, _ in first })
        let inflater = EntryInflater(archive: archive, file: handle, locations: locations, limits: limits, work: work)
        let nuspecData = try inflater.nuspec(nuspecEntry)
        var nuspecLimits = limits.nuspec
        nuspecLimits.maxBytes = limits.maxNuspecBytes
        let nuspec = try Nuspec(parsing: nuspecData, limits: nuspecLimits)
        let wanted = try NamedPackageFiles(nuspec: nuspec, entries: entries, limits: limits)
        let captured = try inflater.inflateAll(entries, skipping: nuspecEntry, capturing: wanted)
        let paths = entries.map(\.path)
        return NupkgContents(
            nuspec: nuspec,
            nuspecData: nuspecData,
            entries: paths,
            isSigned: paths.contains(".signature.p7s"),
            libFrameworks: libFrameworks(paths),
            readme: captured[.readme],
            icon: captured[.icon],
            licenseFile: captured[.license],
            packageSize: fileSize,
            sha512Base64: try PackageFileHasher.sha512Base64(of: handle),
            isLegacySymbolsPackage: nuspec.isSymbolsPackageType || hasLegacySymbolsLayout(paths),
            mcpServerJSON: captured[.mcpServer])
    }

    /// Iterates the central directory, refusing unsafe, duplicate and over-declared entries before inflating.
    static func listEntries(
        of archive: Archive, declaredCount: UInt64, fileSize: Int64, limits: NupkgLimits
    ) throws -> [Entry] {
        var entries: [Entry] = []
        var seen = Set<String>()
        var declaredTotal: UInt64 = 0
        for entry in archive {
            guard entries.count < limits.maxEntries else { throw NupkgError.tooManyEntries(limit: limits.maxEntries) }
            let path = entry.path
            try NupkgEntryPath.check(path, maxLength: limits.maxEntryPathLength)
            guard entry.type != .symlink else { throw NupkgError.symlinkEntry(path) }
            guard seen.insert(NupkgEntryPath.duplicateKey(path)).inserted else { throw NupkgError.duplicateEntry(path) }
            // Stored bytes can't exceed the file; ZIPFoundation would otherwise loop on EOF reads for a
            // declared size of up to 1 TiB (a hang found by Fuzz/FuzzNupkg).
            let storedSize = entry.isCompressed ? entry.compressedSize : entry.uncompressedSize
            guard storedSize <= UInt64(fileSize) else { throw NupkgError.corruptEntry(path) }
            guard entry.uncompressedSize <= UInt64(limits.maxEntryUncompressedBytes) else {
                throw NupkgError.entryTooLarge(path)
            }
            declaredTotal += entry.uncompressedSize
            guard declaredTotal <= UInt64(limits.maxTotalUncompressedBytes) else { throw NupkgError.totalTooLarge }
            entries.append(entry)
        }
        guard UInt64(entries.count) == declaredCount else { throw NupkgError.truncated }
        return entries
    }

    /// The single `*.nuspec` file at the root (extension compared ignoring case, as NuGet clients do).
    static func rootNuspec(in entries: [Entry]) throws -> Entry {
        let candidates = entries.filter {
            $0.type == .file && NupkgEntryPath.isAtRoot($0.path) && $0.path.lowercased().hasSuffix(".nuspec")
        }
        guard let first = candidates.first else { throw NupkgError.noNuspec }
        guard candidates.count == 1 else { throw NupkgError.multipleNuspecs }
        return first
    }

    /// Frameworks of `lib/{tfm}/…` and `ref/{tfm}/…`; files directly in `lib/` count as "any".
    static func libFrameworks(_ paths: [String]) -> [NuGetFramework] {
        var byName: [String: NuGetFramework] = [:]
        for path in paths where !path.hasSuffix("/") {
            let parts = path.split(separator: "/")
            guard parts.count >= 2, ["lib", "ref"].contains(parts[0].lowercased()) else { continue }
            let framework = parts.count == 2 ? NuGetFramework.any : try? NuGetFramework(parsing: String(parts[1]))
            if let framework { byName[framework.shortFolderName] = framework }
        }
        return byName.keys.sorted().compactMap { byName[$0] }
    }

    /// NuGet.Server's test for a legacy `.symbols.nupkg`: `.pdb` files and a `src/` folder.
    static func hasLegacySymbolsLayout(_ paths: [String]) -> Bool {
        paths.contains { $0.lowercased().hasSuffix(".pdb") } && paths.contains { $0.lowercased().hasPrefix("src/") }
    }
}
