import Foundation
@testable import NuGetCore
import GalleryTestSupport
import Testing

/// Hostile archives: each must fail with its exact error, in bounded time, without inflating past a cap.
@Suite("Nupkg hostile input")
struct NupkgHostileTests {
    static let nuspec = TestPackage.bare().nuspecXML

    /// A raw archive with a valid nuspec followed by `extra` entries.
    static func archive(_ extra: [(String, String)]) -> RawZip {
        var zip = RawZip()
        zip.addStored("Test.Package.nuspec", text: nuspec)
        for (path, text) in extra { zip.addStored(path, text: text) }
        return zip
    }

    static let badPaths: [(String, NupkgError)] = [
        ("../evil.txt", .unsafeEntryPath("../evil.txt")),
        ("lib/../../evil.txt", .unsafeEntryPath("lib/../../evil.txt")),
        ("/etc/passwd", .unsafeEntryPath("/etc/passwd")),
        ("C:/Windows/evil.dll", .unsafeEntryPath("C:/Windows/evil.dll")),
        ("lib\\net8.0\\A.dll", .unsafeEntryPath("lib\\net8.0\\A.dll")),
        ("lib//A.dll", .unsafeEntryPath("lib//A.dll")),
        ("lib/./A.dll", .unsafeEntryPath("lib/./A.dll")),
        ("lib/A\u{0}.dll", .unsafeEntryPath("lib/A\u{0}.dll")),
        (String(repeating: "a", count: 261), .entryPathTooLong(String(repeating: "a", count: 261))),
    ]

    @Test("unsafe entry paths are refused", arguments: badPaths)
    func unsafePath(_ path: String, _ expected: NupkgError) throws {
        let file = try Self.archive([(path, "x")]).write()
        #expect(throws: expected) { try NupkgReader.read(fileAt: file) }
    }

    static let duplicates: [(String, String)] = [
        ("lib/A.dll", "lib/A.dll"), ("lib/A.dll", "LIB/a.DLL"), ("docs/", "docs"),
    ]

    @Test("duplicate entries, ignoring case and a trailing slash, are refused", arguments: duplicates)
    func duplicate(_ first: String, _ second: String) throws {
        let file = try Self.archive([(first, "1"), (second, "2")]).write()
        #expect(throws: NupkgError.duplicateEntry(second)) { try NupkgReader.read(fileAt: file) }
    }

    @Test("no nuspec, a nuspec only in a folder, and two nuspecs")
    func nuspecCount() throws {
        var none = RawZip()
        none.addStored("lib/A.dll", text: "x")
        #expect(throws: NupkgError.noNuspec) { try NupkgReader.read(fileAt: try none.write()) }
        var nested = RawZip()
        nested.addStored("sub/A.nuspec", text: Self.nuspec)
        #expect(throws: NupkgError.noNuspec) { try NupkgReader.read(fileAt: try nested.write()) }
        let two = Self.archive([("Other.nuspec", Self.nuspec)])
        #expect(throws: NupkgError.multipleNuspecs) { try NupkgReader.read(fileAt: try two.write()) }
    }

