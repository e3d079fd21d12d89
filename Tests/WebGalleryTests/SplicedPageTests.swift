import Foundation
import HTTPPlumbing
import NIOCore
import Testing
@testable import WebGallery

@Suite("web pages spliced from fragments compressed once")
struct SplicedPageTests {
    static func bytes(_ buffer: ByteBuffer) -> Data { Data(buffer.readableBytesView) }

    @Test("CRC-32: the standard check value, and two checksums combine into the checksum of both parts")
    func crc() {
        let check = Array("123456789".utf8).withUnsafeBytes { CRC32.update(0, $0) }
        #expect(check == 0xCBF4_3926)
        var generator = SystemRandomNumberGenerator()
        for (first, second) in [(0, 0), (0, 7), (5, 0), (1, 1), (1_000, 70_000), (65_537, 3)] {
            let a = (0..<first).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let b = (0..<second).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = (a + b).withUnsafeBytes { CRC32.update(0, $0) }
            let crcA = a.withUnsafeBytes { CRC32.update(0, $0) }, crcB = b.withUnsafeBytes { CRC32.update(0, $0) }
            #expect(CRC32.combine(crcA, crcB, secondLength: second) == whole)
            #expect(b.withUnsafeBytes { CRC32.update(crcA, $0) } == whole)
        }
    }

    @Test("the spliced gzip decodes to the plain page and ends with the trailer zlib's own CRC gives", arguments: [
        ("<html><head>", ["<li>one</li>", "", String(repeating: "<li>Contoso.Token.Udp</li>", count: 5_000)], "</html>"),
        ("", ["only a fragment"], ""),
        ("no fragments at all", [], "and a tail"),
        ("", [], ""),
        (String(repeating: "head ", count: 3_000), ["é ü ✓ 💥"], String(repeating: "tail ", count: 3_000)),
    ])
    func gzipMatchesPlain(head: String, fragments: [String], tail: String) throws {
        let marker = "<!--here-->"
        let page = SplicedPage(rendered: head + marker + tail, marker: marker, fragments: fragments.map(DeflatedFragment.init))
        let plain = Self.bytes(page.plain())
        #expect(plain == Data((head + fragments.joined() + tail).utf8))
        #expect(page.count == plain.count)
        let gzip = Self.bytes(page.gzip())
        #expect(GzipEncoder.decode(gzip) == plain)
        // CRC-32 and length as ZIPFoundation (zlib's algorithm) computes them over the whole page.
        let reference = try #require(GzipEncoder.encode(plain))
        #expect(gzip.suffix(8) == reference.suffix(8))
        #expect(gzip.prefix(10) == reference.prefix(10))
    }

    @Test("a rendered page without the marker is sent whole, fragments left out")
    func noMarker() {
        let page = SplicedPage(rendered: "<p>page</p>", marker: "<!--absent-->", fragments: [DeflatedFragment("<li>x</li>")])
        #expect(Self.bytes(page.plain()) == Data("<p>page</p>".utf8))
        #expect(GzipEncoder.decode(Self.bytes(page.gzip())) == Data("<p>page</p>".utf8))
    }

    @Test("ticking packages rebuilds only their chunks; the others are the cached fragments")
    func ticking() {
        let count = PackagePicker.chunkSize * 2 + 10
        let lower = (0..<count).map { String(format: "pkg.%05d", $0) }
        let picker = PackagePicker(lowerIDs: lower, ids: lower.map { $0.uppercased() }, feedGeneration: 1)
        #expect(picker.chunks.count == 3)
        let ticked = picker.fragments(ticking: ["pkg.00003", "pkg.00520", "not.owned"])
        let html = String(buffer: SplicedPage(rendered: "[x]", marker: "x", fragments: ticked).plain())
        #expect(html.components(separatedBy: " checked>").count - 1 == 2)
        #expect(html.contains(#"<input id="package-3" name="PackageIds" type="checkbox" value="PKG.00003" checked> <label for="package-3">PKG.00003</label>"#))
        #expect(html.contains(#"value="PKG.00520" checked>"#))
        #expect(ticked[1].deflated == picker.chunks[1].deflated)
        #expect(ticked[0].deflated != picker.chunks[0].deflated)
        let untouched = String(buffer: SplicedPage(rendered: "x", marker: "x", fragments: picker.chunks).plain())
        #expect(untouched.components(separatedBy: "<li ").count - 1 == count && !untouched.contains("checked"))
    }
}
