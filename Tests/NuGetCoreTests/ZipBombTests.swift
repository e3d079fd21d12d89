import Foundation
@testable import NuGetCore
import GalleryTestSupport
import Testing

/// Zip bombs: 2 GiB of zeros in ~13 MB of deflate, with an honest header and with one that lies.
/// Bounded work is asserted on the bytes the reader inflated and read (`NupkgReadWork`), never on a stopwatch.
@Suite("Zip bombs", .serialized)
struct ZipBombTests {
    static let twoGiB: Int64 = 2 << 30

    /// Writes an archive with a valid nuspec and a `bomb.bin` entry; `declaredSize` nil tells the truth.
    static func bomb(inflatingTo size: Int64, declaredSize: UInt32?) throws -> (path: String, inflated: Int64) {
        let (deflate, inflated) = ZeroDeflate.stream(inflatingTo: size)
        var zip = RawZip()
        zip.addStored("Test.Package.nuspec", text: TestPackage.bare().nuspecXML)
        zip.entries.append(RawZip.Entry(
            path: "content/bomb.bin", payload: deflate, method: 8,
            declaredUncompressedSize: declaredSize ?? UInt32(clamping: inflated), crc: 0))
        return (try zip.write(), inflated)
    }

    @Test("the generated stream is small and really inflates to what it claims (checked on 4 MiB)")
    func streamIsHonest() throws {
        let (path, inflated) = try Self.bomb(inflatingTo: 4 << 20, declaredSize: nil)
        var limits = NupkgLimits.default
        limits.maxEntryUncompressedBytes = inflated - 1
        // Declared size already exceeds the cap, so the reader refuses without inflating…
        #expect(throws: NupkgError.entryTooLarge("content/bomb.bin")) { try NupkgReader.read(fileAt: path, limits: limits) }
        // …and with the cap at the real size it inflates everything, then finds our deliberate CRC of 0.
        limits.maxEntryUncompressedBytes = inflated
        #expect(throws: NupkgError.corruptEntry("content/bomb.bin")) { try NupkgReader.read(fileAt: path, limits: limits) }
    }

    @Test("2 GiB of zeros with an honest header is refused from the header, before inflating anything")
    func honestHeader() throws {
        let (path, inflated) = try Self.bomb(inflatingTo: Self.twoGiB, declaredSize: nil)
        #expect(inflated > 1 << 30)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max < 16 << 20)
        let work = NupkgReadWork()
        #expect(throws: NupkgError.entryTooLarge("content/bomb.bin")) {
            try NupkgReader.read(fileAt: path, limits: .default, work: work)
        }
        // Refused from the central directory: nothing inflated, not even the nuspec.
        #expect(work.entriesStarted == 0)
        #expect(work.inflatedBytes == 0)
        #expect(work.compressedBytesRead == 0)
    }

    @Test("2 GiB of zeros behind a header claiming 1 KB stops at the cap while inflating")
    func lyingHeader() throws {
        let (path, _) = try Self.bomb(inflatingTo: Self.twoGiB, declaredSize: 1_024)
        var limits = NupkgLimits.default
        limits.maxEntryUncompressedBytes = 64 << 20
        let fileSize = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let before = PeakMemory.current()
        let work = NupkgReadWork()
        #expect(throws: NupkgError.entryTooLarge("content/bomb.bin")) {
            try NupkgReader.read(fileAt: path, limits: limits, work: work)
        }
        // Inflating stopped in the chunk that passed the 64 MiB cap (plus the small nuspec before it),
        // nowhere near the 2 GiB the stream holds…
        let nuspecBytes = Int64(TestPackage.bare().nuspecXML.utf8.count)
        #expect(work.entriesStarted == 2)
        #expect(work.inflatedBytes > limits.maxEntryUncompressedBytes)
        #expect(work.inflatedBytes <= limits.maxEntryUncompressedBytes + nuspecBytes + Int64(EntryInflater.bufferSize))
        // …and only the compressed bytes behind those 64 MiB were read: a small part of the file.
        #expect(work.compressedBytesRead < Int64(fileSize) / 8)
        if let before, let after = PeakMemory.current() {
            // Process-wide high-water mark: other tests run too, so only assert we stayed far below 2 GiB.
            #expect(after - before < 512 << 20)
        }
    }

    @Test("the total cap counts across entries while inflating")
    func totalCap() throws {
        var zip = RawZip()
        zip.addStored("Test.Package.nuspec", text: TestPackage.bare().nuspecXML)
        // Three honest 1 MiB entries (declared total 3 MiB, under the 4 MiB cap)…
        let megabyte = Data(repeating: 0x41, count: 1 << 20)
        let crc = CRC32.checksum(megabyte)
        for index in 0..<3 { zip.entries.append(RawZip.Entry(path: "content/\(index).bin", payload: megabyte, crc: crc)) }
        // …then one that claims 10 bytes and inflates to 8 MiB: the running total passes 4 MiB mid-entry.
        let (deflate, _) = ZeroDeflate.stream(inflatingTo: 8 << 20)
        zip.entries.append(RawZip.Entry(path: "content/liar.bin", payload: deflate, method: 8,
                                        declaredUncompressedSize: 10, crc: 0))
        var limits = NupkgLimits.default
        limits.maxTotalUncompressedBytes = 4 << 20
        #expect(throws: NupkgError.totalTooLarge) { try NupkgReader.read(fileAt: try zip.write(), limits: limits) }
    }
}

/// Reads the process's peak resident set size (`VmHWM`) on Linux.
enum PeakMemory {
    static func current() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
