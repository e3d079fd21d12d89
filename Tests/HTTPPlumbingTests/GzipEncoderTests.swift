import Foundation
import Testing
@testable import HTTPPlumbing

/// The gzip documents are served with, and the `Accept-Encoding` values that get it.
@Suite("gzip encoder")
struct GzipEncoderTests {
    @Test("encode then decode gives the bytes back; the header is fixed so every node writes the same bytes",
          arguments: [Data(), Data("{}".utf8), Data(String(repeating: "{\"id\":\"Contoso.Utils\"},", count: 20_000).utf8)])
    func roundTrip(_ body: Data) throws {
        let encoded = try #require(GzipEncoder.encode(body))
        #expect(encoded.prefix(4) == Data([0x1F, 0x8B, 0x08, 0x00]))
        #expect(GzipEncoder.encode(body) == encoded)
        #expect(GzipEncoder.decode(encoded) == body)
        if body.count > 1000 { #expect(encoded.count < body.count / 10, "JSON compresses well") }
    }

    @Test("the trailer holds the CRC-32 and size (what gunzip checks)")
    func trailer() throws {
        let encoded = try #require(GzipEncoder.encode(Data("hello".utf8)))
        // CRC-32 of "hello" is 0x3610A686; the size is 5; both little-endian.
        #expect(Array(encoded.suffix(8)) == [0x86, 0xA6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00])
    }

    @Test("Accept-Encoding", arguments: [
        ("gzip, deflate", true), ("br;q=1.0, gzip;q=0.8", true), ("*", true), ("GZIP", true), ("x-gzip", true),
        ("gzip;q=0", false), ("deflate, br", false), ("identity", false), ("", false),
    ])
    func acceptEncoding(_ value: String, _ accepted: Bool) {
        #expect(DocumentResponse.acceptsGzip(value) == accepted)
    }
}