    @Test("empty file, random bytes, truncated archive")
    func notZips() throws {
        let directory = TestPackage.makeTempDirectory()
        let empty = directory.appendingPathComponent("empty.nupkg")
        try Data().write(to: empty)
        #expect(throws: NupkgError.empty) { try NupkgReader.read(fileAt: empty.path) }
        var generator = SystemRandomNumberGenerator()
        let random = directory.appendingPathComponent("random.nupkg")
        try Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: random)
        #expect(throws: NupkgError.notAZip) { try NupkgReader.read(fileAt: random.path) }
        let whole = Self.archive([("lib/A.dll", String(repeating: "x", count: 5_000))]).bytes()
        let truncated = directory.appendingPathComponent("truncated.nupkg")
        try whole.prefix(whole.count / 2).write(to: truncated)
        #expect(throws: NupkgError.notAZip) { try NupkgReader.read(fileAt: truncated.path) }
    }

    @Test("a central directory cut short is reported as truncated")
    func truncatedDirectory() throws {
        var bytes = Self.archive([("lib/A.dll", "x"), ("lib/B.dll", "y")]).bytes()
        // Corrupt the signature of the last central-directory record: the end record still declares 3.
        let signature = Data([0x50, 0x4B, 0x01, 0x02])
        let last = try #require(bytes.lastRange(of: signature))
        bytes.replaceSubrange(last, with: Data([0, 0, 0, 0]))
        let file = TestPackage.makeTempDirectory().appendingPathComponent("cut.nupkg")
        try bytes.write(to: file)
        #expect(throws: NupkgError.truncated) { try NupkgReader.read(fileAt: file.path) }
    }

    @Test("a checksum mismatch is a corrupt entry")
    func badChecksum() throws {
        var zip = Self.archive([])
        zip.entries.append(RawZip.Entry(path: "lib/A.dll", payload: Data("abc".utf8), crc: 1234))
        #expect(throws: NupkgError.corruptEntry("lib/A.dll")) { try NupkgReader.read(fileAt: try zip.write()) }
    }

    /// Fuzz/FuzzNupkg finding: ZIPFoundation 0.9.20 traps ("Not enough bits to represent the passed value",
    /// crashing the server) converting a ZIP64 offset above Int64.max to `off_t`. The probe refuses such values.
    @Test("a ZIP64 offset above Int64.max is refused, not a crash (fuzz regression)",
          arguments: [UInt64(1) << 63, UInt64.max, UInt64(1) << 41])
    func hugeZIP64Offset(_ offset: UInt64) throws {
        var zip = Self.archive([])
        var extra = Data([0x01, 0x00, 0x08, 0x00])
        withUnsafeBytes(of: offset.littleEndian) { extra.append(contentsOf: $0) }
        zip.entries.append(RawZip.Entry(path: "lib/A.dll", payload: Data("x".utf8), centralExtra: extra,
                                        declaredLocalOffset: 0xFFFF_FFFF))
        #expect(throws: NupkgError.notAZip) { try NupkgReader.read(fileAt: try zip.write()) }
    }

    /// Fuzz/FuzzNupkg timeout 9bdef1da: five bytes changed near the end of TestData.dll's deflate stream in the
    /// corpus's TestData.1.2.3.nupkg made ZIPFoundation's `extract` loop forever at end of file.
    @Test("a deflate stream that never ends is corrupt, not a hang (fuzz regression)")
    func endlessDeflateStream() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Corpus.path("valid/TestData.1.2.3.nupkg"))))
        for (offset, value) in [(2027, 0o211), (2046, 0o274), (2047, 0o037), (2048, 0o275), (2049, 0o362)] {
            bytes[offset] = UInt8(value)
        }
        let file = TestPackage.makeTempDirectory().appendingPathComponent("endless.nupkg")
        try Data(bytes).write(to: file)
        let work = NupkgReadWork()
        #expect(throws: NupkgError.corruptEntry("lib/net5.0/TestData.dll")) {
            try NupkgReader.read(fileAt: file.path, limits: .default, work: work)
        }
        // No loop at end of file: the provider read each deflated entry at most once, so less than the file.
        #expect(work.compressedBytesRead <= Int64(bytes.count))
    }

    @Test("a deflate stream cut before its final block is corrupt")
    func unfinishedDeflateStream() throws {
        var zip = Self.archive([])
        // A non-final stored block holding "hello", then nothing: inflate keeps asking for input.
        let payload = Data([0x00, 0x05, 0x00, 0xFA, 0xFF]) + Data("hello".utf8)
        zip.entries.append(RawZip.Entry(path: "lib/A.dll", payload: payload, method: 8, declaredUncompressedSize: 5,
                                        crc: CRC32.checksum(Data("hello".utf8))))
        #expect(throws: NupkgError.corruptEntry("lib/A.dll")) { try NupkgReader.read(fileAt: try zip.write()) }
    }

    @Test("too many entries are refused from the end record, before iterating")
    func tooManyEntries() throws {
        let zip = Self.archive((0..<50).map { ("f\($0).txt", "x") })
        var limits = NupkgLimits.default
        limits.maxEntries = 20
        #expect(throws: NupkgError.tooManyEntries(limit: 20)) { try NupkgReader.read(fileAt: try zip.write(), limits: limits) }
    }

    @Test("an oversized nuspec entry is refused with the nuspec cap")
    func hugeNuspecEntry() throws {
        let big = TestPackage.bare(description: String(repeating: "x", count: 2 << 20)).nuspecXML
        var zip = RawZip()
        zip.addStored("Test.Package.nuspec", text: big)
        #expect(throws: NuspecError.tooLarge(limit: 1 << 20)) { try NupkgReader.read(fileAt: try zip.write()) }
    }
}

extension Data {
    func lastRange(of pattern: Data) -> Range<Int>? {
        guard count >= pattern.count else { return nil }
        for start in stride(from: count - pattern.count, through: 0, by: -1)
        where self[start..<start + pattern.count] == pattern {
            return start..<start + pattern.count
        }
        return nil
    }
}
